import { Backoff, backoffDelay } from './backoff';

/**
 * A deduplicating work queue with per-key exponential backoff, as in controller-runtime: events
 * only enqueue keys, one worker reconciles each key at a time, and a key that fails (or asks to
 * be retried) comes back after a growing delay.
 */
export class WorkQueue {
  private readonly pending = new Set<string>();
  private readonly active = new Set<string>();
  private readonly dirty = new Set<string>();
  private readonly failures = new Map<string, number>();
  private readonly timers = new Map<string, { readonly timer: NodeJS.Timeout; readonly dueAtMs: number }>();
  private stopped = false;

  public constructor(
    private readonly reconcile: (key: string) => Promise<ReconcileResult>,
    private readonly onError: (key: string, err: unknown) => void,
    private readonly backoff: Backoff = { baseMs: 500, maxMs: 60_000 },
  ) {}

  /** Schedules `key` for reconciliation (at most once, however often it is added). */
  public add(key: string): void {
    if (this.stopped) return;
    if (this.active.has(key)) {
      this.dirty.add(key); // reconcile again once the running pass ends
      return;
    }
    if (this.pending.has(key)) return;
    this.pending.add(key);
    setImmediate(() => void this.run(key));
  }

  /** Schedules `key` in `delayMs`, unless it is due sooner already (the earlier time wins). */
  public addAfter(key: string, delayMs: number): void {
    const dueAtMs = Date.now() + delayMs;
    const scheduled = this.timers.get(key);
    if (this.stopped || (scheduled && scheduled.dueAtMs <= dueAtMs)) return;
    this.schedule(key, delayMs);
  }

  /** Stops scheduling; running reconciles finish. */
  public stop(): void {
    this.stopped = true;
    for (const { timer } of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private async run(key: string): Promise<void> {
    this.pending.delete(key);
    if (this.stopped) return;
    this.active.add(key);
    let retryAfterMs: number | undefined;
    try {
      const result = await this.reconcile(key);
      if (result.requeue) {
        retryAfterMs = this.nextBackoff(key);
      } else if (result.requeueAfterMs !== undefined) {
        this.failures.delete(key);
        retryAfterMs = result.requeueAfterMs;
      } else {
        this.failures.delete(key);
      }
    } catch (err) {
      this.onError(key, err);
      retryAfterMs = this.nextBackoff(key);
    } finally {
      this.active.delete(key);
    }
    if (this.dirty.delete(key)) {
      this.add(key);
    } else if (retryAfterMs !== undefined && !this.stopped) {
      this.schedule(key, retryAfterMs); // what the reconcile asked for replaces what was scheduled
    }
  }

  /** Replaces `key`'s timer with one that adds it in `delayMs`. */
  private schedule(key: string, delayMs: number): void {
    clearTimeout(this.timers.get(key)?.timer);
    const timer = setTimeout(() => {
      this.timers.delete(key);
      this.add(key);
    }, delayMs);
    this.timers.set(key, { timer, dueAtMs: Date.now() + delayMs });
  }

  private nextBackoff(key: string): number {
    const n = (this.failures.get(key) ?? 0) + 1;
    this.failures.set(key, n);
    return backoffDelay(this.backoff, n);
  }
}

/** What a reconcile asks of the queue. */
export interface ReconcileResult {
  /** Retry with backoff (a transient condition, such as a grant not yet synced on the other side). */
  readonly requeue?: boolean;
  /** Reconcile again after this long (e.g. when a grant expires). */
  readonly requeueAfterMs?: number;
}
