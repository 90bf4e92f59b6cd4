import * as forge from 'node-forge';

// forge writes PEM with CRLF line ends; LF keeps manifests and Secrets tidy (parsers accept either).
const toLf = (pem: string): string => pem.replace(/\r\n/g, '\n');

/** A certificate as PEM with LF line ends. */
export function certificateToPem(certificate: forge.pki.Certificate): string {
  return toLf(forge.pki.certificateToPem(certificate));
}

/** A PKCS#1 (`-----BEGIN RSA PRIVATE KEY-----`) PEM with LF line ends, the form Skupper requires in tls.key. */
export function rsaPrivateKeyToPem(privateKey: forge.pki.rsa.PrivateKey): string {
  return toLf(forge.pki.privateKeyToPem(privateKey));
}

/** Parses a PKCS#1 or PKCS#8 RSA private key PEM into a forge key pair. */
export function rsaKeyPairFromPem(privateKeyPem: string): forge.pki.rsa.KeyPair {
  const privateKey = forge.pki.privateKeyFromPem(privateKeyPem) as forge.pki.rsa.PrivateKey;
  return { privateKey, publicKey: forge.pki.rsa.setPublicKey(privateKey.n, privateKey.e) };
}
