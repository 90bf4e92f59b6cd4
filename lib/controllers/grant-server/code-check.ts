import * as crypto from 'crypto';

// Compared when there is no code to compare against (unknown grant, code Secret missing), so
// that such requests do the same work as a wrong code. Random: no input can match it.
const NO_CODE_DIGEST = crypto.randomBytes(32);

/**
 * Whether the presented code equals the grant's code, byte for byte (nothing trimmed, as Skupper).
 * Constant time: both sides are hashed to equal-length SHA-256 digests first, so neither the
 * content nor the length of the expected code leaks through timing; `expected` undefined always
 * fails, after the same comparison.
 */
export function codeMatches(presented: Buffer, expected: Buffer | undefined): boolean {
  const presentedDigest = crypto.createHash('sha256').update(presented).digest();
  const expectedDigest = expected === undefined ? NO_CODE_DIGEST : crypto.createHash('sha256').update(expected).digest();
  const equal = crypto.timingSafeEqual(presentedDigest, expectedDigest);
  return equal && expected !== undefined && expected.length > 0;
}
