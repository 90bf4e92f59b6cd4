import { eventBody } from '../../../../lib/controllers/machinery/event-body';

const NOW = new Date('2026-03-01T12:00:00Z');

test('an Event the API server accepts for any object name: the name cut to fit with its suffix, the message capped', () => {
  const body = eventBody({
    namespace: 'west', involvedObject: { apiVersion: 'cdk8s-skupper.io/v1alpha1', kind: 'LinkGrant', name: 'g'.repeat(253), uid: 'u1' },
    type: 'Normal', reason: 'Redeemed', message: 'm'.repeat(5000), count: 3, component: 'cdk8s-skupper-grant-server', instance: 'pod-1', now: NOW,
  });
  expect(body.metadata!.name).toMatch(new RegExp(`^g{230}\\.[0-9a-f]{16}$`));
  expect(body.metadata!.name!.length).toBeLessThanOrEqual(253);
  expect(body.message).toHaveLength(1024);
  expect(body.involvedObject).toEqual({ apiVersion: 'cdk8s-skupper.io/v1alpha1', kind: 'LinkGrant', name: 'g'.repeat(253), uid: 'u1', namespace: 'west' });
  expect([body.count, body.firstTimestamp, body.lastTimestamp]).toEqual([3, NOW, NOW]);
  expect([body.source, body.reportingComponent, body.reportingInstance]).toEqual([{ component: 'cdk8s-skupper-grant-server', host: 'pod-1' }, 'cdk8s-skupper-grant-server', 'pod-1']);
});

test('without an instance the component reports itself, once', () => {
  const body = eventBody({ namespace: 'east', involvedObject: { apiVersion: 'v1', kind: 'X', name: 'x' }, type: 'Warning', reason: 'R', message: 'm', component: 'c', now: NOW });
  expect([body.count, body.reportingInstance, body.source]).toEqual([1, 'c', { component: 'c', host: undefined }]);
});
