import * as crypto from 'crypto';
import * as forge from 'node-forge';

const CERTIFICATE_PEM_TYPES = ['CERTIFICATE', 'X509 CERTIFICATE', 'TRUSTED CERTIFICATE'];

/**
 * How far in the future a certificate's notBefore may lie and still be accepted. The controller
 * stamps notBefore with its own clock when it creates a key, so a certificate fetched right away
 * from a cluster whose clock runs slightly ahead would otherwise be refused.
 */
const NOT_BEFORE_CLOCK_SKEW_MS = 5 * 60 * 1000;

/**
 * The public certificate of a sealed-secrets controller (what `kubeseal --fetch-cert` prints),
 * checked the way kubeseal checks it before sealing: an X.509 certificate with an RSA key that
 * has not expired. Unlike kubeseal it also refuses a certificate that is not valid yet, which
 * usually means the wrong file or a broken clock.
 */
export class SealingCertificate {
  /**
   * Parses the first certificate in `pem`. `source` names where the PEM came from (a file path,
   * a URL) so errors point at it; `now` is the time validity is checked against.
   */
  public static fromPem(pem: string, source: string, now: Date = new Date()): SealingCertificate {
    const parsed = parsedPems.get(pem) ?? parsePem(pem, source);
    const { notBefore, notAfter } = parsed;
    if (notAfter.getTime() < now.getTime()) {
      throw new Error(`${source} expired on ${notAfter.toISOString()}: fetch the controller's current certificate (kubeseal refuses expired certificates too)`);
    }
    if (notBefore.getTime() > now.getTime() + NOT_BEFORE_CLOCK_SKEW_MS) {
      throw new Error(`${source} is not valid before ${notBefore.toISOString()} (now is ${now.toISOString()}): check the certificate and the local clock`);
    }

    return new SealingCertificate(parsed, new Date(notAfter.getTime()), source);
  }

  private constructor(
    private readonly parsed: ParsedCertificate,
    /** When the certificate expires; sealing with it fails after that (as in kubeseal). */
    public readonly notAfter: Date,
    /** Where the certificate came from, for messages. */
    public readonly source: string,
  ) {}

  /** The controller's RSA public key, which wraps the per-value AES session keys. */
  public get publicKey(): forge.pki.rsa.PublicKey {
    return this.parsed.publicKey;
  }

  /** Lower-case hex SHA-256 of the certificate's DER encoding. */
  public get fingerprint(): string {
    return this.parsed.fingerprint;
  }

  /**
   * The public key for Node's crypto (native RSA is ~20x faster than forge's), shared by every
   * certificate loaded from the same PEM, so the clusters of a network that share one certificate
   * file share one native key.
   */
  public get keyObject(): crypto.KeyObject {
    return this.parsed.keyObject;
  }
}

/** What a certificate's PEM gives, whoever reads it. */
interface ParsedCertificate {
  readonly publicKey: forge.pki.rsa.PublicKey;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly fingerprint: string;
  readonly keyObject: crypto.KeyObject;
}

/**
 * Parsed certificates by PEM text. A 1,000-cluster network often gives every cluster the same
 * certificate file, and forge's decoding and parsing are the expensive part of loading one; the
 * native key object is kept here too, made once. Failures are not cached, and
 * validity is checked on every load.
 */
const parsedPems = new Map<string, ParsedCertificate>();
const PARSED_PEMS_LIMIT = 256;

function parsePem(pem: string, source: string): ParsedCertificate {
  let blocks: forge.pem.ObjectPEM[];
  try {
    blocks = forge.pem.decode(pem);
  } catch {
    // forge throws on text that is not PEM at all; say what we expected instead of its message.
    blocks = [];
  }
  const block = blocks.find((b) => CERTIFICATE_PEM_TYPES.includes(b.type));
  if (!block) {
    const found = blocks.length > 0 ? `found ${blocks.map((b) => b.type).join(', ')}` : 'found no PEM block';
    throw new Error(`${source} is not a PEM certificate (${found}): expected a "-----BEGIN CERTIFICATE-----" block, as printed by kubeseal --fetch-cert`);
  }

  // The fingerprint is taken over the DER exactly as given (re-encoding could differ).
  const der = Buffer.from(block.body, 'binary');
  let certificate: forge.pki.Certificate;
  try {
    certificate = forge.pki.certificateFromAsn1(forge.asn1.fromDer(block.body));
  } catch (error) {
    const message = (error as Error).message;
    if (/OID is not RSA/i.test(message)) {
      throw new Error(`${source} has a ${describeKeyType(der)} public key: sealed secrets need a certificate with an RSA key`);
    }
    throw new Error(`${source} is not a valid X.509 certificate: ${message}`);
  }
  const publicKey = certificate.publicKey as forge.pki.rsa.PublicKey;
  const parsed: ParsedCertificate = {
    publicKey,
    notBefore: certificate.validity.notBefore,
    notAfter: certificate.validity.notAfter,
    fingerprint: crypto.createHash('sha256').update(der).digest('hex'),
    keyObject: crypto.createPublicKey(forge.pki.publicKeyToPem(publicKey)),
  };
  if (parsedPems.size >= PARSED_PEMS_LIMIT) parsedPems.clear();
  parsedPems.set(pem, parsed);
  return parsed;
}

/** Best-effort name of a certificate's key type (forge only parses RSA keys), e.g. "ec (prime256v1)". */
function describeKeyType(der: Buffer): string {
  try {
    const key = new crypto.X509Certificate(der).publicKey;
    const curve = key.asymmetricKeyDetails?.namedCurve;
    return curve ? `${key.asymmetricKeyType} (${curve})` : String(key.asymmetricKeyType);
  } catch {
    return 'non-RSA';
  }
}
