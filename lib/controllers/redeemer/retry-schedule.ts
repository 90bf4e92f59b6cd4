import type { LinkToken } from '../../api/link-token';
import { Backoff, backoffDelay } from '../machinery/backoff';

/** How soon a failed redemption is tried again. */
export type RetryPolicy = Backoff;

/**
 * Transient failures (unreachable, 404 "no such claim", 503) are what GitOps gives while the
 * listening side has not synced yet: retry soon. Anything else (wrong code, bad answer, creating
 * failed) is unlikely to change by itself: retry, but rarely, because against a stock Skupper
 * grant server each answered POST may burn a redemption.
 */
export const TRANSIENT_RETRY: RetryPolicy = { baseMs: 1_000, maxMs: 60_000 };
export const PERSISTENT_RETRY: RetryPolicy = { baseMs: 30_000, maxMs: 10 * 60_000 };

/** A token's last failed redemption, while it must not be retried. */
export interface PendingRetry {
  readonly waitMs: number;
  /** Why it failed: what the token's status keeps saying meanwhile. */
  readonly message: string;
}

interface Attempts {
  readonly uid: string | undefined;
  readonly generation: number | undefined;
  readonly failures: number;
  readonly notBefore: number;
  readonly message: string;
}

/**
 * When each token may be redeemed again after a failure. Status writes and Link events
 * reconcile a token again at once; this keeps those from turning into POSTs. A changed spec
 * (generation) or a re-created token (UID) may be tried at once: the user changed something.
 */
export class RetrySchedule {
  private readonly attempts = new Map<string, Attempts>();

  /** The failure that still holds `token` back, or undefined when it may be POSTed now. */
  public pending(token: LinkToken, now: number): PendingRetry | undefined {
    const attempts = this.current(token);
    if (!attempts || attempts.notBefore <= now) return undefined;
    return { waitMs: attempts.notBefore - now, message: attempts.message };
  }

  /** Records a failed redemption; returns the wait before the next one. */
  public failed(token: LinkToken, policy: RetryPolicy, message: string, now: number): number {
    const failures = (this.current(token)?.failures ?? 0) + 1;
    const delay = backoffDelay(policy, failures);
    this.attempts.set(token.metadata!.name!, {
      uid: token.metadata?.uid, generation: token.metadata?.generation, failures, notBefore: now + delay, message,
    });
    return delay;
  }

  /** Forgets a token (redeemed, or deleted). */
  public forget(tokenName: string): void {
    this.attempts.delete(tokenName);
  }

  private current(token: LinkToken): Attempts | undefined {
    const attempts = this.attempts.get(token.metadata!.name!);
    if (attempts && (attempts.uid !== token.metadata?.uid || attempts.generation !== token.metadata?.generation)) {
      return undefined;
    }
    return attempts;
  }
}
