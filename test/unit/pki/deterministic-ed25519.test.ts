import * as crypto from 'crypto';
import { deriveEd25519KeyPair, isEd25519KeyPair } from '../../../lib/pki/deterministic-ed25519';

const SEED = Buffer.from('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f', 'hex');
const der = (key: crypto.KeyObject): Buffer => key.export(key.type === 'private' ? { type: 'pkcs8', format: 'der' } : { type: 'spki', format: 'der' });

test('the seed is the private key: equal seeds give equal keys, other seeds other keys', () => {
  const first = deriveEd25519KeyPair(SEED);
  const second = deriveEd25519KeyPair(Buffer.from(SEED));
  expect(der(second.privateKey)).toEqual(der(first.privateKey));
  expect(der(second.publicKey)).toEqual(der(first.publicKey));
  expect(der(first.privateKey).subarray(-32)).toEqual(SEED);
  const other = deriveEd25519KeyPair(Buffer.alloc(32, 7));
  expect(der(other.publicKey)).not.toEqual(der(first.publicKey));
});

test('the key pair matches RFC 8032 test vector 1', () => {
  // RFC 8032 section 7.1, TEST 1.
  const pair = deriveEd25519KeyPair(Buffer.from('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60', 'hex'));
  expect(der(pair.publicKey).subarray(-32).toString('hex')).toBe('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a');
  expect(crypto.sign(null, Buffer.alloc(0), pair.privateKey).toString('hex')).toBe(
    'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b');
  expect(isEd25519KeyPair(pair)).toBe(true);
});

test('a seed that is not 32 bytes is refused', () => {
  expect(() => deriveEd25519KeyPair(Buffer.alloc(16))).toThrow(/invalid Ed25519 key seed of 16 bytes: expected exactly 32 bytes/);
  expect(() => deriveEd25519KeyPair(Buffer.alloc(64))).toThrow(/invalid Ed25519 key seed of 64 bytes: expected exactly 32 bytes/);
});
