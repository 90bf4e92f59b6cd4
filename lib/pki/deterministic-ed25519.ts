import * as crypto from 'crypto';

/** An Ed25519 key pair as Node key objects. */
export interface Ed25519KeyPair {
  readonly privateKey: crypto.KeyObject;
  readonly publicKey: crypto.KeyObject;
}

/** The fixed PKCS#8 prefix of an Ed25519 private key (RFC 8410): the 32-byte seed follows it. */
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SEED_BYTES = 32;

/**
 * The Ed25519 key pair whose private key is `seed` (RFC 8032: the private key IS 32 bytes, and
 * the public key follows from it). Equal seeds give equal keys, in microseconds and natively,
 * so grant server keys derived from the master secret need no cache. Ed25519 signatures are
 * deterministic too, so certificates signed with such a key are byte-identical across synths.
 */
export function deriveEd25519KeyPair(seed: Buffer): Ed25519KeyPair {
  if (seed.length !== SEED_BYTES) {
    throw new Error(`invalid Ed25519 key seed of ${seed.length} bytes: expected exactly ${SEED_BYTES} bytes`);
  }
  const privateKey = crypto.createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
  return { privateKey, publicKey: crypto.createPublicKey(privateKey) };
}

/** Whether `key` is a key pair of Node key objects for Ed25519. */
export function isEd25519KeyPair(key: unknown): key is Ed25519KeyPair {
  const pair = key as Partial<Ed25519KeyPair> | undefined;
  return pair?.privateKey instanceof crypto.KeyObject && pair.privateKey.asymmetricKeyType === 'ed25519'
    && pair.publicKey instanceof crypto.KeyObject && pair.publicKey.asymmetricKeyType === 'ed25519';
}
