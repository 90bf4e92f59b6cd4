import type { GrantApi } from './grant-api';
import { BatchOutcome, countRedemptions, CountedRedemption, PendingRedemption } from './redemption-counter';
import type { LinkGrant, LinkGrantStatus } from '../../api/link-grant';

/** Options of {@link RedemptionCommitter}. */
export interface RedemptionCommitterOptions {
  readonly api: GrantApi;
  /** The informer's copy, used as the starting point when this process has not written the grant lately. */
  readonly cachedGrant: (name: string) => LinkGrant | undefined;
  /** The whole status a grant with the new count should have: see countRedemptions. */
  readonly settleStatus?: (grant: LinkGrant) => LinkGrantStatus;
}

/** Most redemptions counted by one status write. */
const MAX_BATCH = 64;
/** Grants whose last written state is remembered (least recently counted forgotten first). */
const REMEMBERED_GRANTS = 1024;

interface Waiting {
  readonly request: PendingRedemption;
  readonly resolve: (outcome: BatchOutcome) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Counts redemptions per grant one batch at a time (FIFO), different grants in parallel: the
 * requests that arrive while a grant's status write is on its way are counted together by the
 * next write (group commit). Each write starts from the grant as this process last wrote it (or
 * the informer's copy), so an uncontended count is one API round trip; a stale start costs a
 * conflict and a fresh read, never a wrong count (see countRedemptions).
 */
export class RedemptionCommitter {
  private readonly queues = new Map<string, Waiting[]>();
  private readonly lastWritten = new Map<string, LinkGrant>();

  public constructor(private readonly options: RedemptionCommitterOptions) {}

  /** Counts one redemption of `grantName`; a generation failure rejects with its error. */
  public count(grantName: string, request: PendingRedemption): Promise<CountedRedemption> {
    return new Promise<BatchOutcome>((resolve, reject) => {
      const queue = this.queues.get(grantName);
      if (queue) {
        queue.push({ request, resolve, reject });
        return;
      }
      this.queues.set(grantName, [{ request, resolve, reject }]);
      void this.drain(grantName);
    }).then((outcome) => {
      if ('error' in outcome) throw outcome.error;
      return outcome.counted;
    });
  }

  /** Grants with redemptions being counted or waiting. */
  public get activeGrants(): number {
    return this.queues.size;
  }

  private async drain(grantName: string): Promise<void> {
    const queue = this.queues.get(grantName)!;
    while (queue.length > 0) {
      const batch = queue.splice(0, MAX_BATCH);
      const lastKnown = this.lastWritten.get(grantName) ?? this.options.cachedGrant(grantName);
      try {
        const { outcomes, latest } = await countRedemptions({
          api: this.options.api, grantName, requests: batch.map((w) => w.request), lastKnown, settleStatus: this.options.settleStatus,
        });
        this.remember(grantName, latest);
        batch.forEach((w, i) => w.resolve(outcomes[i]));
      } catch (error) {
        this.lastWritten.delete(grantName);
        batch.forEach((w) => w.reject(error));
      }
    }
    this.queues.delete(grantName);
  }

  private remember(grantName: string, latest: LinkGrant | undefined): void {
    this.lastWritten.delete(grantName);
    if (!latest) return;
    this.lastWritten.set(grantName, latest);
    if (this.lastWritten.size > REMEMBERED_GRANTS) this.lastWritten.delete(this.lastWritten.keys().next().value!);
  }
}
