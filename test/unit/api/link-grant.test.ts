import { DEFAULT_CODE_KEY, DEFAULT_EXPIRATION_WINDOW, DEFAULT_ISSUER, DEFAULT_REDEMPTIONS_ALLOWED } from '../../../lib/api/defaults';
import { codeKeyOf, expirationWindowOf, issuerOf, LinkGrant, redemptionsAllowedOf, secretNamesOf } from '../../../lib/api/link-grant';

const grant = (spec: Partial<LinkGrant['spec']> = {}): LinkGrant => ({ metadata: { name: 'link-east' }, spec: { codeSecretRef: { name: 'link-east-code' }, ...spec } });

test('a field left out of a LinkGrant reads as the shared default', () => {
  const bare = grant();
  expect([redemptionsAllowedOf(bare), expirationWindowOf(bare), codeKeyOf(bare), issuerOf(bare)])
    .toEqual([DEFAULT_REDEMPTIONS_ALLOWED, DEFAULT_EXPIRATION_WINDOW, DEFAULT_CODE_KEY, DEFAULT_ISSUER]);
});

test('a field that is set wins over the default; the grant needs its code Secret and its issuer', () => {
  const set = grant({ redemptionsAllowed: 3, expirationWindow: '1h', codeSecretRef: { name: 'c', key: 'k' }, issuer: 'ca' });
  expect([redemptionsAllowedOf(set), expirationWindowOf(set), codeKeyOf(set), issuerOf(set)]).toEqual([3, '1h', 'k', 'ca']);
  expect(secretNamesOf(set)).toEqual(['c', 'ca']);
});
