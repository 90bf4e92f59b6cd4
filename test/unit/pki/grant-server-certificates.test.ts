import * as crypto from 'crypto';
import * as net from 'net';
import * as tls from 'tls';
import * as forge from 'node-forge';
import { deriveEd25519KeyPair } from '../../../lib/pki/deterministic-ed25519';
import { createGrantServerCertificates, GrantServerCertificatesOptions } from '../../../lib/pki/grant-server-certificates';
import { nativeRsaKeyPair, openssl, subjectAltNames } from './pki-test-support';

// Native keys: these tests are about the certificates, not about deriving keys.
const caKey = nativeRsaKeyPair();
const serverKey = nativeRsaKeyPair();
const ed25519CaKey = deriveEd25519KeyPair(Buffer.alloc(32, 1));
const ed25519ServerKey = deriveEd25519KeyPair(Buffer.alloc(32, 2));
const ed25519 = { caKey: ed25519CaKey, serverKey: ed25519ServerKey };
const SERVICE_NAMES = ['skupper-grant-server', 'skupper-grant-server.skupper', 'skupper-grant-server.skupper.svc'];
// Valid from a fixed past date for long enough that openssl and TLS accept them whenever the tests run.
const VALID_FROM = new Date('2025-01-01T00:00:00Z');
const VALIDITY_DAYS = 36500;

function options(overrides: Partial<GrantServerCertificatesOptions> = {}): GrantServerCertificatesOptions {
  return {
    caKey,
    serverKey,
    serialSeed: Buffer.from('serial seed for the west grant server'),
    host: '10.0.0.5',
    extraDnsNames: SERVICE_NAMES,
    validFrom: VALID_FROM,
    validityDays: VALIDITY_DAYS,
    ...overrides,
  };
}

function opensslVerify(caPem: string, serverPem: string, ...checks: string[]): string {
  return openssl(['verify', '-x509_strict', '-purpose', 'sslserver', ...checks, '-CAfile', 'ca.pem', 'server.pem'], { 'ca.pem': caPem, 'server.pem': serverPem });
}

test('equal inputs give byte-identical PEMs', () => {
  const first = createGrantServerCertificates(options());
  const second = createGrantServerCertificates(options({ serialSeed: Buffer.from('serial seed for the west grant server'), validFrom: new Date(VALID_FROM) }));
  expect(second).toEqual(first);
  const other = createGrantServerCertificates(options({ serialSeed: Buffer.from('another seed') }));
  expect(other.caCertificatePem).not.toBe(first.caCertificatePem);
  expect(other.serverCertificatePem).not.toBe(first.serverCertificatePem);
  expect(other.serverPrivateKeyPem).toBe(first.serverPrivateKeyPem);
});

test('the certificates carry the fixed validity and distinct, positive 16-byte serials', () => {
  const result = createGrantServerCertificates(options({ validityDays: 30 }));
  const ca = new crypto.X509Certificate(result.caCertificatePem);
  const server = new crypto.X509Certificate(result.serverCertificatePem);
  for (const certificate of [ca, server]) {
    expect(new Date(certificate.validFrom)).toEqual(VALID_FROM);
    expect(new Date(certificate.validTo)).toEqual(new Date('2025-01-31T00:00:00Z'));
    expect(certificate.serialNumber).toMatch(/^[4-7][0-9A-F]{31}$/);
  }
  expect(server.serialNumber).not.toBe(ca.serialNumber);
});

test('the CA is a self-signed CA that issued the server certificate', () => {
  const result = createGrantServerCertificates(options({ caCommonName: 'west grant server CA' }));
  const ca = new crypto.X509Certificate(result.caCertificatePem);
  const server = new crypto.X509Certificate(result.serverCertificatePem);
  expect(ca.ca).toBe(true);
  expect(ca.subject).toBe('CN=west grant server CA');
  expect(ca.issuer).toBe(ca.subject);
  expect(ca.verify(ca.publicKey)).toBe(true);
  expect(server.ca).toBe(false);
  expect(server.issuer).toBe('CN=west grant server CA');
  expect(server.checkIssued(ca)).toBe(true);
  expect(server.verify(ca.publicKey)).toBe(true);

  const caText = openssl(['x509', '-in', 'ca.pem', '-noout', '-text'], { 'ca.pem': result.caCertificatePem });
  expect(caText).toMatch(/Signature Algorithm: sha256WithRSAEncryption/);
  expect(caText).toMatch(/X509v3 Basic Constraints: critical\s+CA:TRUE/);
  expect(caText).toMatch(/X509v3 Key Usage: critical\s+Certificate Sign, CRL Sign\n/);
  expect(caText).toMatch(/X509v3 Subject Key Identifier:/);

  const serverText = openssl(['x509', '-in', 'server.pem', '-noout', '-text'], { 'server.pem': result.serverCertificatePem });
  expect(serverText).toMatch(/Signature Algorithm: sha256WithRSAEncryption/);
  expect(serverText).toMatch(/X509v3 Key Usage: critical\s+Digital Signature, Key Encipherment\n/);
  expect(serverText).toMatch(/X509v3 Extended Key Usage:\s+TLS Web Server Authentication\n/);
  const caKeyId = /X509v3 Subject Key Identifier:\s+([0-9A-F:]+)/.exec(caText)?.[1];
  expect(serverText).toContain(`X509v3 Authority Key Identifier: \n                ${caKeyId}`);
});

test('an IP host gets an IP SAN and the service names DNS SANs, and openssl verifies the chain for that IP', () => {
  const result = createGrantServerCertificates(options());
  expect(subjectAltNames(result.serverCertificatePem)).toEqual([
    'IP Address:10.0.0.5',
    'DNS:skupper-grant-server',
    'DNS:skupper-grant-server.skupper',
    'DNS:skupper-grant-server.skupper.svc',
  ]);
  expect(new crypto.X509Certificate(result.serverCertificatePem).subject).toBe('CN=10.0.0.5');
  expect(opensslVerify(result.caCertificatePem, result.serverCertificatePem, '-verify_ip', '10.0.0.5')).toBe('server.pem: OK\n');
  expect(() => opensslVerify(result.caCertificatePem, result.serverCertificatePem, '-verify_ip', '10.0.0.6')).toThrow(/IP address mismatch/);
});

test('an IPv6 host gets an IPv6 SAN', () => {
  const result = createGrantServerCertificates(options({ host: '2001:db8::5', extraDnsNames: [] }));
  expect(subjectAltNames(result.serverCertificatePem)).toEqual(['IP Address:2001:DB8:0:0:0:0:0:5']);
  expect(opensslVerify(result.caCertificatePem, result.serverCertificatePem, '-verify_ip', '2001:db8::5')).toBe('server.pem: OK\n');
});

test('a DNS host gets a DNS SAN, listed once even when repeated in the extra names', () => {
  const result = createGrantServerCertificates(options({
    host: 'grants.west.example.com',
    extraDnsNames: ['grants.west.example.com', 'skupper-grant-server', 'skupper-grant-server'],
  }));
  expect(subjectAltNames(result.serverCertificatePem)).toEqual(['DNS:grants.west.example.com', 'DNS:skupper-grant-server']);
  expect(new crypto.X509Certificate(result.serverCertificatePem).subject).toBe('CN=grants.west.example.com');
  expect(opensslVerify(result.caCertificatePem, result.serverCertificatePem, '-verify_hostname', 'grants.west.example.com')).toBe('server.pem: OK\n');
});

test('the server private key is the PKCS#1 PEM of the server key', () => {
  const result = createGrantServerCertificates(options());
  expect(result.serverPrivateKeyPem).toMatch(/^-----BEGIN RSA PRIVATE KEY-----\n[A-Za-z0-9+/=\n]+-----END RSA PRIVATE KEY-----\n$/);
  const key = forge.pki.privateKeyFromPem(result.serverPrivateKeyPem) as forge.pki.rsa.PrivateKey;
  expect(key.n.equals(serverKey.publicKey.n)).toBe(true);
  expect(crypto.createPrivateKey(result.serverPrivateKeyPem).asymmetricKeyType).toBe('rsa');
});

/** Serves TLS 1.3 with the certificates on 127.0.0.1 and connects with a client that trusts only the CA. */
async function handshake(host: string, connect: { servername?: string }, keys: Partial<GrantServerCertificatesOptions> = {}):
Promise<{ protocol: string | null; authorized: boolean }> {
  const result = createGrantServerCertificates(options({ host, ...keys }));
  const server = tls.createServer({ cert: result.serverCertificatePem, key: result.serverPrivateKeyPem, minVersion: 'TLSv1.3' }, (socket) => socket.end());
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    return await new Promise((resolve, reject) => {
      const socket = tls.connect({
        host: '127.0.0.1',
        port: (server.address() as net.AddressInfo).port,
        ca: [result.caCertificatePem],
        minVersion: 'TLSv1.3',
        ...connect,
      }, () => {
        resolve({ protocol: socket.getProtocol(), authorized: socket.authorized });
        socket.destroy();
      });
      socket.on('error', (error) => {
        socket.destroy();
        reject(error);
      });
    });
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

test('a TLS 1.3 client trusting only the CA accepts the server for its IP address', async () => {
  await expect(handshake('127.0.0.1', {})).resolves.toEqual({ protocol: 'TLSv1.3', authorized: true });
});

test('a TLS 1.3 client trusting only the CA accepts the server for its DNS name, and refuses another name', async () => {
  await expect(handshake('grants.west.example.com', { servername: 'grants.west.example.com' })).resolves.toEqual({ protocol: 'TLSv1.3', authorized: true });
  await expect(handshake('grants.west.example.com', { servername: 'grants.east.example.com' })).rejects.toThrow(/Host: grants.east.example.com. is not in the cert's altnames/);
});

test('invalid hosts, extra names and validity are refused', () => {
  expect(() => createGrantServerCertificates(options({ host: 'https://grants.example.com' })))
    .toThrow(/invalid host "https:\/\/grants.example.com": expected a DNS name \(RFC 1123, e.g. grants.example.com\) or an IP address/);
  expect(() => createGrantServerCertificates(options({ host: '*.example.com' }))).toThrow(/invalid host "\*.example.com"/);
  expect(() => createGrantServerCertificates(options({ extraDnsNames: ['10.0.0.7'] })))
    .toThrow(/invalid extra DNS name "10.0.0.7": expected a DNS name, not an IP address/);
  expect(() => createGrantServerCertificates(options({ extraDnsNames: ['Bad_Name'] }))).toThrow(/invalid host "Bad_Name"/);
  expect(() => createGrantServerCertificates(options({ validityDays: 0 }))).toThrow(/invalid validityDays 0: expected a whole number of days, at least 1/);
  expect(() => createGrantServerCertificates(options({ validFrom: new Date('not a date') }))).toThrow(/invalid validFrom date: expected a valid Date/);
  expect(() => createGrantServerCertificates(options({ serialSeed: Buffer.alloc(0) }))).toThrow(/invalid serialSeed of 0 bytes: expected at least 1 byte/);
});

describe('with Ed25519 keys', () => {
  test('equal inputs give byte-identical PEMs (Ed25519 signatures are deterministic)', () => {
    const first = createGrantServerCertificates(options(ed25519));
    const second = createGrantServerCertificates(options({
      caKey: deriveEd25519KeyPair(Buffer.alloc(32, 1)), serverKey: deriveEd25519KeyPair(Buffer.alloc(32, 2)), validFrom: new Date(VALID_FROM),
    }));
    expect(second).toEqual(first);
    const other = createGrantServerCertificates(options({ ...ed25519, serialSeed: Buffer.from('another seed') }));
    expect(other.caCertificatePem).not.toBe(first.caCertificatePem);
    expect(other.serverPrivateKeyPem).toBe(first.serverPrivateKeyPem);
  });

  test('the CA is a self-signed Ed25519 CA that issued the Ed25519 server certificate, key identifiers chained', () => {
    const result = createGrantServerCertificates(options(ed25519));
    const ca = new crypto.X509Certificate(result.caCertificatePem);
    const server = new crypto.X509Certificate(result.serverCertificatePem);
    expect(ca.publicKey.asymmetricKeyType).toBe('ed25519');
    expect(server.publicKey.export({ type: 'spki', format: 'der' })).toEqual(ed25519ServerKey.publicKey.export({ type: 'spki', format: 'der' }));
    expect(ca.ca).toBe(true);
    expect(ca.verify(ca.publicKey)).toBe(true);
    expect(server.ca).toBe(false);
    expect(server.checkIssued(ca)).toBe(true);
    expect(server.verify(ca.publicKey)).toBe(true);

    const caText = openssl(['x509', '-in', 'ca.pem', '-noout', '-text'], { 'ca.pem': result.caCertificatePem });
    expect(caText).toMatch(/Signature Algorithm: ED25519/);
    expect(caText).toMatch(/X509v3 Key Usage: critical\s+Certificate Sign, CRL Sign\n/);
    const serverText = openssl(['x509', '-in', 'server.pem', '-noout', '-text'], { 'server.pem': result.serverCertificatePem });
    expect(serverText).toMatch(/Signature Algorithm: ED25519/);
    expect(serverText).toMatch(/Public Key Algorithm: ED25519/);
    expect(serverText).toMatch(/X509v3 Key Usage: critical\s+Digital Signature\n/);
    expect(serverText).toMatch(/X509v3 Extended Key Usage:\s+TLS Web Server Authentication\n/);
    const caKeyId = /X509v3 Subject Key Identifier:\s+([0-9A-F:]+)/.exec(caText)?.[1];
    const rawCaKey = ed25519CaKey.publicKey.export({ type: 'spki', format: 'der' }).subarray(12);
    expect(caKeyId?.replace(/:/g, '')).toBe(crypto.createHash('sha1').update(rawCaKey).digest('hex').toUpperCase());
    expect(serverText).toContain(`X509v3 Authority Key Identifier: \n                ${caKeyId}`);
    expect(opensslVerify(result.caCertificatePem, result.serverCertificatePem, '-verify_ip', '10.0.0.5')).toBe('server.pem: OK\n');
  });

  test('the server private key is the PKCS#8 PEM of the server key', () => {
    const result = createGrantServerCertificates(options(ed25519));
    expect(result.serverPrivateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----\n[A-Za-z0-9+/=\n]+-----END PRIVATE KEY-----\n$/);
    expect(crypto.createPrivateKey(result.serverPrivateKeyPem).export({ type: 'pkcs8', format: 'der' }))
      .toEqual(ed25519ServerKey.privateKey.export({ type: 'pkcs8', format: 'der' }));
  });

  test('a TLS 1.3 client trusting only the CA accepts the server for its IP address and its DNS name', async () => {
    await expect(handshake('127.0.0.1', {}, ed25519)).resolves.toEqual({ protocol: 'TLSv1.3', authorized: true });
    await expect(handshake('grants.west.example.com', { servername: 'grants.west.example.com' }, ed25519))
      .resolves.toEqual({ protocol: 'TLSv1.3', authorized: true });
    await expect(handshake('grants.west.example.com', { servername: 'grants.east.example.com' }, ed25519)).rejects.toThrow(/is not in the cert's altnames/);
  });

  test('an RSA key beside an Ed25519 key is refused', () => {
    expect(() => createGrantServerCertificates(options({ caKey: ed25519CaKey })))
      .toThrow(/invalid grant server keys: the CA key and the server key must both be RSA or both be Ed25519/);
    expect(() => createGrantServerCertificates(options({ serverKey: ed25519ServerKey }))).toThrow(/must both be RSA or both be Ed25519/);
  });
});
