import * as crypto from 'crypto';
import { encodeOaep } from './oaep-encoding';
import { SealingCertificate } from './sealing-certificate';

/**
 * The source of the two random inputs of one sealed value: the AES session key and the RSA-OAEP
 * seed. It must return exactly `length` bytes. kubeseal draws both from a CSPRNG; supplying them
 * makes the ciphertext a pure function of its inputs, which keeps synth output byte-identical
 * across runs. Derive them from a secret (the master secret) and the plaintext, never from public
 * inputs alone, or anyone holding the certificate could confirm a guessed value.
 */
export type SealingRandomness = (purpose: 'session-key' | 'oaep-seed', length: number) => Buffer;

/** AES-256 session key length, as in kubeseal (`sessionKeyBytes`). */
export const SESSION_KEY_BYTES = 32;

/** GCM tag length in bytes (Go's `cipher.NewGCM` default). */
const GCM_TAG_BYTES = 16;

/**
 * kubeseal uses an all-zero 12-byte nonce. That is safe only because each session key encrypts
 * exactly one plaintext: kubeseal draws a fresh key per value, and derived randomness is a
 * function of the plaintext, so one key never meets two different plaintexts.
 */
const ZERO_NONCE = Buffer.alloc(12);

/** The OAEP seed is one SHA-256 output long. */
const OAEP_SEED_BYTES = 32;

/** kubeseal's default: fresh bytes from the operating system's CSPRNG for every value. */
const systemRandomness: SealingRandomness = (_purpose, length) => crypto.randomBytes(length);

/**
 * Encrypts one Secret value exactly as kubeseal does (`HybridEncrypt` in sealed-secrets) and
 * returns the standard base64 that goes into `spec.encryptedData`.
 *
 * Layout before base64: [uint16 big-endian length of the RSA ciphertext][RSA-OAEP(SHA-256,
 * MGF1-SHA-256, label) of the session key][AES-256-GCM ciphertext][16-byte GCM tag].
 *
 * `label` is the scope label (see `sealingLabel`); `value` is the raw bytes of the value (not
 * base64), handled byte-exactly, so binary and empty values survive.
 */
export function sealValue(
  cert: SealingCertificate,
  label: string,
  value: Uint8Array,
  randomness: SealingRandomness = systemRandomness,
): string {
  const sessionKey = randomBytes(randomness, 'session-key', SESSION_KEY_BYTES);
  const oaepSeed = randomBytes(randomness, 'oaep-seed', OAEP_SEED_BYTES);
  const publicKey = cert.keyObject;
  const modulusBytes = Math.ceil(publicKey.asymmetricKeyDetails!.modulusLength! / 8);
  if (modulusBytes > 0xffff) {
    throw new Error(`rsa ciphertext of ${modulusBytes} bytes does not fit kubeseal's 2-byte length prefix: the key of ${cert.source} is too large`);
  }
  // RSA-OAEP(SHA-256, MGF1-SHA-256, label) of the session key, as Go's rsa.EncryptOAEP(sha256.New(), ...).
  const encoded = encodeOaep(sessionKey, Buffer.from(label, 'utf8'), oaepSeed, modulusBytes);
  const rsaCiphertext = crypto.publicEncrypt({ key: publicKey, padding: crypto.constants.RSA_NO_PADDING }, encoded);

  const cipher = crypto.createCipheriv('aes-256-gcm', sessionKey, ZERO_NONCE, { authTagLength: GCM_TAG_BYTES });
  const lengthPrefix = Buffer.allocUnsafe(2);
  lengthPrefix.writeUInt16BE(rsaCiphertext.length);
  return Buffer.concat([lengthPrefix, rsaCiphertext, cipher.update(value), cipher.final(), cipher.getAuthTag()]).toString('base64');
}

function randomBytes(randomness: SealingRandomness, purpose: 'session-key' | 'oaep-seed', length: number): Buffer {
  const bytes = randomness(purpose, length);
  if (!Buffer.isBuffer(bytes) || bytes.length !== length) {
    const got = Buffer.isBuffer(bytes) ? `${bytes.length} bytes` : typeof bytes;
    throw new Error(`sealing randomness returned ${got} for ${purpose}: expected a Buffer of ${length} bytes`);
  }
  return bytes;
}
