import * as crypto from 'crypto';
import * as forge from 'node-forge';
import { signCertificate } from './native-signing';
import { commonNameSubject } from './common-name';
import { classifyHost, ipAddressBytes } from './host';
import { certificateToPem, rsaPrivateKeyToPem } from './pem';
import { SERIAL_NUMBER_BYTES, serialNumberHex } from './serial-number';

/** Options for {@link createGrantServerCertificates}. */
export interface GrantServerCertificatesOptions {
  /** The CA's key pair (e.g. from deriveRsaKeyPair). */
  readonly caKey: forge.pki.rsa.KeyPair;
  /** The grant server's key pair. */
  readonly serverKey: forge.pki.rsa.KeyPair;
  /** Bytes the serial numbers are derived from, so that equal inputs give equal certificates. */
  readonly serialSeed: Buffer;
  /**
   * The host redeemers connect to, as it appears in the grant URL: a DNS name or an IP address.
   * Skupper's redeemer checks it against the certificate (an IP against IP SANs, a name against
   * DNS SANs).
   */
  readonly host: string;
  /**
   * More DNS names for the server certificate, e.g. the in-cluster Service names.
   * @default - none
   */
  readonly extraDnsNames?: readonly string[];
  /** Start of validity of both certificates. Fixed rather than "now" so that synth is repeatable. */
  readonly validFrom: Date;
  /** Length of validity of both certificates, in days. */
  readonly validityDays: number;
  /**
   * The CA's common name.
   * @default 'cdk8s-skupper grant server CA'
   */
  readonly caCommonName?: string;
}

/** The grant server's TLS material, as PEM (LF line ends). */
export interface GrantServerCertificates {
  /** The CA certificate: what AccessToken.spec.ca carries, and the only root the redeemer trusts. */
  readonly caCertificatePem: string;
  /** The server certificate, signed by the CA. */
  readonly serverCertificatePem: string;
  /** The server's private key, PKCS#1 (`-----BEGIN RSA PRIVATE KEY-----`). */
  readonly serverPrivateKeyPem: string;
}

const DEFAULT_CA_COMMON_NAME = 'cdk8s-skupper grant server CA';
const SERIAL_LABEL = 'cdk8s-skupper grant server serial v1';
const MS_PER_DAY = 24 * 60 * 60 * 1000;

/**
 * Creates a self-signed CA and a server certificate for the grant server. The result depends
 * only on the options (keys, serial seed, fixed validity), so equal inputs give byte-identical
 * PEMs and re-synthesizing does not churn the manifests.
 */
export function createGrantServerCertificates(options: GrantServerCertificatesOptions): GrantServerCertificates {
  const hostKind = classifyHost(options.host);
  for (const name of options.extraDnsNames ?? []) {
    if (classifyHost(name) !== 'dns') {
      throw new Error(`invalid extra DNS name ${JSON.stringify(name)}: expected a DNS name, not an IP address (pass IP addresses as the host)`);
    }
  }
  if (Number.isNaN(options.validFrom.getTime())) {
    throw new Error('invalid validFrom date: expected a valid Date');
  }
  if (!Number.isInteger(options.validityDays) || options.validityDays < 1) {
    throw new Error(`invalid validityDays ${options.validityDays}: expected a whole number of days, at least 1`);
  }
  if (options.serialSeed.length === 0) {
    throw new Error('invalid serialSeed of 0 bytes: expected at least 1 byte');
  }
  const validTo = new Date(options.validFrom.getTime() + options.validityDays * MS_PER_DAY);

  const ca = forge.pki.createCertificate();
  ca.serialNumber = derivedSerialNumber(options.serialSeed, 'ca');
  ca.publicKey = options.caKey.publicKey;
  ca.validity.notBefore = options.validFrom;
  ca.validity.notAfter = validTo;
  const caSubject = commonNameSubject(options.caCommonName ?? DEFAULT_CA_COMMON_NAME);
  ca.setSubject(caSubject);
  ca.setIssuer(caSubject);
  ca.setExtensions([
    { name: 'basicConstraints', critical: true, cA: true },
    { name: 'keyUsage', critical: true, keyCertSign: true, cRLSign: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  signCertificate(ca, options.caKey.privateKey);

  const server = forge.pki.createCertificate();
  server.serialNumber = derivedSerialNumber(options.serialSeed, 'server');
  server.publicKey = options.serverKey.publicKey;
  server.validity.notBefore = options.validFrom;
  server.validity.notAfter = validTo;
  server.setSubject(commonNameSubject(options.host));
  server.setIssuer(caSubject);
  const hostName = hostKind === 'ip'
    ? { type: 7, value: ipAddressBytes(options.host).toString('binary') }
    : { type: 2, value: options.host };
  const extraNames = [...new Set(options.extraDnsNames ?? [])]
    .filter((name) => name !== options.host)
    .map((name) => ({ type: 2, value: name }));
  server.setExtensions([
    { name: 'basicConstraints', critical: true, cA: false },
    { name: 'keyUsage', critical: true, digitalSignature: true, keyEncipherment: true },
    { name: 'extKeyUsage', serverAuth: true },
    { name: 'subjectAltName', altNames: [hostName, ...extraNames] },
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: ca.generateSubjectKeyIdentifier().getBytes() },
  ]);
  signCertificate(server, options.caKey.privateKey);

  return {
    caCertificatePem: certificateToPem(ca),
    serverCertificatePem: certificateToPem(server),
    serverPrivateKeyPem: rsaPrivateKeyToPem(options.serverKey.privateKey),
  };
}

function derivedSerialNumber(serialSeed: Buffer, role: 'ca' | 'server'): string {
  const bytes = crypto.hkdfSync('sha256', serialSeed, Buffer.alloc(0), `${SERIAL_LABEL} ${role}`, SERIAL_NUMBER_BYTES);
  return serialNumberHex(Buffer.from(bytes));
}
