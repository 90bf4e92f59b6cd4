import { isExpired } from '../../../../lib/api/link-grant';
import { decideRedemption } from '../../../../lib/controllers/grant-server/redemption-decision';
import type { LinkGrant, LinkGrantStatus } from '../../../../lib/api/link-grant';

const NOW = new Date('2026-03-01T12:00:00.000Z');
const LATER = '2026-03-01T12:10:00.000Z';
const EARLIER = '2026-03-01T11:59:59.000Z';
const alice = { name: 'link-a', subject: 'site-a' };

function grant(status?: LinkGrantStatus, spec: Partial<LinkGrant['spec']> = {}): LinkGrant {
  return { apiVersion: 'cdk8s-skupper.io/v1alpha1', kind: 'LinkGrant', metadata: { name: 'g' },
    spec: { redemptionsAllowed: 2, expirationWindow: '10m', codeSecretRef: { name: 'g-code' }, ...spec }, status };
}

test('a first redemption is counted, with the redeemer recorded', () => {
  const decision = decideRedemption(grant({ expirationTime: LATER, redemptions: 0 }), alice, NOW);
  expect(decision).toEqual({ kind: 'issue', status: {
    expirationTime: LATER, redemptions: 1, redeemers: [{ name: 'link-a', subject: 'site-a', redeemedAt: NOW.toISOString() }],
  } });
});

test('without an expiration time yet, the window starts now (first sight) and is written with the count', () => {
  const decision = decideRedemption(grant(undefined), alice, NOW);
  expect(decision).toMatchObject({ kind: 'issue', status: { expirationTime: '2026-03-01T12:10:00.000Z', redemptions: 1 } });
});

test('an expired grant is refused, even to a known redeemer', () => {
  const status = { expirationTime: EARLIER, redemptions: 1, redeemers: [alice] };
  expect(decideRedemption(grant(status), alice, NOW)).toEqual({ kind: 'expired' });
  expect(decideRedemption(grant({ expirationTime: NOW.toISOString() }), alice, NOW)).toEqual({ kind: 'expired' });
  expect(isExpired(grant(status), NOW)).toBe(true);
  expect(isExpired(grant(undefined), NOW)).toBe(false);
});

test('the same name and subject get a re-issue without a count, even when exhausted', () => {
  const status = { expirationTime: LATER, redemptions: 2, redeemers: [alice, { name: 'link-b', subject: 'site-b' }] };
  expect(decideRedemption(grant(status), alice, NOW)).toEqual({ kind: 'reissue' });
});

test('the same name with another subject (or the reverse) is a new redemption', () => {
  const status = { expirationTime: LATER, redemptions: 1, redeemers: [alice] };
  expect(decideRedemption(grant(status), { name: 'link-a', subject: 'site-x' }, NOW).kind).toBe('issue');
  expect(decideRedemption(grant(status), { name: 'link-x', subject: 'site-a' }, NOW).kind).toBe('issue');
});

test('an exhausted grant is refused to newcomers; redemptionsAllowed defaults to 1', () => {
  expect(decideRedemption(grant({ expirationTime: LATER, redemptions: 2 }), alice, NOW)).toEqual({ kind: 'exhausted' });
  expect(decideRedemption(grant({ expirationTime: LATER, redemptions: 1 }, { redemptionsAllowed: undefined }), alice, NOW)).toEqual({ kind: 'exhausted' });
});

test('an invalid window or expiration time is a corrupted claim', () => {
  expect(decideRedemption(grant(undefined, { expirationWindow: '3d' }), alice, NOW)).toMatchObject({ kind: 'corrupted', reason: expect.stringContaining('3d') });
  expect(decideRedemption(grant({ expirationTime: 'soon' }), alice, NOW)).toMatchObject({ kind: 'corrupted' });
});
