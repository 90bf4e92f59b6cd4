import { desiredGrantStatus, GrantWorld, sameStatus } from '../../../../lib/controllers/grant-server/grant-status';
import type { LinkGrant } from '../../../../lib/api/link-grant';
import type { Secret } from '../../../../lib/controllers/machinery/secret';
import { codeSecret, linkGrant, site, siteCa } from './support';

const NOW = new Date('2026-03-01T12:00:00.000Z');
const ca = siteCa();

function world(overrides: Partial<GrantWorld> = {}, secrets: Secret[] = [codeSecret('g-code', 'c0de'), ca.secret]): GrantWorld {
  return { namespace: 'west', baseUrl: 'https://grants.example.com:9090', now: NOW, sites: [site()],
    secret: (name) => secrets.find((s) => s.metadata!.name === name), ...overrides };
}

const ready = (g: LinkGrant = linkGrant('g')) => desiredGrantStatus(g, world());

test('first sight: expiration = now + window, URL, count 0, Ready; look again at expiry', () => {
  const result = ready();
  expect(result.status).toEqual({
    url: 'https://grants.example.com:9090/west/g', redemptions: 0, expirationTime: '2026-03-01T12:15:00.000Z', status: 'Ready', message: 'OK',
    conditions: [{ type: 'Ready', status: 'True', reason: 'Ready', message: 'OK', lastTransitionTime: '2026-03-01T12:00:00Z', observedGeneration: 1 }],
  });
  expect(result.requeueAfterMs).toBe(15 * 60_000);
});

test('is level-triggered and stable: the same inputs give the same status, the count and expiry are kept', () => {
  const first = ready().status;
  const later = desiredGrantStatus(linkGrant('g', {}, first), world({ now: new Date(NOW.getTime() + 60_000) }));
  expect(sameStatus(first, later.status)).toBe(true);
  const counted = desiredGrantStatus(linkGrant('g', { redemptionsAllowed: 2 }, { ...first, redemptions: 1, redeemers: [{ name: 'a', subject: 'b' }] }), world());
  expect(counted.status).toMatchObject({ redemptions: 1, redeemers: [{ name: 'a', subject: 'b' }], expirationTime: first.expirationTime, status: 'Ready' });
});

test('Pending while the Site, its endpoints, the code or the issuer are missing', () => {
  expect(desiredGrantStatus(linkGrant('g'), world({ sites: [] })).status).toMatchObject({ status: 'Pending', message: 'Site not yet defined for west' });
  expect(desiredGrantStatus(linkGrant('g'), world({ sites: [site([])] })).status.message).toMatch(/Waiting for link endpoints/);
  expect(desiredGrantStatus(linkGrant('g'), world({}, [ca.secret])).status.message).toBe('Waiting for the code: Secret "g-code" with key "code"');
  expect(desiredGrantStatus(linkGrant('g'), world({}, [codeSecret('g-code', 'c0de')])).status.message).toBe('Waiting for the issuer: Secret "skupper-site-ca"');
  const pending = desiredGrantStatus(linkGrant('g'), world({ sites: [] }));
  expect(pending.status.conditions![0]).toMatchObject({ status: 'False', reason: 'Pending' });
  expect(pending.status.expirationTime).toBe('2026-03-01T12:15:00.000Z'); // the window runs anyway
});

test('Error for an invalid window (no expiration written) and for an edge site', () => {
  const invalid = desiredGrantStatus(linkGrant('g', { expirationWindow: '2d' }), world());
  expect(invalid.status).toMatchObject({ status: 'Error', message: expect.stringMatching(/^Invalid duration "2d"/) });
  expect(invalid.status.expirationTime).toBeUndefined();
  expect(invalid.requeueAfterMs).toBeUndefined();
  expect(desiredGrantStatus(linkGrant('g'), world({ sites: [site(undefined, { edge: true })] })).status.status).toBe('Error');
});

test('Expired at expiry (no more requeue), Exhausted once all redemptions are made', () => {
  const expired = desiredGrantStatus(linkGrant('g', {}, { expirationTime: '2026-03-01T11:00:00.000Z' }), world());
  expect(expired).toEqual({ status: expect.objectContaining({ status: 'Expired', message: 'Expired at 2026-03-01T11:00:00.000Z' }) });
  const exhausted = desiredGrantStatus(linkGrant('g', { redemptionsAllowed: 1 }, { redemptions: 1, expirationTime: '2026-03-01T13:00:00.000Z' }), world());
  expect(exhausted.status).toMatchObject({ status: 'Exhausted', message: 'All 1 redemptions allowed have been made' });
});

test('lastTransitionTime moves only with the condition', () => {
  const first = ready().status;
  const later = new Date(NOW.getTime() + 120_000);
  expect(desiredGrantStatus(linkGrant('g', {}, first), world({ now: later })).status.conditions![0].lastTransitionTime).toBe('2026-03-01T12:00:00Z');
  expect(desiredGrantStatus(linkGrant('g', {}, first), world({ now: later, sites: [] })).status.conditions![0].lastTransitionTime).toBe('2026-03-01T12:02:00Z');
});

test('a far expiry is looked at again within a day', () => {
  expect(ready(linkGrant('g', { expirationWindow: '87600h' })).requeueAfterMs).toBe(24 * 3600_000);
});
