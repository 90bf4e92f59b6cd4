import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import * as forge from 'node-forge';
import { deriveRsaKeyPair } from '../../../lib/pki/deterministic-rsa';
import { rsaPrivateKeyToPem } from '../../../lib/pki/pem';
import { makeTempDir, nativeRsaKeyPair } from './pki-test-support';

// 1024-bit keys keep the pure-JavaScript generation at about a second per key.
const BITS = 1024;
const SEED = Buffer.from('7d1e6a0c4b9f38e2a5c7d0f1e3b2a4968c7b5a3f1e2d4c6b8a9f0e1d2c3b4a59', 'hex');
const OTHER_SEED = Buffer.from('0f1e2d3c4b5a69788796a5b4c3d2e1f00112233445566778899aabbccddeeff0', 'hex');
// The prime search takes 0.3 to 6 s for 2048 bits depending on the seed; this one is quick.
const QUICK_2048_SEED = Buffer.from('09dfb6795c7f46a6a2f8a47712aa1ab0b19191adf43ad125352e654b257c2d68', 'hex');

// Known answers: if forge or the derivation ever changes, every synthesized key would silently
// rotate, so such a change must show up here first.
const EXPECTED_1024_MODULUS_PREFIX = 'c77a1ca3530c717e';
const EXPECTED_2048_MODULUS_PREFIX = '88cfabfeb0eaa243';

const pemOf = (keyPair: forge.pki.rsa.KeyPair): string => rsaPrivateKeyToPem(keyPair.privateKey);

let uncachedKeyPem: string | undefined;
/** The key for SEED without a cache, derived once and shared by the tests that compare against it. */
function uncachedKey(): string {
  uncachedKeyPem ??= pemOf(deriveRsaKeyPair(SEED, { bits: BITS }));
  return uncachedKeyPem;
}

let cacheDir: string;
beforeEach(() => {
  cacheDir = path.join(makeTempDir('rsa-cache'), 'keys');
});
afterEach(() => {
  fs.rmSync(path.dirname(cacheDir), { recursive: true, force: true });
  jest.restoreAllMocks();
});

/** The cache file name the module promises: hex sha256('cdk8s-skupper rsa cache v1' || bits || seed). */
function expectedCacheFile(seed: Buffer, bits: number): string {
  const size = Buffer.alloc(4);
  size.writeUInt32BE(bits);
  const name = crypto.createHash('sha256').update('cdk8s-skupper rsa cache v1').update(size).update(seed).digest('hex');
  return path.join(cacheDir, `${name}.pem`);
}

test('the same seed gives the same key, without ever using the random native generator', () => {
  const nativeGenerator = jest.spyOn(crypto, 'generateKeyPairSync');
  const first = uncachedKey();
  const second = pemOf(deriveRsaKeyPair(Buffer.from(SEED), { bits: BITS }));
  expect(second).toBe(first);
  expect(nativeGenerator).not.toHaveBeenCalled();
  const key = forge.pki.privateKeyFromPem(first) as forge.pki.rsa.PrivateKey;
  expect(key.n.bitLength()).toBe(BITS);
  expect(key.n.toString(16).slice(0, 16)).toBe(EXPECTED_1024_MODULUS_PREFIX);
  expect(key.e.intValue()).toBe(65537);
  expect(first).toMatch(/^-----BEGIN RSA PRIVATE KEY-----\n/);
  expect(first).not.toContain('\r');
});

test('a different seed gives a different key', () => {
  expect(pemOf(deriveRsaKeyPair(OTHER_SEED, { bits: BITS }))).not.toBe(uncachedKey());
});

test('a cached key is the derived key, returned quickly from a private file that does not reveal the seed', () => {
  const cold = pemOf(deriveRsaKeyPair(SEED, { bits: BITS, cacheDir }));
  expect(cold).toBe(uncachedKey());

  const start = process.hrtime.bigint();
  const warm = pemOf(deriveRsaKeyPair(SEED, { bits: BITS, cacheDir }));
  const elapsedMs = Number(process.hrtime.bigint() - start) / 1e6;
  expect(warm).toBe(cold);
  expect(elapsedMs).toBeLessThan(200);

  const file = expectedCacheFile(SEED, BITS);
  expect(fs.readdirSync(cacheDir)).toEqual([path.basename(file)]);
  expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  expect(fs.statSync(cacheDir).mode & 0o777).toBe(0o700);
  expect(fs.readFileSync(file, 'utf8')).toBe(cold);
  const name = path.basename(file);
  expect(name).toMatch(/^[0-9a-f]{64}\.pem$/);
  for (const encoding of ['hex', 'base64', 'base64url'] as const) {
    expect(name).not.toContain(SEED.toString(encoding).slice(0, 16));
    expect(fs.readFileSync(file, 'utf8')).not.toContain(SEED.toString(encoding).slice(0, 16));
  }
  expect(fs.readFileSync(file).includes(SEED)).toBe(false);
});

test('a corrupt, foreign or damaged cache file is replaced by the derived key', () => {
  const file = expectedCacheFile(SEED, BITS);
  const good = forge.pki.privateKeyFromPem(uncachedKey()) as forge.pki.rsa.PrivateKey;
  const damaged = forge.pki.rsa.setPrivateKey(
    good.n, good.e, good.d, good.p, good.q, good.dP.add(forge.jsbn.BigInteger.ONE), good.dQ, good.qInv);
  const badContents = {
    'garbage': '-----BEGIN RSA PRIVATE KEY-----\nnot a key\n-----END RSA PRIVATE KEY-----\n',
    // Parses, but is a 2048-bit key: the wrong size for this entry.
    'another key': rsaPrivateKeyToPem(nativeRsaKeyPair(2048).privateKey),
    // Parses and has the right size, but one CRT exponent is off: every signature would be wrong.
    'a damaged key': rsaPrivateKeyToPem(damaged),
  };
  for (const [what, content] of Object.entries(badContents)) {
    fs.mkdirSync(cacheDir, { recursive: true, mode: 0o700 });
    fs.writeFileSync(file, content, { mode: 0o644 });
    expect([what, pemOf(deriveRsaKeyPair(SEED, { bits: BITS, cacheDir }))]).toEqual([what, uncachedKey()]);
    expect(fs.readFileSync(file, 'utf8')).toBe(uncachedKey());
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(cacheDir)).toEqual([path.basename(file)]);
  }
});

test('a 2048-bit key is derived deterministically and cached', () => {
  const cold = deriveRsaKeyPair(QUICK_2048_SEED, { cacheDir });
  expect(cold.publicKey.n.bitLength()).toBe(2048);
  expect(cold.publicKey.n.toString(16).slice(0, 16)).toBe(EXPECTED_2048_MODULUS_PREFIX);
  const warm = deriveRsaKeyPair(QUICK_2048_SEED, { cacheDir });
  expect(pemOf(warm)).toBe(pemOf(cold));
  // A signature made with the derived key verifies (the CRT parameters are right).
  const md = forge.md.sha256.create().update('hello');
  expect(warm.publicKey.verify(md.digest().getBytes(), cold.privateKey.sign(md))).toBe(true);
});

test('bad sizes and short seeds are refused', () => {
  expect(() => deriveRsaKeyPair(SEED, { bits: 1000 })).toThrow(/invalid RSA key size 1000: expected one of 1024, 2048, 3072, 4096 bits/);
  expect(() => deriveRsaKeyPair(Buffer.alloc(8))).toThrow(/invalid RSA key seed of 8 bytes: expected at least 16 bytes/);
});

test('an unwritable cache directory is reported with its path', () => {
  const blocker = path.join(path.dirname(cacheDir), 'a-file');
  fs.writeFileSync(blocker, '');
  expect(() => deriveRsaKeyPair(OTHER_SEED, { bits: BITS, cacheDir: path.join(blocker, 'keys') }))
    .toThrow(/cannot create RSA key cache directory .*a-file\/keys: /);
});
