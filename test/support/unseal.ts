import * as crypto from 'crypto';

/*
 * An independent decryptor for kubeseal ciphertexts, built on Node's crypto (OpenSSL) rather
 * than node-forge, so round-trip tests compare two implementations instead of one with itself.
 * It mirrors the controller's `singleDecrypt` and label derivation, written from the
 * sealed-secrets sources, not from lib/sealing.
 */

const ZERO_NONCE = Buffer.alloc(12);
const TAG_BYTES = 16;

/** Decrypts one `spec.encryptedData` value with the controller's private key and the OAEP label. */
export function unsealValue(privateKeyPem: string, label: string, ciphertextBase64: string): Buffer {
  const bytes = Buffer.from(ciphertextBase64, 'base64');
  if (bytes.length < 2) {
    throw new Error(`ciphertext too short: ${bytes.length} bytes`);
  }
  const rsaLength = bytes.readUInt16BE(0);
  if (bytes.length < 2 + rsaLength + TAG_BYTES) {
    throw new Error(`ciphertext too short: ${bytes.length} bytes for an rsa part of ${rsaLength} bytes`);
  }
  const rsaCiphertext = bytes.subarray(2, 2 + rsaLength);
  const gcmCiphertext = bytes.subarray(2 + rsaLength, bytes.length - TAG_BYTES);
  const tag = bytes.subarray(bytes.length - TAG_BYTES);

  const sessionKey = crypto.privateDecrypt(
    {
      key: privateKeyPem,
      padding: crypto.constants.RSA_PKCS1_OAEP_PADDING,
      oaepHash: 'sha256',
      oaepLabel: Buffer.from(label, 'utf8'),
    },
    rsaCiphertext,
  );
  const decipher = crypto.createDecipheriv('aes-256-gcm', sessionKey, ZERO_NONCE, { authTagLength: TAG_BYTES });
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(gcmCiphertext), decipher.final()]);
}

/** The parts of a SealedSecret the controller needs to decrypt it. */
export interface SealedSecretLike {
  readonly metadata: { readonly name: string; readonly namespace: string; readonly annotations?: Record<string, string> };
  readonly spec: { readonly encryptedData: Record<string, string> };
}

/**
 * Decrypts every value of a SealedSecret, deriving the label from the SealedSecret's own
 * metadata as the controller does: cluster-wide wins, then namespace-wide, else strict.
 */
export function unsealManifest(privateKeyPem: string, manifest: SealedSecretLike): Record<string, Buffer> {
  const label = controllerLabel(manifest.metadata);
  const result: Record<string, Buffer> = {};
  for (const [key, ciphertext] of Object.entries(manifest.spec.encryptedData)) {
    result[key] = unsealValue(privateKeyPem, label, ciphertext);
  }
  return result;
}

function controllerLabel(metadata: SealedSecretLike['metadata']): string {
  const annotations = metadata.annotations ?? {};
  if (annotations['sealedsecrets.bitnami.com/cluster-wide'] === 'true') {
    return '';
  }
  if (annotations['sealedsecrets.bitnami.com/namespace-wide'] === 'true') {
    return metadata.namespace;
  }
  return `${metadata.namespace}/${metadata.name}`;
}
