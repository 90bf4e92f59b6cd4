import { decideRedemption, Requester } from './redemption-decision';
import { ConflictError, GrantApi } from './grant-api';
import type { LinkGrant } from '../../api/link-grant';

/** How a redemption with the right code ended. */
export type CountedRedemption =
  | { readonly kind: 'issued' | 'reissued'; readonly bundle: string; readonly grant: LinkGrant }
  | { readonly kind: 'expired' | 'exhausted' | 'gone' | 'abandoned' }
  | { readonly kind: 'corrupted'; readonly reason: string };

/** Inputs of {@link countRedemption}. */
export interface CountRedemptionInput {
  readonly api: GrantApi;
  readonly grantName: string;
  readonly requester: Requester;
  /** Generates the whole answer in memory; throwing means nothing is counted. */
  readonly generate: (grant: LinkGrant) => Promise<string>;
  /** False once the client has gone: then nothing is counted. */
  readonly stillWanted: () => boolean;
  readonly now?: () => Date;
  /** Conflicting writes tolerated before giving up (another writer keeps winning). */
  readonly maxAttempts?: number;
}

/** Too many conflicting writes in a row; nothing was counted. */
export class TooManyConflictsError extends Error {}

/**
 * Decides and counts one redemption whose code was right. Call it serialized per grant (one at
 * a time in this process); across processes the apiserver's optimistic concurrency does the
 * same: the count is written with the resourceVersion of a fresh read, and a conflict means
 * read again and decide again (the limit is checked anew, so it is never exceeded).
 *
 * The answer is generated before the count is written, so a failed generation costs nothing,
 * and generated once however many times the write is retried.
 */
export async function countRedemption(input: CountRedemptionInput): Promise<CountedRedemption> {
  const now = input.now ?? (() => new Date());
  const maxAttempts = input.maxAttempts ?? 8;
  let bundle: string | undefined;
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const fresh = await input.api.get(input.grantName);
    if (!fresh) return { kind: 'gone' };
    const decision = decideRedemption(fresh, input.requester, now());
    switch (decision.kind) {
      case 'expired':
      case 'exhausted':
        return { kind: decision.kind };
      case 'corrupted':
        return decision;
      case 'reissue':
        bundle ??= await input.generate(fresh);
        return { kind: 'reissued', bundle, grant: fresh };
      case 'issue':
        bundle ??= await input.generate(fresh);
        if (!input.stillWanted()) return { kind: 'abandoned' };
        try {
          const counted = await input.api.replaceStatus({ ...fresh, status: decision.status });
          return { kind: 'issued', bundle, grant: counted };
        } catch (error) {
          if (error instanceof ConflictError) continue;
          throw error;
        }
    }
  }
  throw new TooManyConflictsError(`LinkGrant ${input.grantName}: ${maxAttempts} conflicting status writes in a row`);
}
