import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { sealValue, SealingRandomness } from '../../../lib/sealing/seal-value';
import { SealingCertificate } from '../../../lib/sealing/sealing-certificate';
import { unsealValue } from '../../support/unseal';

const repo = path.join(__dirname, '..', '..', '..');
const west = SealingCertificate.fromPem(fs.readFileSync(path.join(repo, 'apps', 'certs', 'west.pem'), 'utf8'), 'apps/certs/west.pem');
const westKey = fs.readFileSync(path.join(repo, 'test', 'fixtures', 'sealing-keys', 'west.key'), 'utf8');
const eastKey = fs.readFileSync(path.join(repo, 'test', 'fixtures', 'sealing-keys', 'east.key'), 'utf8');

const BINARY = Buffer.from([0x00, 0x01, 0x02, 0xff, 0xfe, 0x80]);

/** Randomness fully determined by `seed`, like the master-secret derivation the constructs use. */
function seeded(seed: string): SealingRandomness {
  return (purpose, length) => Buffer.from(crypto.hkdfSync('sha256', seed, Buffer.alloc(0), purpose, length));
}

test('round trip through an independent decryptor for text, binary and empty values', () => {
  for (const value of [Buffer.from('hello, wörld', 'utf8'), BINARY, Buffer.alloc(0)]) {
    const sealed = sealValue(west, 'myns/myname', value);
    expect(unsealValue(westKey, 'myns/myname', sealed)).toEqual(value);
  }
});

test('round trip for the labels of all three scopes', () => {
  for (const label of ['myns/myname', 'myns', '']) {
    expect(unsealValue(westKey, label, sealValue(west, label, BINARY))).toEqual(BINARY);
  }
});

test('accepts any Uint8Array view, not only whole Buffers', () => {
  const backing = new Uint8Array([9, 9, 0x00, 0xff, 0x80, 9]);
  const view = backing.subarray(2, 5);
  expect(unsealValue(westKey, 'l', sealValue(west, 'l', view))).toEqual(Buffer.from([0x00, 0xff, 0x80]));
});

test('a different label does not decrypt', () => {
  const sealed = sealValue(west, 'myns/myname', BINARY);
  expect(() => unsealValue(westKey, 'otherns/myname', sealed)).toThrow(/oaep decoding error|decrypt/i);
  expect(() => unsealValue(westKey, 'myns/othername', sealed)).toThrow(/oaep decoding error|decrypt/i);
  expect(() => unsealValue(westKey, 'myns', sealed)).toThrow(/oaep decoding error|decrypt/i);
  expect(() => unsealValue(westKey, '', sealed)).toThrow(/oaep decoding error|decrypt/i);
});

test('another controller key does not decrypt', () => {
  // Depending on the two moduli OpenSSL reports an OAEP decoding error or "data too large for modulus".
  expect(() => unsealValue(eastKey, 'myns/myname', sealValue(west, 'myns/myname', BINARY))).toThrow(/rsa routines::(oaep decoding error|data too large for modulus)/);
});

test('layout: 2-byte big-endian rsa length (512 for 4096 bits), rsa part, gcm ciphertext, 16-byte tag', () => {
  const bytes = Buffer.from(sealValue(west, 'myns/myname', BINARY), 'base64');
  expect(bytes.readUInt16BE(0)).toBe(512);
  expect(bytes.length).toBe(2 + 512 + BINARY.length + 16);
  expect(Buffer.from(sealValue(west, 'x', Buffer.alloc(0)), 'base64').length).toBe(2 + 512 + 16);
  // Standard base64 with padding, as kubeseal writes it; a 4096-bit key always starts "Ag".
  expect(sealValue(west, 'x', BINARY)).toMatch(/^Ag[A-D][A-Za-z0-9+/]*={0,2}$/);
});

test('the same randomness gives identical ciphertext, different randomness different ciphertext', () => {
  const a = sealValue(west, 'myns/myname', BINARY, seeded('one'));
  expect(sealValue(west, 'myns/myname', BINARY, seeded('one'))).toBe(a);
  expect(sealValue(west, 'myns/myname', BINARY, seeded('two'))).not.toBe(a);
  expect(unsealValue(westKey, 'myns/myname', a)).toEqual(BINARY);
});

test('the oaep seed alone changes the rsa part (it is passed to forge, not drawn internally)', () => {
  const base = seeded('one');
  const otherSeed: SealingRandomness = (purpose, length) => (purpose === 'oaep-seed' ? Buffer.alloc(length, 7) : base(purpose, length));
  const a = Buffer.from(sealValue(west, 'l', BINARY, base), 'base64');
  const b = Buffer.from(sealValue(west, 'l', BINARY, otherSeed), 'base64');
  expect(a.subarray(2, 514)).not.toEqual(b.subarray(2, 514));
  // Same session key: the AES-GCM part is unchanged.
  expect(a.subarray(514)).toEqual(b.subarray(514));
  expect(unsealValue(westKey, 'l', b.toString('base64'))).toEqual(BINARY);
});

test('asks for a 32-byte session key and a 32-byte oaep seed', () => {
  const requests: string[] = [];
  sealValue(west, 'l', BINARY, (purpose, length) => {
    requests.push(`${purpose}:${length}`);
    return crypto.randomBytes(length);
  });
  expect(requests.sort()).toEqual(['oaep-seed:32', 'session-key:32']);
});

test('without randomness every seal differs, like kubeseal', () => {
  expect(sealValue(west, 'l', BINARY)).not.toBe(sealValue(west, 'l', BINARY));
});

test('rejects randomness of the wrong length', () => {
  expect(() => sealValue(west, 'l', BINARY, () => Buffer.alloc(16))).toThrow(/sealing randomness returned 16 bytes for session-key: expected a Buffer of 32 bytes/);
});
