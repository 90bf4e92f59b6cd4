/** Exponential backoff: the first retry after `baseMs`, each next one twice as late, never later than `maxMs`. */
export interface Backoff {
  readonly baseMs: number;
  readonly maxMs: number;
}

/** The wait before retry number `failures` (1 after the first failure). */
export function backoffDelay(backoff: Backoff, failures: number): number {
  return Math.min(backoff.baseMs * 2 ** Math.max(failures - 1, 0), backoff.maxMs);
}
