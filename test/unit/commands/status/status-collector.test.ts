import { collectContextStatus } from '../../../../lib/commands/status/status-collector';
import { FakeKubeApi } from '../fake-kube-api';
import { connector, grant, link, listener, NOW, READY_GRANT_STATUS, READY_LISTENER_STATUS, token } from './status-fixtures';

const GRANTS = '/apis/cdk8s-skupper.io/v1alpha1/linkgrants';
const TOKENS = '/apis/cdk8s-skupper.io/v1alpha1/linktokens';
const LINKS = '/apis/skupper.io/v2alpha1/links';
const LISTENERS = '/apis/skupper.io/v2alpha1/listeners';
const CONNECTORS = '/apis/skupper.io/v2alpha1/connectors';

test('lists the five kinds in all namespaces, paged', async () => {
  const api = new FakeKubeApi('west')
    .list(GRANTS, [grant('a', 'g', READY_GRANT_STATUS)])
    .list(TOKENS, [token('b', 't')])
    .list(LINKS, [link('b', 't')])
    .list(LISTENERS, [listener('b', 'backend', READY_LISTENER_STATUS)])
    .list(CONNECTORS, [connector('a', 'backend')]);
  const status = await collectContextStatus(api, undefined, NOW);
  expect(status.rows.map((r) => `${r.kind} ${r.namespace}/${r.name} ${r.status}`)).toEqual([
    'LinkGrant a/g Ready', 'LinkToken b/t Pending', 'Link b/t Pending', 'Listener b/backend Ready', 'Connector a/backend Pending',
  ]);
  expect(status.warnings).toEqual([]);
  expect(status.unreachable).toBeUndefined();
  const list = api.requests.find((r) => r.path === GRANTS)!;
  expect(list.query.get('limit')).toBe('250');
});

test('follows continue tokens', async () => {
  const api = new FakeKubeApi('west')
    .on(GRANTS, (request) => (request.query.get('continue') === 'page2'
      ? { json: { items: [grant('a', 'second')], metadata: {} } }
      : { json: { items: [grant('a', 'first')], metadata: { continue: 'page2' } } }))
    .list(TOKENS, []).list(LINKS, []).list(LISTENERS, []).list(CONNECTORS, []);
  const status = await collectContextStatus(api, undefined, NOW);
  expect(status.rows.map((r) => r.name)).toEqual(['first', 'second']);
});

test('--namespace lists in that namespace only', async () => {
  const api = new FakeKubeApi('west')
    .list('/apis/cdk8s-skupper.io/v1alpha1/namespaces/west/linkgrants', [grant('west', 'g')])
    .list('/apis/cdk8s-skupper.io/v1alpha1/namespaces/west/linktokens', [])
    .list('/apis/skupper.io/v2alpha1/namespaces/west/links', [])
    .list('/apis/skupper.io/v2alpha1/namespaces/west/listeners', [listener('west', 'backend')])
    .list('/apis/skupper.io/v2alpha1/namespaces/west/connectors', []);
  const status = await collectContextStatus(api, 'west', NOW);
  expect(status.rows.map((r) => r.name)).toEqual(['g', 'backend']);
  expect(status.warnings).toEqual([]);
});

test('a CRD that is not installed (404 on the list) is a warning, not a failure', async () => {
  const api = new FakeKubeApi('west').list(GRANTS, [grant('a', 'g')]).list(TOKENS, []); // no Skupper routes: 404
  const status = await collectContextStatus(api, undefined, NOW);
  expect(status.rows).toHaveLength(1);
  // Sorted by message, whatever order the lists finished in.
  expect(status.warnings).toEqual([['Connectors', 'connectors'], ['Links', 'links'], ['Listeners', 'listeners']].map(([kinds, plural]) => ({
    context: 'west', blocking: false,
    message: `no ${kinds} listed in context "west": the CRD ${plural}.skupper.io is not installed (or does not serve v2alpha1)`,
  })));
});

test('a refused list is a blocking warning; a 401 or no answer makes the context unreachable', async () => {
  const forbidden = new FakeKubeApi('west').list(GRANTS, []).list(TOKENS, []).list(LISTENERS, []).list(CONNECTORS, [])
    .on(LINKS, { status: 403, message: 'links.skupper.io is forbidden' });
  const status = await collectContextStatus(forbidden, undefined, NOW);
  expect(status.warnings).toEqual([{ context: 'west', blocking: true, message: 'cannot list Links in context "west": forbidden (RBAC)' }]);

  const unauthorized = new FakeKubeApi('west').on(GRANTS, { status: 401, message: 'Unauthorized' }).list(TOKENS, []).list(LINKS, [])
    .list(LISTENERS, []).list(CONNECTORS, []);
  expect(await collectContextStatus(unauthorized, undefined, NOW)).toEqual({
    context: 'west', rows: [], warnings: [],
    unreachable: 'the API server of context "west" refused its credentials (401 Unauthorized): check the kubeconfig user, or log in again',
  });

  const down = new FakeKubeApi('east').on('/version', 'unreachable');
  const result = await collectContextStatus(down, undefined, NOW);
  expect(result.unreachable).toBe('cannot reach the API server of context "east" (https://127.0.0.1:1): connect ECONNREFUSED 127.0.0.1:1');
  expect(down.requests.map((r) => r.path)).toEqual(['/version']);
});
