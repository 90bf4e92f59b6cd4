import * as crypto from 'crypto';
import * as forge from 'node-forge';
import { signedClientCertificateDer } from './client-certificate-der';
import { derToPem, pemToDer } from './der';
import { distinguishedNameDer } from './distinguished-name';
import { rsaKeyPairFromPem, rsaPrivateKeyToPem } from './pem';
import { SERIAL_NUMBER_BYTES, serialNumberBytes } from './serial-number';
import { isStrictBase64 } from '../validation/base64';

/** A CA that signs certificates: its certificate and its PKCS#1 RSA private key, as PEM. */
export interface CertificateAuthority {
  readonly certificatePem: string;
  readonly privateKeyPem: string;
  /**
   * Where the CA came from, for error messages, e.g. `Secret "skupper-site-ca"`.
   * @default 'the CA'
   */
  readonly source?: string;
}

/** Options for {@link issueClientCertificate}. */
export interface IssueClientCertificateOptions {
  /** The issuing CA (for grant redemption: the site's default issuer, skupper-site-ca). */
  readonly ca: CertificateAuthority;
  /** The common name; for grant redemption the `subject` header (the redeeming Site's UID). */
  readonly subject: string;
  /** Host names and IP addresses for the SANs; for grant redemption all of site.status.endpoints[].host. */
  readonly hosts: readonly string[];
  /**
   * Validity in days.
   * @default 1825 (5 * 365, as Skupper)
   */
  readonly validityDays?: number;
  /**
   * Start of validity (Skupper does not backdate).
   * @default - the current time
   */
  readonly now?: Date;
  /**
   * The key pair to certify: an RSA pair (e.g. generated ahead of time), or a Node key pair of
   * another type, such as ECDSA P-256 ({@link generateP256KeyPair}).
   * @default - a fresh RSA 2048 key
   */
  readonly keyPair?: ClientKeyPair;
}

/** A key pair a client certificate can be issued for: RSA in forge's form, or any Node key pair. */
export type ClientKeyPair = forge.pki.rsa.KeyPair | crypto.KeyPairKeyObjectResult;

/**
 * An ECDSA P-256 key pair: generated in well under a millisecond (RSA 2048 takes ~0.2 s), and
 * accepted by skupper-router for inter-router links under an RSA site CA.
 */
export function generateP256KeyPair(): crypto.KeyPairKeyObjectResult {
  return crypto.generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
}

function isNodeKeyPair(keyPair: ClientKeyPair): keyPair is crypto.KeyPairKeyObjectResult {
  return keyPair.publicKey instanceof crypto.KeyObject;
}

/** A certificate in the layout of a kubernetes.io/tls Secret as Skupper writes it. */
export interface IssuedCertificate {
  /** tls.crt: the new certificate. */
  readonly certificatePem: string;
  /** tls.key: its private key, PKCS#1 for RSA (`-----BEGIN RSA PRIVATE KEY-----`, as Skupper), else PKCS#8. */
  readonly privateKeyPem: string;
  /** ca.crt: the issuing CA's certificate PEM, exactly as given. */
  readonly caCertificatePem: string;
}

const DEFAULT_VALIDITY_DAYS = 5 * 365;
const MS_PER_DAY = 24 * 60 * 60 * 1000;
const PKCS1_RSA_PRIVATE_KEY = 'RSA PRIVATE KEY';

/**
 * Issues a certificate the way Skupper's certs.GenerateSecret does when it redeems a grant, so a
 * redeeming site cannot tell the difference: RSA 2048, random serial, CN = subject only,
 * NotBefore = now, serverAuth and clientAuth, and every host as a DNS SAN (also as an IP SAN
 * when it is an IP address, since the Skupper router ignores IP SANs).
 */
export function issueClientCertificate(options: IssueClientCertificateOptions): IssuedCertificate {
  const source = options.ca.source ?? 'the CA';
  const { caKey, caSubjectDer, caKeyIdentifier } = parsedCertificateAuthority(options.ca, source);
  if (options.subject.trim() === '') {
    throw new Error(`invalid subject ${JSON.stringify(options.subject)}: expected a non-empty common name`);
  }
  const validityDays = options.validityDays ?? DEFAULT_VALIDITY_DAYS;
  if (!Number.isInteger(validityDays) || validityDays < 1) {
    throw new Error(`invalid validityDays ${validityDays}: expected a whole number of days, at least 1`);
  }
  const now = options.now ?? new Date();
  if (Number.isNaN(now.getTime())) {
    throw new Error('invalid now date: expected a valid Date');
  }
  const hosts = uniqueTrimmedHosts(options.hosts);
  const keyPair = options.keyPair ?? generateRsa2048KeyPair();
  const { subjectPublicKeyInfoDer, privateKeyPem, rsa } = encodedKeyPair(keyPair);
  const der = signedClientCertificateDer({
    serial: serialNumberBytes(crypto.randomBytes(SERIAL_NUMBER_BYTES)),
    notBefore: now,
    notAfter: new Date(now.getTime() + validityDays * MS_PER_DAY),
    issuerDer: caSubjectDer,
    commonName: options.subject,
    subjectPublicKeyInfoDer,
    keyEncipherment: rsa,
    authorityKeyIdentifier: caKeyIdentifier,
    hosts,
  }, caKey);
  const certificatePem = derToPem('CERTIFICATE', der);

  return { certificatePem, privateKeyPem, caCertificatePem: options.ca.certificatePem };
}

/**
 * The CA of a kubernetes.io/tls Secret (its `data`, base64 values as the API returns them), e.g.
 * skupper-site-ca: tls.crt and tls.key. Like Skupper, this ignores the Secret's own ca.crt.
 */
export function parseCaSecretData(data: Readonly<Record<string, string>> | undefined, secretName: string): CertificateAuthority {
  const source = `Secret ${JSON.stringify(secretName)}`;
  const decode = (key: string): string => {
    const value = data?.[key];
    if (value === undefined || value === '') {
      throw new Error(`${source} has no data key ${JSON.stringify(key)}: expected a kubernetes.io/tls Secret with tls.crt and tls.key`);
    }
    if (!isStrictBase64(value)) {
      throw new Error(`data key ${JSON.stringify(key)} of ${source} is not valid base64: expected the base64 of a PEM file`);
    }
    return Buffer.from(value, 'base64').toString('utf8');
  };
  return { certificatePem: decode('tls.crt'), privateKeyPem: decode('tls.key'), source };
}

interface ParsedCertificateAuthority {
  /** The CA's key as Node signs with it. */
  readonly caKey: crypto.KeyObject;
  /** The CA's subject name exactly as encoded in its certificate (what an issuer must equal). */
  readonly caSubjectDer: Buffer;
  /** Its subjectKeyIdentifier, for the authorityKeyIdentifier of what it issues (none if it has none). */
  readonly caKeyIdentifier?: Buffer;
}

// A grant server issues every certificate with the same site CA: parsing it with forge took about
// half of each issue (bench/redemption). Keyed by the PEMs, so a rotated CA is parsed anew; the
// few most recent are kept (a grant server has one issuer per grant at most).
const parsedAuthorities = new Map<string, ParsedCertificateAuthority>();
const MAX_PARSED_AUTHORITIES = 8;

/** The CA's key and certificate, parsed and checked to match, once per pair of PEMs. */
function parsedCertificateAuthority(ca: CertificateAuthority, source: string): ParsedCertificateAuthority {
  const key = `${ca.certificatePem}\0${ca.privateKeyPem}`;
  const cached = parsedAuthorities.get(key);
  if (cached) {
    return cached;
  }
  const caKey = parseCaPrivateKey(ca.privateKeyPem, source);
  const caCertificate = parseCaCertificate(ca.certificatePem, source);
  const caPublicKey = caCertificate.publicKey as forge.pki.rsa.PublicKey;
  if (!caPublicKey.n.equals(caKey.n) || !caPublicKey.e.equals(caKey.e)) {
    throw new Error(`CA certificate and CA private key in ${source} do not match: expected the private key of the certificate's public key`);
  }
  if (parsedAuthorities.size >= MAX_PARSED_AUTHORITIES) {
    parsedAuthorities.delete(parsedAuthorities.keys().next().value!);
  }
  const parsed = {
    caKey: crypto.createPrivateKey(ca.privateKeyPem),
    caSubjectDer: distinguishedNameDer(pemToDer(ca.certificatePem), 'subject'),
    caKeyIdentifier: subjectKeyIdentifier(caCertificate),
  };
  parsedAuthorities.set(key, parsed);
  return parsed;
}

/** Skupper parses the CA key with x509.ParsePKCS1PrivateKey, so accepting more here would only hide a CA Skupper itself cannot use. */
function parseCaPrivateKey(pem: string, source: string): forge.pki.rsa.PrivateKey {
  const type = /-----BEGIN ([A-Z0-9 ]*PRIVATE KEY)-----/.exec(pem)?.[1];
  if (type !== PKCS1_RSA_PRIVATE_KEY) {
    const found = type === undefined ? 'no PEM private key' : `-----BEGIN ${type}-----`;
    throw new Error(`CA private key in ${source} must be a PKCS#1 RSA key (-----BEGIN ${PKCS1_RSA_PRIVATE_KEY}-----), got ${found}`);
  }
  try {
    return forge.pki.privateKeyFromPem(pem) as forge.pki.rsa.PrivateKey;
  } catch (error) {
    throw new Error(`CA private key in ${source} cannot be read: ${(error as Error).message}`);
  }
}

function parseCaCertificate(pem: string, source: string): forge.pki.Certificate {
  try {
    return forge.pki.certificateFromPem(pem);
  } catch (error) {
    throw new Error(`CA certificate in ${source} cannot be read (expected an RSA certificate PEM): ${(error as Error).message}`);
  }
}

/** Hosts as Skupper uses them: trimmed. Empty ones are dropped and duplicates kept once. */
function uniqueTrimmedHosts(hosts: readonly string[]): string[] {
  const trimmed = [...new Set(hosts.map((host) => host.trim()).filter((host) => host !== ''))];
  for (const host of trimmed) {
    // A dNSName is an IA5String; Go's x509.CreateCertificate refuses anything else as well.
    if (!/^[\x20-\x7e]+$/.test(host)) {
      throw new Error(`invalid host ${JSON.stringify(host)}: expected printable ASCII characters only`);
    }
  }
  return trimmed;
}

/** The CA's subject key identifier, which Go copies into the authorityKeyIdentifier of what it issues. */
function subjectKeyIdentifier(caCertificate: forge.pki.Certificate): Buffer | undefined {
  const extension = caCertificate.getExtension('subjectKeyIdentifier') as { subjectKeyIdentifier?: string } | undefined;
  return extension?.subjectKeyIdentifier === undefined ? undefined : Buffer.from(extension.subjectKeyIdentifier, 'hex');
}

/** A key pair as the certificate and tls.key need it: PKCS#1 for RSA (as Skupper writes tls.key), else PKCS#8. */
function encodedKeyPair(keyPair: ClientKeyPair): { subjectPublicKeyInfoDer: Buffer; privateKeyPem: string; rsa: boolean } {
  if (isNodeKeyPair(keyPair)) {
    const rsa = keyPair.publicKey.asymmetricKeyType === 'rsa';
    return {
      subjectPublicKeyInfoDer: keyPair.publicKey.export({ type: 'spki', format: 'der' }),
      privateKeyPem: keyPair.privateKey.export(rsa ? { type: 'pkcs1', format: 'pem' } : { type: 'pkcs8', format: 'pem' }).toString(),
      rsa,
    };
  }
  return {
    subjectPublicKeyInfoDer: Buffer.from(forge.asn1.toDer(forge.pki.publicKeyToAsn1(keyPair.publicKey)).getBytes(), 'binary'),
    privateKeyPem: rsaPrivateKeyToPem(keyPair.privateKey),
    rsa: true,
  };
}

/**
 * Node's native generator: about 0.1-0.3 s, against seconds for forge's pure JavaScript one.
 * Synchronous, so it blocks the event loop meanwhile; pass `keyPair` to avoid that.
 */
function generateRsa2048KeyPair(): forge.pki.rsa.KeyPair {
  const { privateKey } = crypto.generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicExponent: 65537,
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  return rsaKeyPairFromPem(privateKey);
}
