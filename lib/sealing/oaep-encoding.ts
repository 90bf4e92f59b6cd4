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
  const labelHash = crypto.createHash('sha256').update(label).digest();
  const dataBlock = Buffer.concat([labelHash, Buffer.alloc(paddingLength), Buffer.from([1]), message]);
  const maskedDataBlock = xor(dataBlock, mgf1(seed, dataBlock.length));
  const maskedSeed = xor(seed, mgf1(maskedDataBlock, HASH_BYTES));
  return Buffer.concat([Buffer.from([0]), maskedSeed, maskedDataBlock]);
}

function mgf1(seed: Buffer, length: number): Buffer {
  const blocks = Buffer.allocUnsafe(Math.ceil(length / HASH_BYTES) * HASH_BYTES);
  // seed || 4-byte big-endian counter, hashed in one call per block (createHash per block costs more).
  const input = Buffer.concat([seed, Buffer.alloc(4)]);
  for (let counter = 0; counter * HASH_BYTES < length; counter++) {
    input.writeUInt32BE(counter, seed.length);
    crypto.hash('sha256', input, 'buffer').copy(blocks, counter * HASH_BYTES);
  }
  return blocks.subarray(0, length);
}

function xor(a: Buffer, b: Buffer): Buffer {
  const out = Buffer.allocUnsafe(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i] ^ b[i];
  return out;
}
