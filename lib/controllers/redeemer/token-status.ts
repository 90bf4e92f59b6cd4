import { linkReadiness, LinkState } from './link-readiness';
import { Condition } from '../../api/kubernetes-object';
import { LinkToken, LinkTokenStatus } from '../../api/link-token';
import { SkupperLink } from '../../api/skupper';

/** What a reconcile found out about a token; its status follows from it alone. */
export type TokenOutcome =
  /** Not redeemed yet, waiting for something that will come (the Site, the unsealed code). */
  | { readonly kind: 'waiting'; readonly message: string }
  /** Not redeemed: the redemption failed, or an object in the way is not ours. */
  | { readonly kind: 'failed'; readonly message: string }
  /** The Secret and all Links exist: the token is redeemed and shows how far its Links are. */
  | { readonly kind: 'redeemed'; readonly secretName: string; readonly links: readonly SkupperLink[] };

export const REDEEMED_CONDITION = 'Redeemed';
export const LINK_READY_CONDITION = 'LinkReady';

const TOKEN_STATUS_OF_LINK_STATE: Readonly<Record<LinkState, string>> = {
  NotConfigured: 'Redeemed',
  NotOperational: 'Redeemed',
  Ready: 'Ready',
  Error: 'Error',
};

/**
 * The status a token should have for `outcome`. Conditions keep their lastTransitionTime while
 * their status stays the same, and carry the generation they were computed for.
 */
export function desiredTokenStatus(token: LinkToken, outcome: TokenOutcome, now: Date): LinkTokenStatus {
  const previous = token.status?.conditions ?? [];
  const condition = (type: string, status: Condition['status'], reason: string, message: string): Condition => {
    const before = previous.find(c => c.type === type);
    return {
      type,
      status,
      reason,
      message,
      lastTransitionTime: before?.status === status ? before.lastTransitionTime : now.toISOString(),
      observedGeneration: token.metadata?.generation,
    };
  };
  const notRedeemed = condition(LINK_READY_CONDITION, 'Unknown', 'NotRedeemed', 'The token is not redeemed yet');

  switch (outcome.kind) {
    case 'waiting':
      return {
        redeemed: false, status: 'Pending', message: outcome.message,
        conditions: [condition(REDEEMED_CONDITION, 'False', 'Pending', outcome.message), notRedeemed],
      };
    case 'failed':
      return {
        redeemed: false, status: 'Error', message: outcome.message,
        conditions: [condition(REDEEMED_CONDITION, 'False', 'Error', outcome.message), notRedeemed],
      };
    case 'redeemed': {
      const names = outcome.links.map(link => link.metadata!.name!);
      const readiness = linkReadiness(outcome.links);
      return {
        redeemed: true,
        links: names,
        secretName: outcome.secretName,
        status: TOKEN_STATUS_OF_LINK_STATE[readiness.state],
        message: readiness.message,
        conditions: [
          condition(REDEEMED_CONDITION, 'True', 'Redeemed', `Created Secret ${outcome.secretName} and Link${names.length > 1 ? 's' : ''} ${names.join(', ')}`),
          condition(LINK_READY_CONDITION, readiness.state === 'Ready' ? 'True' : 'False', readiness.state, readiness.message),
        ],
      };
    }
  }
}

/** True when two statuses say the same (key order and absent-vs-undefined do not matter). */
export function sameStatus(a: LinkTokenStatus | undefined, b: LinkTokenStatus | undefined): boolean {
  return canonicalJson(a ?? {}) === canonicalJson(b ?? {});
}

function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)))
      : v);
}
