import * as crypto from 'crypto';
import * as forge from 'node-forge';

/** forge's TBS encoder, public at run time but missing from @types/node-forge. */
interface TbsEncoder {
  getTBSCertificate(certificate: forge.pki.Certificate): forge.asn1.Asn1;
}

const privateKeys = new WeakMap<forge.pki.rsa.PrivateKey, crypto.KeyObject>();

/**
 * Signs `certificate` with SHA-256 and RSA PKCS#1 v1.5 using Node's native crypto: what forge's
 * `certificate.sign(key, sha256)` does, byte for byte (PKCS#1 v1.5 signatures are deterministic),
 * but in about 1 ms instead of forge's 50-250 ms of pure JavaScript on the event loop.
 */
export function signCertificate(certificate: forge.pki.Certificate, key: forge.pki.rsa.PrivateKey): void {
  // The fields forge.pki.Certificate.sign sets before it signs the TBS bytes.
  const mutable = certificate as forge.pki.Certificate & { md: forge.md.MessageDigest; tbsCertificate: forge.asn1.Asn1 };
  mutable.md = forge.md.sha256.create();
  certificate.signatureOid = forge.pki.oids.sha256WithRSAEncryption;
  certificate.siginfo.algorithmOid = forge.pki.oids.sha256WithRSAEncryption;
  mutable.tbsCertificate = (forge.pki as unknown as TbsEncoder).getTBSCertificate(certificate);
  const tbs = Buffer.from(forge.asn1.toDer(mutable.tbsCertificate).getBytes(), 'binary');
  certificate.signature = crypto.sign('sha256', tbs, nodePrivateKey(key)).toString('binary');
}

/** Ed25519's signature algorithm (RFC 8410): the OID alone, no parameters. */
const ED25519_OID = '1.3.101.112';

/**
 * Signs `certificate` with an Ed25519 `key` (RFC 8410: PureEdDSA over the TBS bytes, signature
 * algorithm without parameters) and `subjectPublicKeyInfoDer` as its public key, of any type, and
 * returns the whole certificate as DER. Ed25519 signatures are deterministic, so equal inputs give
 * equal certificates. `certificate.publicKey` only has to be some RSA key forge can encode (forge's
 * model holds RSA keys only); it is replaced, as is the signature algorithm forge writes. Give
 * key identifier extensions as explicit values: forge would compute them from that RSA key.
 */
export function signCertificateEd25519(certificate: forge.pki.Certificate, key: crypto.KeyObject, subjectPublicKeyInfoDer: Buffer): Buffer {
  if (key.type !== 'private' || key.asymmetricKeyType !== 'ed25519') {
    throw new Error(`invalid signing key: expected an Ed25519 private key, got a ${key.asymmetricKeyType ?? 'secret'} ${key.type} key`);
  }
  const { asn1 } = forge;
  certificate.signatureOid = forge.pki.oids.sha256WithRSAEncryption;
  certificate.siginfo.algorithmOid = forge.pki.oids.sha256WithRSAEncryption;
  const tbs = (forge.pki as unknown as TbsEncoder).getTBSCertificate(certificate);
  // TBSCertificate: version, serialNumber, signature, issuer, validity, subject, subjectPublicKeyInfo, extensions.
  const fields = tbs.value as forge.asn1.Asn1[];
  if (fields.length < 7 || fields[2].type !== asn1.Type.SEQUENCE || fields[6].type !== asn1.Type.SEQUENCE) {
    throw new Error('unexpected TBSCertificate layout');
  }
  const algorithm = () => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(ED25519_OID).getBytes()),
  ]);
  fields[2] = algorithm();
  fields[6] = asn1.fromDer(subjectPublicKeyInfoDer.toString('binary'));
  const tbsDer = Buffer.from(asn1.toDer(tbs).getBytes(), 'binary');
  const signature = crypto.sign(null, tbsDer, key);
  const signed = asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
    tbs, algorithm(), asn1.create(asn1.Class.UNIVERSAL, asn1.Type.BITSTRING, false, String.fromCharCode(0) + signature.toString('binary')),
  ]);
  return Buffer.from(asn1.toDer(signed).getBytes(), 'binary');
}

function nodePrivateKey(key: forge.pki.rsa.PrivateKey): crypto.KeyObject {
  let nodeKey = privateKeys.get(key);
  if (!nodeKey) {
    nodeKey = crypto.createPrivateKey(forge.pki.privateKeyToPem(key));
    privateKeys.set(key, nodeKey);
  }
  return nodeKey;
}
