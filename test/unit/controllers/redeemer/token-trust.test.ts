import { TokenTrust } from '../../../../lib/controllers/redeemer/token-trust';
import { throwawayPki } from './redemption-fixtures';

const caA = throwawayPki('127.0.0.1').server.caCertificatePem;
const caB = throwawayPki('127.0.0.1').server.caCertificatePem;

test('one TLS context per CA, made once', () => {
  const trust = new TokenTrust();
  const first = trust.contextFor(caA);
  expect('problem' in first).toBe(false);
  expect(trust.contextFor(caA)).toBe(first);
  expect(trust.contextFor(caB)).not.toBe(first);
  expect(trust.size).toBe(2);
});

test('keeps at most the given number of contexts, the oldest forgotten first', () => {
  const trust = new TokenTrust(1);
  const first = trust.contextFor(caA);
  trust.contextFor(caB);
  expect(trust.size).toBe(1);
  expect(trust.contextFor(caA)).not.toBe(first);
});

test.each([
  ['', 'token does not have a CA'],
  ['  \n', 'token does not have a CA'],
  ['garbage', 'token CA is not a PEM certificate'],
  ['-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n', 'token CA is not a PEM certificate'],
])('a CA that cannot be trusted is refused with a reason, and not kept: %j', (pem, problem) => {
  const trust = new TokenTrust();
  expect(trust.contextFor(pem)).toEqual({ problem });
  expect(trust.size).toBe(0);
});
