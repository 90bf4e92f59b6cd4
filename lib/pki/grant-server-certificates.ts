import * as crypto from 'crypto';
import * as forge from 'node-forge';
import { Ed25519KeyPair, isEd25519KeyPair } from './deterministic-ed25519';
import { signCertificate, signCertificateEd25519 } from './native-signing';
import { commonNameSubject } from './common-name';
import { classifyHost, ipAddressBytes } from './host';
import { certificateToPem, rsaPrivateKeyToPem } from './pem';
import { SERIAL_NUMBER_BYTES, serialNumberHex } from './serial-number';
import { derToPem } from './der';

/** Options for {@link createGrantServerCertificates}. */
export interface GrantServerCertificatesOptions {
  /**
   * The CA's key pair: RSA (e.g. from deriveRsaKeyPair; signatures are SHA-256 with PKCS#1 v1.5)
   * or Ed25519 (e.g. from deriveEd25519KeyPair).
   */
  readonly caKey: GrantServerKeyPair;
  /** The grant server's key pair, of the same kind as the CA's. */
  readonly serverKey: GrantServerKeyPair;
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

/** A grant server key pair: RSA as a forge key pair, or Ed25519 as Node key objects. */
export type GrantServerKeyPair = forge.pki.rsa.KeyPair | Ed25519KeyPair;

/** The grant server's TLS material, as PEM (LF line ends). */
export interface GrantServerCertificates {
  /** The CA certificate: what AccessToken.spec.ca carries, and the only root the redeemer trusts. */
  readonly caCertificatePem: string;
  /** The server certificate, signed by the CA. */
  readonly serverCertificatePem: string;
  /** The server's private key: PKCS#1 (`-----BEGIN RSA PRIVATE KEY-----`) for RSA, PKCS#8 (`-----BEGIN PRIVATE KEY-----`) for Ed25519. */
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
  const caEd25519 = isEd25519KeyPair(options.caKey);
  if (caEd25519 !== isEd25519KeyPair(options.serverKey)) {
    throw new Error('invalid grant server keys: the CA key and the server key must both be RSA or both be Ed25519');
  }

  const caSubject = commonNameSubject(options.caCommonName ?? DEFAULT_CA_COMMON_NAME);
  const ca = forge.pki.createCertificate();
  ca.serialNumber = derivedSerialNumber(options.serialSeed, 'ca');
  ca.validity.notBefore = options.validFrom;
  ca.validity.notAfter = validTo;
  ca.setSubject(caSubject);
  ca.setIssuer(caSubject);

  const server = forge.pki.createCertificate();
  server.serialNumber = derivedSerialNumber(options.serialSeed, 'server');
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
  const subjectAltName = { name: 'subjectAltName', altNames: [hostName, ...extraNames] };

  if (isEd25519KeyPair(options.caKey) && isEd25519KeyPair(options.serverKey)) {
    return ed25519Certificates(ca, server, subjectAltName, options.caKey, options.serverKey);
  }
  const caKey = options.caKey as forge.pki.rsa.KeyPair;
  const serverKey = options.serverKey as forge.pki.rsa.KeyPair;
  ca.publicKey = caKey.publicKey;
  ca.setExtensions([
    { name: 'basicConstraints', critical: true, cA: true },
    { name: 'keyUsage', critical: true, keyCertSign: true, cRLSign: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  signCertificate(ca, caKey.privateKey);

  server.publicKey = serverKey.publicKey;
  server.setExtensions([
    { name: 'basicConstraints', critical: true, cA: false },
    { name: 'keyUsage', critical: true, digitalSignature: true, keyEncipherment: true },
    { name: 'extKeyUsage', serverAuth: true },
    subjectAltName,
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: ca.generateSubjectKeyIdentifier().getBytes() },
  ]);
  signCertificate(server, caKey.privateKey);

  return {
    caCertificatePem: certificateToPem(ca),
    serverCertificatePem: certificateToPem(server),
    serverPrivateKeyPem: rsaPrivateKeyToPem(serverKey.privateKey),
  };
}

/**
 * The same two certificates with Ed25519 keys. forge encodes everything but the keys and the
 * signature; key identifiers are SHA-1 of the public key bits (RFC 5280 4.2.1.2, method 1, as
 * forge does for RSA), and the server certificate's key usage is digitalSignature alone
 * (an Ed25519 key cannot encipher).
 */
function ed25519Certificates(ca: forge.pki.Certificate, server: forge.pki.Certificate, subjectAltName: object,
  caKey: Ed25519KeyPair, serverKey: Ed25519KeyPair): GrantServerCertificates {
  const caSpki = caKey.publicKey.export({ type: 'spki', format: 'der' });
  const serverSpki = serverKey.publicKey.export({ type: 'spki', format: 'der' });
  const caKeyId = keyIdentifier(caSpki);
  ca.publicKey = PLACEHOLDER_RSA_PUBLIC_KEY;
  ca.setExtensions([
    { name: 'basicConstraints', critical: true, cA: true },
    { name: 'keyUsage', critical: true, keyCertSign: true, cRLSign: true },
    { name: 'subjectKeyIdentifier', value: octetString(caKeyId) },
  ]);
  server.publicKey = PLACEHOLDER_RSA_PUBLIC_KEY;
  server.setExtensions([
    { name: 'basicConstraints', critical: true, cA: false },
    { name: 'keyUsage', critical: true, digitalSignature: true },
    { name: 'extKeyUsage', serverAuth: true },
    subjectAltName,
    { name: 'subjectKeyIdentifier', value: octetString(keyIdentifier(serverSpki)) },
    { name: 'authorityKeyIdentifier', keyIdentifier: caKeyId.toString('binary') },
  ]);
  return {
    caCertificatePem: derToPem('CERTIFICATE', signCertificateEd25519(ca, caKey.privateKey, caSpki)),
    serverCertificatePem: derToPem('CERTIFICATE', signCertificateEd25519(server, caKey.privateKey, serverSpki)),
    serverPrivateKeyPem: serverKey.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}

/** forge needs some RSA key to encode a TBSCertificate; signCertificateEd25519 replaces it. */
const PLACEHOLDER_RSA_PUBLIC_KEY = forge.pki.setRsaPublicKey(new forge.jsbn.BigInteger('3'), new forge.jsbn.BigInteger('3'));

/** SHA-1 of the subjectPublicKey BIT STRING's bits; an Ed25519 SPKI is 12 bytes of header, then the 32-byte key. */
function keyIdentifier(spkiDer: Buffer): Buffer {
  return crypto.createHash('sha1').update(spkiDer.subarray(spkiDer.length - 32)).digest();
}

function octetString(bytes: Buffer): forge.asn1.Asn1 {
  return forge.asn1.create(forge.asn1.Class.UNIVERSAL, forge.asn1.Type.OCTETSTRING, false, bytes.toString('binary'));
}

function derivedSerialNumber(serialSeed: Buffer, role: 'ca' | 'server'): string {
  const bytes = crypto.hkdfSync('sha256', serialSeed, Buffer.alloc(0), `${SERIAL_LABEL} ${role}`, SERIAL_NUMBER_BYTES);
  return serialNumberHex(Buffer.from(bytes));
}
