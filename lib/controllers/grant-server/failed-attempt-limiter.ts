/** Options of a {@link FailedAttemptLimiter}. */
export interface FailedAttemptLimiterOptions {
  /** Failed attempts allowed in a burst (the bucket's capacity). */
  readonly burst: number;
  /** One attempt is regained per interval. */
  readonly intervalMs: number;
  /** Most client addresses tracked at once (bounds memory under address spraying). */
  readonly maxClients?: number;
  readonly now?: () => number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/**
 * A token bucket per client address that only failed attempts drain: while a client's bucket
 * is empty every request of it is refused (429) before its code is looked at, so codes cannot
 * be guessed faster than `1 / intervalMs` after the burst.
 */
export class FailedAttemptLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly maxClients: number;
  private readonly now: () => number;

  public constructor(private readonly options: FailedAttemptLimiterOptions) {
    this.maxClients = options.maxClients ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  /** 0 when `client` may try now, else the milliseconds until it may. */
  public retryAfterMs(client: string): number {
    const bucket = this.refilled(client);
    if (!bucket || bucket.tokens >= 1) return 0;
    return Math.ceil((1 - bucket.tokens) * this.options.intervalMs);
  }

  /** Records a failed attempt of `client`. */
  public recordFailure(client: string): void {
    const bucket = this.refilled(client) ?? { tokens: this.options.burst, updatedAt: this.now() };
    bucket.tokens = Math.max(0, bucket.tokens - 1);
    this.buckets.delete(client); // re-insert: the Map's order is then least recently failed first
    this.buckets.set(client, bucket);
    this.evictIfFull();
  }

  /** Clients currently tracked (for tests and metrics). */
  public get size(): number {
    return this.buckets.size;
  }

  private refilled(client: string): Bucket | undefined {
    const bucket = this.buckets.get(client);
    if (!bucket) return undefined;
    const now = this.now();
    bucket.tokens = Math.min(this.options.burst, bucket.tokens + (now - bucket.updatedAt) / this.options.intervalMs);
    bucket.updatedAt = now;
    if (bucket.tokens >= this.options.burst) {
      this.buckets.delete(client); // a full bucket is the same as none
      return undefined;
    }
    return bucket;
  }

  /**
   * Forgets the clients whose last failure is oldest (the Map's first: they have refilled the
   * most, and a full bucket is the same as none). Constant time per failure, also when addresses
   * are sprayed at a full table, which a sweep of every bucket made linear.
   */
  private evictIfFull(): void {
    for (const client of this.buckets.keys()) {
      if (this.buckets.size <= this.maxClients) break;
      this.buckets.delete(client);
    }
  }
}
