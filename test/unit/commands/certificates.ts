// Certificates for the fetch-cert tests: RSA ones with a chosen notBefore, and an EC one.
import { execFileSync } from 'child_process';
import * as forge from 'node-forge';
import { nativeRsaKeyPair } from '../pki/pki-test-support';

/** A self-signed RSA certificate valid from `notBefore` for ten years, like a sealing key's. */
export function rsaCertificate(notBefore: Date, commonName = ''): string {
  const keys = nativeRsaKeyPair(2048);
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = keys.publicKey;
  certificate.serialNumber = '01' + forge.util.bytesToHex(forge.random.getBytesSync(8));
  certificate.validity.notBefore = notBefore;
  certificate.validity.notAfter = new Date(notBefore.getTime() + 10 * 365 * 24 * 60 * 60 * 1000);
  const subject = commonName ? [{ name: 'commonName', value: commonName }] : [];
  certificate.setSubject(subject);
  certificate.setIssuer(subject);
  certificate.sign(keys.privateKey, forge.md.sha256.create());
  return forge.pki.certificateToPem(certificate).replace(/\r\n/g, '\n');
}

/** A self-signed EC (P-256) certificate, which sealing cannot use. */
export function ecCertificate(): string {
  return execFileSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-subj', '/CN=ec', '-days', '1', '-keyout', '/dev/null',
  ], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}
