import * as crypto from 'crypto';

const HASH_BYTES = 32;

/**
 * RFC 8017 EME-OAEP encoding with SHA-256 and MGF1-SHA-256 and a caller-supplied seed. Node's
 * OAEP padding always draws its own seed, so to make sealing repeatable we encode here and
 * encrypt the result with raw RSA (RSA_NO_PADDING): the same bytes kubeseal's
 * rsa.EncryptOAEP(sha256) produces for that seed, at native speed.
 */
export function encodeOaep(message: Buffer, label: Buffer, seed: Buffer, modulusBytes: number): Buffer {
  if (seed.length !== HASH_BYTES) {
    throw new Error(`oaep seed must be ${HASH_BYTES} bytes, got ${seed.length}`);
  }
  const paddingLength = modulusBytes - message.length - 2 * HASH_BYTES - 2;
  if (paddingLength < 0) {
    throw new Error(`message of ${message.length} bytes is too long for oaep with a ${modulusBytes * 8}-bit key`);
  }
  // EM = 0x00 | maskedSeed | maskedDB, DB = lHash | PS (zeros) | 0x01 | M, built in place.
  const encoded = Buffer.alloc(modulusBytes);
  const seedPart = encoded.subarray(1, 1 + HASH_BYTES);
  const dataBlock = encoded.subarray(1 + HASH_BYTES);
  crypto.hash('sha256', label, 'buffer').copy(dataBlock, 0);
  dataBlock[HASH_BYTES + paddingLength] = 1;
  message.copy(dataBlock, HASH_BYTES + paddingLength + 1);
  xorInto(dataBlock, mgf1(seed, dataBlock.length));
  seed.copy(seedPart);
  xorInto(seedPart, mgf1(dataBlock, HASH_BYTES));
  return encoded;
}

function mgf1(seed: Buffer, length: number): Buffer {
  const blocks = Buffer.allocUnsafe(Math.ceil(length / HASH_BYTES) * HASH_BYTES);
  // seed || 4-byte big-endian counter, hashed in one call per block (createHash per block costs more).
  const input = Buffer.allocUnsafe(seed.length + 4);
  seed.copy(input);
  for (let counter = 0; counter * HASH_BYTES < length; counter++) {
    input.writeUInt32BE(counter, seed.length);
    crypto.hash('sha256', input, 'buffer').copy(blocks, counter * HASH_BYTES);
  }
  return blocks;
}

/** target ^= mask, over target's length. */
function xorInto(target: Buffer, mask: Buffer): void {
  for (let i = 0; i < target.length; i++) target[i] ^= mask[i];
}
