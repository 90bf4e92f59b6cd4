import { decideRedemption, RedemptionDecision, Requester } from './redemption-decision';
import { ConflictError, GrantApi } from './grant-api';
import type { LinkGrant, LinkGrantStatus } from '../../api/link-grant';

/** How a redemption with the right code ended. `redemptions`: the grant's count once this one was decided. */
export type CountedRedemption =
  | { readonly kind: 'issued' | 'reissued'; readonly bundle: string; readonly grant: LinkGrant; readonly redemptions: number }
  | { readonly kind: 'expired' | 'exhausted' | 'gone' | 'abandoned' }
  | { readonly kind: 'corrupted'; readonly reason: string };

/** One redemption waiting to be counted. */
export interface PendingRedemption {
  readonly requester: Requester;
  /** Generates the whole answer in memory; throwing means nothing is counted for it. */
  readonly generate: (grant: LinkGrant) => Promise<string>;
  /** False once the client has gone: then nothing is counted for it. */
  readonly stillWanted: () => boolean;
}

/** Inputs of {@link countRedemptions}. */
export interface CountRedemptionsInput {
  readonly api: GrantApi;
  readonly grantName: string;
  readonly requests: readonly PendingRedemption[];
  /**
   * The grant as last known (our own last write, or the informer cache), possibly stale: a count is
   * written with its resourceVersion, so a stale one only costs a conflict and a fresh read. Only a
   * refusal or a re-issue needs a fresh read first. Without it, the first step is a fresh read.
   */
  readonly lastKnown?: LinkGrant;
  /**
   * The whole status the grant should have with the new count (its state, message and Ready
   * condition: Exhausted after the last redemption allowed), so that the count's write is the only
   * one and the grant's reconciler finds nothing left to write. Without it, only the count changes.
   */
  readonly settleStatus?: (grant: LinkGrant) => LinkGrantStatus;
  readonly now?: () => Date;
  /** Conflicting writes tolerated before giving up (another writer keeps winning). */
  readonly maxAttempts?: number;
}

/** Each request's outcome, in the order given; a generation failure is that request's error, nothing counted for it. */
export type BatchOutcome = { readonly counted: CountedRedemption } | { readonly error: unknown };

/** What a batch ended with, and the grant as written (or read) last, for the next batch. */
export interface BatchResult {
  readonly outcomes: readonly BatchOutcome[];
  readonly latest?: LinkGrant;
}

/** Too many conflicting writes in a row; nothing was counted. */
export class TooManyConflictsError extends Error {}

/**
 * Decides and counts redemptions of one grant whose code was right, several at once (a group
 * commit: one status write counts them all). Call it serialized per grant (one batch at a time in
 * this process); across processes the apiserver's optimistic concurrency does the same: the count
 * is written with the resourceVersion of the grant it was decided on, and a conflict means read
 * again and decide again (the limit is checked anew, so it is never exceeded).
 *
 * The requests are decided in order, each on the status the ones before it would leave: exactly
 * as many as the grant still allows are issued. Every answer is generated before the count is
 * written, so a failed generation or a client gone costs nothing (that request is dropped and the
 * rest decided again), and each is generated once however many times the write is retried.
 */
export async function countRedemptions(input: CountRedemptionsInput): Promise<BatchResult> {
  const now = input.now ?? (() => new Date());
  const maxAttempts = input.maxAttempts ?? 8;
  const outcomes: Array<BatchOutcome | undefined> = input.requests.map(() => undefined);
  const bundles = new Map<number, string>();
  let base = input.lastKnown;
  let fresh = false;
  let attempts = 0;
  const read = async (): Promise<LinkGrant | undefined> => {
    fresh = true;
    return (base = await input.api.get(input.grantName));
  };
  for (;;) {
    if (!base && !fresh) await read();
    if (!base) {
      input.requests.forEach((_, i) => (outcomes[i] ??= { counted: { kind: 'gone' } }));
      return { outcomes: outcomes as BatchOutcome[] };
    }
    const grant: LinkGrant = base!;
    const at = now();
    // Decide the undecided requests in order, each on the status left by the ones before it.
    const decisions = new Map<number, { decision: RedemptionDecision; redemptions: number }>();
    let status = grant.status;
    for (let i = 0; i < input.requests.length; i++) {
      if (outcomes[i]) continue;
      const decision = decideRedemption({ ...grant, status }, input.requests[i].requester, at);
      if (decision.kind === 'issue') status = decision.status;
      decisions.set(i, { decision, redemptions: status?.redemptions ?? 0 });
    }
    if (!fresh && [...decisions.values()].some(({ decision }) => decision.kind !== 'issue')) {
      // A refusal or re-issue is only ever decided on a fresh read.
      await read();
      continue;
    }
    // Generate every answer to be given (usually made already); drop failures and clients gone, then decide again.
    let dropped = false;
    for (const [i, { decision }] of decisions) {
      if (decision.kind !== 'issue' && decision.kind !== 'reissue') continue;
      const request = input.requests[i];
      if (!bundles.has(i)) {
        try {
          bundles.set(i, await request.generate(grant));
        } catch (error) {
          outcomes[i] = { error };
          dropped = true;
          continue;
        }
      }
      if (decision.kind === 'issue' && !request.stillWanted()) {
        outcomes[i] = { counted: { kind: 'abandoned' } };
        dropped = true;
      }
    }
    if (dropped) continue;

    let written = grant;
    if (status !== grant.status) {
      try {
        written = await input.api.replaceStatus({ ...grant, status: input.settleStatus?.({ ...grant, status }) ?? status });
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
        if (++attempts >= maxAttempts) {
          throw new TooManyConflictsError(`LinkGrant ${input.grantName}: ${maxAttempts} conflicting status writes in a row`);
        }
        await read();
        continue;
      }
    }
    for (const [i, { decision, redemptions }] of decisions) {
      switch (decision.kind) {
        case 'issue':
        case 'reissue':
          outcomes[i] = { counted: { kind: decision.kind === 'issue' ? 'issued' : 'reissued', bundle: bundles.get(i)!, grant: written, redemptions } };
          break;
        case 'corrupted':
          outcomes[i] = { counted: decision };
          break;
        default:
          outcomes[i] = { counted: { kind: decision.kind } };
      }
    }
    return { outcomes: outcomes as BatchOutcome[], latest: written };
  }
}
