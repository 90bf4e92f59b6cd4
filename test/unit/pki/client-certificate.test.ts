import * as crypto from 'crypto';
import * as net from 'net';
import * as tls from 'tls';
import * as forge from 'node-forge';
import { CertificateAuthority, generateP256KeyPair, issueClientCertificate, IssueClientCertificateOptions, parseCaSecretData } from '../../../lib/pki/client-certificate';
import { distinguishedNameDer } from '../../../lib/pki/distinguished-name';
import { nativeRsaKeyPair, openssl, subjectAltNames } from './pki-test-support';

// A site CA made by openssl, as a user-supplied skupper-site-ca could be; the non-ASCII
// organization checks that the issuer name is copied byte for byte.
const caPrivateKeyPem = crypto.generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
}).privateKey;
const caCertificatePem = openssl(
  ['req', '-x509', '-new', '-key', 'ca.key', '-utf8', '-subj', '/O=Exämple Ltd/CN=skupper-site-ca', '-days', '36500', '-sha256',
    '-addext', 'keyUsage=critical,keyCertSign,cRLSign'],
  { 'ca.key': caPrivateKeyPem });
const ca: CertificateAuthority = { certificatePem: caCertificatePem, privateKeyPem: caPrivateKeyPem };
const keyPair = nativeRsaKeyPair();

// Whole seconds (certificates have no finer resolution), and after the CA's own start of validity.
const NOW = new Date(Math.floor(Date.now() / 1000) * 1000 + 60_000);
const DAY_MS = 24 * 60 * 60 * 1000;
const SITE_UID = '3f1c2a9e-5b7d-4e8f-9a0b-1c2d3e4f5a6b';
const HOSTS = [' skupper-inter-router-west.example.com ', '10.1.2.3', 'skupper-router.west', '2001:db8::7'];

function issue(overrides: Partial<IssueClientCertificateOptions> = {}) {
  return issueClientCertificate({ ca, subject: SITE_UID, hosts: HOSTS, now: NOW, keyPair, ...overrides });
}

/** openssl verify, at a time within the certificate's validity so the test does not age. */
function opensslVerify(certificatePem: string, purpose: 'sslclient' | 'sslserver', at = NOW): string {
  return openssl(
    ['verify', '-x509_strict', '-purpose', purpose, '-attime', String(Math.floor(at.getTime() / 1000) + 60), '-CAfile', 'ca.pem', 'cert.pem'],
    { 'ca.pem': caCertificatePem, 'cert.pem': certificatePem });
}

const der = (pem: string): Buffer => Buffer.from(forge.pem.decode(pem)[0].body, 'binary');

test('issues what Skupper certs.GenerateSecret issues: a fresh RSA 2048 key, CN = subject, both EKUs, chained to the CA', () => {
  const result = issueClientCertificate({ ca, subject: SITE_UID, hosts: HOSTS, now: NOW });
  expect(opensslVerify(result.certificatePem, 'sslclient')).toBe('cert.pem: OK\n');
  expect(opensslVerify(result.certificatePem, 'sslserver')).toBe('cert.pem: OK\n');

  const certificate = new crypto.X509Certificate(result.certificatePem);
  expect(certificate.subject).toBe(`CN=${SITE_UID}`);
  expect(certificate.ca).toBe(false);
  expect(certificate.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1', '1.3.6.1.5.5.7.3.2']);
  expect(certificate.checkPrivateKey(crypto.createPrivateKey(result.privateKeyPem))).toBe(true);
  expect(crypto.createPrivateKey(result.privateKeyPem).asymmetricKeyDetails?.modulusLength).toBe(2048);
  expect(result.privateKeyPem).toMatch(/^-----BEGIN RSA PRIVATE KEY-----\n/);
  expect(result.caCertificatePem).toBe(caCertificatePem);

  const text = openssl(['x509', '-in', 'cert.pem', '-noout', '-text'], { 'cert.pem': result.certificatePem });
  expect(text).toMatch(/Signature Algorithm: sha256WithRSAEncryption/);
  expect(text).toMatch(/X509v3 Key Usage: critical\s+Digital Signature, Key Encipherment\n/);
  expect(text).toMatch(/X509v3 Extended Key Usage:\s+TLS Web Server Authentication, TLS Web Client Authentication\n/);
  expect(text).toMatch(/X509v3 Basic Constraints: critical\s+CA:FALSE\n/);
  const caText = openssl(['x509', '-in', 'ca.pem', '-noout', '-text'], { 'ca.pem': caCertificatePem });
  const caKeyId = /X509v3 Subject Key Identifier:\s+([0-9A-F:]+)/.exec(caText)?.[1];
  expect(text).toContain(`X509v3 Authority Key Identifier: \n                ${caKeyId}`);
});

test('an ECDSA P-256 key is certified the same way (the grant server\'s default), its key as PKCS#8 and only for signing', () => {
  const result = issue({ keyPair: generateP256KeyPair() });
  expect(opensslVerify(result.certificatePem, 'sslclient')).toBe('cert.pem: OK\n');
  const certificate = new crypto.X509Certificate(result.certificatePem);
  expect(certificate.subject).toBe(`CN=${SITE_UID}`);
  expect(certificate.publicKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
  expect(certificate.checkPrivateKey(crypto.createPrivateKey(result.privateKeyPem))).toBe(true);
  expect(result.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
  expect(subjectAltNames(result.certificatePem)).toEqual(subjectAltNames(issue().certificatePem));
  expect(distinguishedNameDer(der(result.certificatePem), 'issuer')).toEqual(distinguishedNameDer(der(caCertificatePem), 'subject'));
  const text = openssl(['x509', '-in', 'cert.pem', '-noout', '-text'], { 'cert.pem': result.certificatePem });
  expect(text).toMatch(/Signature Algorithm: sha256WithRSAEncryption/);
  expect(text).toMatch(/X509v3 Key Usage: critical\s+Digital Signature\n/);
  expect(text).toMatch(/X509v3 Extended Key Usage:\s+TLS Web Server Authentication, TLS Web Client Authentication\n/);
});

test('every host is a DNS SAN, trimmed, and IP hosts are IP SANs as well', () => {
  expect(subjectAltNames(issue().certificatePem)).toEqual([
    'DNS:skupper-inter-router-west.example.com',
    'DNS:10.1.2.3',
    'DNS:skupper-router.west',
    'DNS:2001:db8::7',
    'IP Address:10.1.2.3',
    'IP Address:2001:DB8:0:0:0:0:0:7',
  ]);
  expect(subjectAltNames(issue({ hosts: ['a.example', ' a.example', '', '  '] }).certificatePem)).toEqual(['DNS:a.example']);
  expect(subjectAltNames(issue({ hosts: [] }).certificatePem)).toEqual([]);
});

test('the issuer name is the CA subject byte for byte, non-ASCII included', () => {
  const result = issue();
  expect(distinguishedNameDer(der(result.certificatePem), 'issuer')).toEqual(distinguishedNameDer(der(caCertificatePem), 'subject'));
  expect(openssl(['x509', '-in', 'cert.pem', '-noout', '-issuer', '-nameopt', 'utf8,sep_comma_plus'], { 'cert.pem': result.certificatePem }))
    .toBe('issuer=O=Exämple Ltd,CN=skupper-site-ca\n');
});

test('validity starts now and lasts 5 * 365 days unless told otherwise', () => {
  const certificate = new crypto.X509Certificate(issue().certificatePem);
  expect(new Date(certificate.validFrom)).toEqual(NOW);
  expect(new Date(certificate.validTo)).toEqual(new Date(NOW.getTime() + 5 * 365 * DAY_MS));
  expect(new Date(new crypto.X509Certificate(issue({ validityDays: 2 }).certificatePem).validTo)).toEqual(new Date(NOW.getTime() + 2 * DAY_MS));

  const before = Math.floor(Date.now() / 1000) * 1000;
  const withoutNow = new crypto.X509Certificate(issueClientCertificate({ ca, subject: SITE_UID, hosts: HOSTS, keyPair }).certificatePem);
  expect(new Date(withoutNow.validFrom).getTime()).toBeGreaterThanOrEqual(before);
  expect(new Date(withoutNow.validFrom).getTime()).toBeLessThanOrEqual(Date.now());
});

test('a validity ending in 2050 or later is written as GeneralizedTime, as RFC 5280 requires', () => {
  const validityDays = Math.ceil((Date.UTC(2051, 0, 1) - NOW.getTime()) / DAY_MS);
  const result = issue({ validityDays });
  expect(new Date(new crypto.X509Certificate(result.certificatePem).validTo)).toEqual(new Date(NOW.getTime() + validityDays * DAY_MS));
  expect(opensslVerify(result.certificatePem, 'sslclient')).toBe('cert.pem: OK\n');
  expect(openssl(['asn1parse', '-in', 'cert.pem'], { 'cert.pem': result.certificatePem })).toMatch(/GENERALIZEDTIME\s*:20(5[1-9]|[6-9][0-9])/);
});

test('serials are random, positive and 16 bytes long', () => {
  const serials = [issue(), issue(), issue()].map((result) => new crypto.X509Certificate(result.certificatePem).serialNumber);
  expect(new Set(serials).size).toBe(3);
  for (const serial of serials) {
    expect(serial).toMatch(/^[4-7][0-9A-F]{31}$/);
  }
});

test('a given key pair is the one certified', () => {
  const result = issue();
  const certificate = forge.pki.certificateFromPem(result.certificatePem);
  expect((certificate.publicKey as forge.pki.rsa.PublicKey).n.equals(keyPair.publicKey.n)).toBe(true);
  expect(forge.pki.privateKeyToPem(keyPair.privateKey).replace(/\r\n/g, '\n')).toBe(result.privateKeyPem);
});

test('the subject is a PrintableString when it can be, else a UTF8String', () => {
  const commonNameTag = (pem: string): number => forge.pki.certificateFromPem(pem).subject.getField('CN').valueTagClass;
  expect(commonNameTag(issue().certificatePem)).toBe(forge.asn1.Type.PRINTABLESTRING);
  const result = issue({ subject: 'west_site@prod' });
  expect(commonNameTag(result.certificatePem)).toBe(forge.asn1.Type.UTF8);
  expect(new crypto.X509Certificate(result.certificatePem).subject).toBe('CN=west_site@prod');
  expect(opensslVerify(result.certificatePem, 'sslclient')).toBe('cert.pem: OK\n');
});

test('two certificates from the CA authenticate each other in mutual TLS 1.3', async () => {
  // As on a Skupper link: the router's server certificate and the redeemed client certificate share the site CA.
  const now = new Date(Date.now() - 1000);
  const router = issue({ subject: 'skupper-router', hosts: ['127.0.0.1', 'skupper-router'], now });
  const client = issue({ now });
  const server = tls.createServer({
    cert: router.certificatePem, key: router.privateKeyPem, ca: [router.caCertificatePem], requestCert: true, rejectUnauthorized: true, minVersion: 'TLSv1.3',
  }, (socket) => socket.end(`${socket.getPeerCertificate().subject.CN}\n`));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = tls.connect({
        host: '127.0.0.1',
        port: (server.address() as net.AddressInfo).port,
        ca: [client.caCertificatePem],
        cert: client.certificatePem,
        key: client.privateKeyPem,
        minVersion: 'TLSv1.3',
      });
      let data = '';
      socket.on('data', (chunk: Buffer) => { data += chunk.toString(); });
      socket.on('end', () => { socket.destroy(); resolve(data); });
      socket.on('error', (error) => { socket.destroy(); reject(error); });
    });
    expect(reply).toBe(`${SITE_UID}\n`);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});

test('a CA key that is not PKCS#1 RSA is refused, naming where it came from', () => {
  const pkcs8 = crypto.createPrivateKey(caPrivateKeyPem).export({ type: 'pkcs8', format: 'pem' }).toString();
  expect(() => issue({ ca: { ...ca, privateKeyPem: pkcs8, source: 'Secret "skupper-site-ca"' } }))
    .toThrow(/^CA private key in Secret "skupper-site-ca" must be a PKCS#1 RSA key \(-----BEGIN RSA PRIVATE KEY-----\), got -----BEGIN PRIVATE KEY-----$/);
  const ec = crypto.generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ type: 'sec1', format: 'pem' }).toString();
  expect(() => issue({ ca: { ...ca, privateKeyPem: ec } }))
    .toThrow(/^CA private key in the CA must be a PKCS#1 RSA key \(-----BEGIN RSA PRIVATE KEY-----\), got -----BEGIN EC PRIVATE KEY-----$/);
  expect(() => issue({ ca: { ...ca, privateKeyPem: 'nothing' } })).toThrow(/must be a PKCS#1 RSA key .*, got no PEM private key/);
});

test('a CA key that does not belong to the CA certificate is refused', () => {
  const otherKey = forge.pki.privateKeyToPem(nativeRsaKeyPair().privateKey);
  expect(() => issue({ ca: { ...ca, privateKeyPem: otherKey } }))
    .toThrow(/CA certificate and CA private key in the CA do not match: expected the private key of the certificate's public key/);
  expect(() => issue({ ca: { ...ca, certificatePem: 'not a certificate' } })).toThrow(/CA certificate in the CA cannot be read/);
});

test('invalid subjects, hosts and validity are refused', () => {
  expect(() => issue({ subject: ' ' })).toThrow(/invalid subject " ": expected a non-empty common name/);
  expect(() => issue({ hosts: ['grünts.example.com'] })).toThrow(/invalid host "grünts.example.com": expected printable ASCII characters only/);
  expect(() => issue({ validityDays: 0 })).toThrow(/invalid validityDays 0: expected a whole number of days, at least 1/);
  expect(() => issue({ now: new Date(Number.NaN) })).toThrow(/invalid now date: expected a valid Date/);
});

test('parseCaSecretData reads tls.crt and tls.key of a Secret, naming it in errors', () => {
  const data = {
    'tls.crt': Buffer.from(caCertificatePem).toString('base64'),
    'tls.key': Buffer.from(caPrivateKeyPem).toString('base64'),
    'ca.crt': Buffer.from('ignored').toString('base64'),
  };
  const parsed = parseCaSecretData(data, 'skupper-site-ca');
  expect(parsed).toEqual({ certificatePem: caCertificatePem, privateKeyPem: caPrivateKeyPem, source: 'Secret "skupper-site-ca"' });
  expect(opensslVerify(issue({ ca: parsed }).certificatePem, 'sslclient')).toBe('cert.pem: OK\n');

  expect(() => parseCaSecretData({ 'tls.crt': data['tls.crt'] }, 'skupper-site-ca'))
    .toThrow(/^Secret "skupper-site-ca" has no data key "tls.key": expected a kubernetes.io\/tls Secret with tls.crt and tls.key$/);
  expect(() => parseCaSecretData(undefined, 'my-ca')).toThrow(/^Secret "my-ca" has no data key "tls.crt"/);
  expect(() => parseCaSecretData({ ...data, 'tls.key': '-----BEGIN' }, 'my-ca'))
    .toThrow(/^data key "tls.key" of Secret "my-ca" is not valid base64: expected the base64 of a PEM file$/);
  const pkcs8 = crypto.createPrivateKey(caPrivateKeyPem).export({ type: 'pkcs8', format: 'pem' }).toString();
  const withPkcs8 = parseCaSecretData({ ...data, 'tls.key': Buffer.from(pkcs8).toString('base64') }, 'my-ca');
  expect(() => issue({ ca: withPkcs8 })).toThrow(/^CA private key in Secret "my-ca" must be a PKCS#1 RSA key/);
});
