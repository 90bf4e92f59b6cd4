import { expirationWindowOf, LinkGrant } from '../../api/link-grant';
import { parseGoDuration } from '../../validation/go-duration';

/**
 * When `grant` expires: its `status.expirationTime` once written, else `now` plus its window (the
 * grant server's first sight starts the window). Throws when the window is not a Go duration.
 * The status writer and the redemption decision both start from it.
 */
export function expirationTimeOf(grant: LinkGrant, now: Date): string {
  const written = grant.status?.expirationTime;
  if (written !== undefined) return written;
  return new Date(now.getTime() + parseGoDuration('expiration window', expirationWindowOf(grant))).toISOString();
}
