import { execFileSync } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as forge from 'node-forge';
import { SealingCertificate } from '../../../lib/sealing/sealing-certificate';

const repo = path.join(__dirname, '..', '..', '..');
const westPem = fs.readFileSync(path.join(repo, 'apps', 'certs', 'west.pem'), 'utf8');
const DAY = 24 * 60 * 60 * 1000;

let throwawayKey: forge.pki.rsa.PrivateKey | undefined;

/** A throwaway self-signed RSA certificate (the key lives only in memory). */
function rsaCertificate(notBefore: Date, notAfter: Date): string {
  // Node generates the key natively (fast); forge builds and signs the certificate with it.
  // 1024 bits is plenty for a certificate that is only parsed.
  const key = throwawayKey ??= forge.pki.privateKeyFromPem(
    crypto.generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
  ) as forge.pki.rsa.PrivateKey;
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
  cert.serialNumber = '01';
  cert.validity.notBefore = notBefore;
  cert.validity.notAfter = notAfter;
  const subject = [{ name: 'commonName', value: 'throwaway' }];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.sign(key, forge.md.sha256.create());
  return forge.pki.certificateToPem(cert);
}

test('parses the west controller certificate', () => {
  const cert = SealingCertificate.fromPem(westPem, 'apps/certs/west.pem');
  expect(cert.source).toBe('apps/certs/west.pem');
  expect(cert.publicKey.n.bitLength()).toBe(4096);
  expect(cert.notAfter.getTime()).toBe(Date.parse(new crypto.X509Certificate(westPem).validTo));
  // Same fingerprint as an independent computation over the DER.
  expect(cert.fingerprint).toBe(new crypto.X509Certificate(westPem).fingerprint256.replace(/:/g, '').toLowerCase());
  expect(cert.fingerprint).toMatch(/^[0-9a-f]{64}$/);
});

test('rejects an expired certificate, naming the source', () => {
  const pem = rsaCertificate(new Date(Date.now() - 10 * DAY), new Date(Date.now() - DAY));
  expect(() => SealingCertificate.fromPem(pem, 'old.pem')).toThrow(/old\.pem expired on \d{4}-\d\d-\d\dT/);
});

test('validity is checked against the given time', () => {
  const now = Date.now();
  const pem = rsaCertificate(new Date(now - DAY), new Date(now + DAY));
  expect(SealingCertificate.fromPem(pem, 'c.pem', new Date(now)).notAfter.getTime()).toBe(Math.floor((now + DAY) / 1000) * 1000);
  expect(() => SealingCertificate.fromPem(pem, 'c.pem', new Date(now + 2 * DAY))).toThrow(/c\.pem expired/);
  expect(() => SealingCertificate.fromPem(pem, 'c.pem', new Date(now - 2 * DAY))).toThrow(/c\.pem is not valid before/);
});

test('rejects a certificate that is not valid yet', () => {
  const pem = rsaCertificate(new Date(Date.now() + DAY), new Date(Date.now() + 10 * DAY));
  expect(() => SealingCertificate.fromPem(pem, 'future.pem')).toThrow(/future\.pem is not valid before .*check the certificate and the local clock/);
});

test('rejects an EC certificate', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sealing-ec-'));
  try {
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes',
      '-keyout', path.join(dir, 'ec.key'), '-out', path.join(dir, 'ec.pem'), '-subj', '/CN=ec', '-days', '1',
    ], { stdio: 'pipe' });
    const pem = fs.readFileSync(path.join(dir, 'ec.pem'), 'utf8');
    expect(() => SealingCertificate.fromPem(pem, 'ec.pem')).toThrow(/ec\.pem has a ec \(prime256v1\) public key: sealed secrets need a certificate with an RSA key/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('rejects a bare public key', () => {
  const spki = crypto.createPublicKey(westPem).export({ type: 'spki', format: 'pem' }).toString();
  expect(() => SealingCertificate.fromPem(spki, 'key.pem')).toThrow(/key\.pem is not a PEM certificate \(found PUBLIC KEY\)/);
});

test('rejects text that is not PEM at all', () => {
  expect(() => SealingCertificate.fromPem('garbage', 'junk.txt')).toThrow(/junk\.txt is not a PEM certificate \(found no PEM block\)/);
  expect(() => SealingCertificate.fromPem('', 'empty.pem')).toThrow(/empty\.pem is not a PEM certificate/);
});

test('rejects a CERTIFICATE block with a broken body', () => {
  const broken = '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n';
  expect(() => SealingCertificate.fromPem(broken, 'broken.pem')).toThrow(/broken\.pem is not a valid X\.509 certificate/);
});

test('takes the first certificate of a bundle and skips other blocks', () => {
  const spki = crypto.createPublicKey(westPem).export({ type: 'spki', format: 'pem' }).toString();
  const cert = SealingCertificate.fromPem(spki + westPem, 'bundle.pem');
  expect(cert.fingerprint).toBe(SealingCertificate.fromPem(westPem, 'west.pem').fingerprint);
});

test('loading the same PEM again reuses the parse, yet checks validity and names the source every time', () => {
  const pem = rsaCertificate(new Date(Date.now() - DAY), new Date(Date.now() + DAY));
  const first = SealingCertificate.fromPem(pem, 'first.pem');
  const second = SealingCertificate.fromPem(pem, 'second.pem');
  expect(second.source).toBe('second.pem');
  expect(second.fingerprint).toBe(first.fingerprint);
  expect(second.publicKey).toBe(first.publicKey);
  expect(second.keyObject).toBe(first.keyObject);   // one native key for sealing, whichever certificate asks first
  expect(first.keyObject.export({ format: 'der', type: 'spki' })).toEqual(new crypto.X509Certificate(pem).publicKey.export({ format: 'der', type: 'spki' }));
  // Each certificate has its own notAfter: changing one does not change what the next load sees.
  first.notAfter.setTime(0);
  expect(SealingCertificate.fromPem(pem, 'third.pem').notAfter.getTime()).toBe(second.notAfter.getTime());
  expect(() => SealingCertificate.fromPem(pem, 'later.pem', new Date(Date.now() + 2 * DAY))).toThrow(/^later\.pem expired on /);
  expect(() => SealingCertificate.fromPem(pem, 'earlier.pem', new Date(Date.now() - 2 * DAY))).toThrow(/^earlier\.pem is not valid before /);
});
