import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import * as forge from 'node-forge';
import { rsaKeyPairFromPem, rsaPrivateKeyToPem } from './pem';

/** Options for {@link deriveRsaKeyPair}. */
export interface DeriveRsaKeyPairOptions {
  /**
   * The modulus size.
   * @default 2048
   */
  readonly bits?: number;
  /**
   * A directory that keeps derived keys (PKCS#1 PEM, mode 0600) so that later synths skip the
   * slow pure-JavaScript generation. The files hold private keys: keep the directory out of git.
   * @default - no cache
   */
  readonly cacheDir?: string;
}

const DEFAULT_BITS = 2048;
const SUPPORTED_BITS = [1024, 2048, 3072, 4096];
const PUBLIC_EXPONENT = 65537;
const MIN_SEED_BYTES = 16;
const PRNG_LABEL = 'cdk8s-skupper rsa prng v1';
const CACHE_LABEL = 'cdk8s-skupper rsa cache v1';

/**
 * Derives an RSA key pair from `seed`: the same seed and size always give the same key, so
 * synthesized grant server keys are repeatable and the seed (from the master secret) is the
 * only secret to keep.
 *
 * forge generates the key in pure JavaScript (PRIMEINC) from a byte stream derived from the
 * seed. Passing our own `prng` is also what stops forge from taking its native
 * crypto.generateKeyPairSync shortcut, which would ignore the seed and return a random key.
 * This takes seconds for 2048 bits; `cacheDir` avoids paying that on every synth.
 */
export function deriveRsaKeyPair(seed: Buffer, options: DeriveRsaKeyPairOptions = {}): forge.pki.rsa.KeyPair {
  const bits = options.bits ?? DEFAULT_BITS;
  if (!SUPPORTED_BITS.includes(bits)) {
    throw new Error(`invalid RSA key size ${bits}: expected one of ${SUPPORTED_BITS.join(', ')} bits`);
  }
  if (seed.length < MIN_SEED_BYTES) {
    throw new Error(`invalid RSA key seed of ${seed.length} bytes: expected at least ${MIN_SEED_BYTES} bytes`);
  }
  if (options.cacheDir === undefined) {
    return generateFromSeed(seed, bits);
  }
  const cacheFile = path.join(options.cacheDir, cacheFileName(seed, bits));
  const cached = readCachedKeyPair(cacheFile, bits);
  if (cached !== undefined) {
    return cached;
  }
  // Before the slow generation, so that an unusable directory fails fast.
  try {
    fs.mkdirSync(options.cacheDir, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw new Error(`cannot create RSA key cache directory ${options.cacheDir}: ${(error as Error).message}`);
  }
  const keyPair = generateFromSeed(seed, bits);
  writeFileAtomically(cacheFile, rsaPrivateKeyToPem(keyPair.privateKey));
  return keyPair;
}

/**
 * Whether `cacheDir` holds a file for the key {@link deriveRsaKeyPair} derives from `seed`: a
 * sign that this key was derived here before. Only the file's presence is checked; nothing is
 * derived or read.
 */
export function isRsaKeyPairCached(seed: Buffer, cacheDir: string, bits: number = DEFAULT_BITS): boolean {
  return fs.existsSync(path.join(cacheDir, cacheFileName(seed, bits)));
}

function generateFromSeed(seed: Buffer, bits: number): forge.pki.rsa.KeyPair {
  return forge.pki.rsa.generateKeyPair({
    bits,
    e: PUBLIC_EXPONENT,
    algorithm: 'PRIMEINC',
    prng: seededByteStream(seed, bits),
  });
}

/**
 * A forge PRNG (`getBytesSync` returning a binary string) whose output is HMAC-SHA256 in counter
 * mode, keyed by the seed. Used directly rather than through forge's Fortuna instance with an
 * overridden seedFileSync: the key then depends only on this stream and forge's PRIMEINC search,
 * not also on Fortuna's pool and reseed internals. The key size is part of the input, so one seed
 * gives unrelated keys for different sizes.
 */
function seededByteStream(seed: Buffer, bits: number): { getBytesSync(count: number): string } {
  let counter = 0;
  let pending = Buffer.alloc(0);
  return {
    getBytesSync(count: number): string {
      const blocks = [pending];
      let available = pending.length;
      while (available < count) {
        const input = Buffer.alloc(8);
        input.writeUInt32BE(bits, 0);
        input.writeUInt32BE(counter++, 4);
        const block = crypto.createHmac('sha256', seed).update(PRNG_LABEL).update(input).digest();
        blocks.push(block);
        available += block.length;
      }
      const all = Buffer.concat(blocks);
      pending = all.subarray(count);
      return all.subarray(0, count).toString('binary');
    },
  };
}

/** The cache file name: a hash of the seed, never the seed itself, so the name reveals nothing. */
function cacheFileName(seed: Buffer, bits: number): string {
  const size = Buffer.alloc(4);
  size.writeUInt32BE(bits);
  return crypto.createHash('sha256').update(CACHE_LABEL).update(size).update(seed).digest('hex') + '.pem';
}

/** The cached key pair, or undefined when the file is missing, unreadable or not a sound key of this size. */
function readCachedKeyPair(file: string, bits: number): forge.pki.rsa.KeyPair | undefined {
  let pem: string;
  try {
    pem = fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const keyPair = rsaKeyPairFromPem(pem);
    return isSoundRsaKey(keyPair.privateKey, bits) ? keyPair : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Checks the parameters against each other, so that a damaged file that still parses (say a
 * flipped bit in a CRT exponent, which would make every signature invalid) is regenerated.
 */
function isSoundRsaKey(key: forge.pki.rsa.PrivateKey, bits: number): boolean {
  const one = forge.jsbn.BigInteger.ONE;
  const p1 = key.p.subtract(one);
  const q1 = key.q.subtract(one);
  return key.n.bitLength() === bits
    && key.e.intValue() === PUBLIC_EXPONENT
    && key.p.multiply(key.q).equals(key.n)
    && key.e.multiply(key.d).mod(p1).equals(one)
    && key.e.multiply(key.d).mod(q1).equals(one)
    && key.d.mod(p1).equals(key.dP)
    && key.d.mod(q1).equals(key.dQ)
    && key.qInv.multiply(key.q).mod(key.p).equals(one);
}

/**
 * Writes a private file (mode 0600) through a temporary file and a rename, so a
 * concurrent synth or a crash never leaves a half-written key behind.
 */
function writeFileAtomically(file: string, content: string): void {
  const dir = path.dirname(file);
  const temporary = path.join(dir, `.${path.basename(file)}.${process.pid}.${crypto.randomBytes(6).toString('hex')}.tmp`);
  try {
    const fd = fs.openSync(temporary, 'wx', 0o600);
    try {
      fs.writeFileSync(fd, content);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temporary, file);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw new Error(`cannot write RSA key cache file ${file}: ${(error as Error).message}`);
  }
}
