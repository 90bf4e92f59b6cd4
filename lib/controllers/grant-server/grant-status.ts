import { expirationTimeOf } from './grant-expiry';
import { isSiteProblem, siteOf } from './link-bundle-generator';
import { linkEndpointGroups } from './link-bundle';
import { codeKeyOf, expirationWindowOf, issuerOf, LinkGrant, LinkGrantStatus, redemptionsAllowedOf } from '../../api/link-grant';
import { Condition } from '../../api/kubernetes-object';
import { Secret, secretValue } from '../machinery/secret';
import { SkupperSite } from '../../api/skupper';

/** What the status of a grant depends on besides the grant itself (from the informer caches). */
export interface GrantWorld {
  readonly namespace: string;
  /** `https://host[:port]` */
  readonly baseUrl: string;
  readonly now: Date;
  readonly sites: readonly SkupperSite[];
  readonly secret: (name: string) => Secret | undefined;
}

/** The status the grant should have, and when to look again (at its expiry). */
export interface DesiredGrantStatus {
  readonly status: LinkGrantStatus;
  readonly requeueAfterMs?: number;
}

/** setTimeout's limit is about 24.8 days; expiry further away is simply looked at again daily. */
const MAX_REQUEUE_MS = 24 * 60 * 60 * 1000;

/** Every `status.status` the grant server sets on a LinkGrant (the CRD documents each). */
export const GRANT_STATES = ['Pending', 'Ready', 'Error', 'Expired', 'Exhausted'] as const;
type State = (typeof GRANT_STATES)[number];

/**
 * The level-triggered status of a LinkGrant (pure): the expiration time fixed at first sight
 * (now + window), the URL, the count (kept, never reset), and a state with its message and
 * Ready condition: Error (invalid window, edge site), Expired, Pending (code Secret, Site,
 * endpoints or issuer missing), Exhausted, or Ready.
 */
export function desiredGrantStatus(grant: LinkGrant, world: GrantWorld): DesiredGrantStatus {
  const current = grant.status ?? {};
  const base: LinkGrantStatus = {
    ...current,
    url: `${world.baseUrl}/${world.namespace}/${grant.metadata!.name}`,
    redemptions: current.redemptions ?? 0,
  };
  const withState = (status: LinkGrantStatus, state: State, message: string): LinkGrantStatus => ({
    ...status,
    status: state,
    message,
    conditions: [readyCondition(current.conditions, state, message, world.now, grant.metadata?.generation)],
  });

  let expirationTime: string;
  try {
    expirationTime = expirationTimeOf(grant, world.now);
  } catch (error) {
    return { status: withState(base, 'Error', `Invalid duration "${expirationWindowOf(grant)}": ${(error as Error).message}`) };
  }
  const timed: LinkGrantStatus = { ...base, expirationTime };
  const msLeft = Date.parse(expirationTime) - world.now.getTime();
  if (Number.isNaN(msLeft)) {
    return { status: withState(timed, 'Error', `Invalid expirationTime "${expirationTime}"`) };
  }
  if (msLeft <= 0) {
    return { status: withState(timed, 'Expired', `Expired at ${expirationTime}`) };
  }
  const requeueAfterMs = Math.min(msLeft, MAX_REQUEUE_MS);
  const state = (s: State, message: string): DesiredGrantStatus => ({ status: withState(timed, s, message), requeueAfterMs });

  const site = siteOf(world.sites, world.namespace);
  if (isSiteProblem(site)) {
    return state(site.lasting ? 'Error' : 'Pending', site.message);
  }
  const codeRef = grant.spec.codeSecretRef;
  const code = secretValue(world.secret(codeRef.name), codeKeyOf(grant));
  if (code === undefined || code.length === 0) {
    return state('Pending', `Waiting for the code: Secret "${codeRef.name}" with key "${codeKeyOf(grant)}"`);
  }
  if (!world.secret(issuerOf(grant))) {
    return state('Pending', `Waiting for the issuer: Secret "${issuerOf(grant)}"`);
  }
  if (linkEndpointGroups(site.status?.endpoints ?? []).length === 0) {
    return state('Pending', `Waiting for link endpoints in the status of Site "${site.metadata?.name}"`);
  }
  const allowed = redemptionsAllowedOf(grant);
  if ((timed.redemptions ?? 0) >= allowed) {
    return state('Exhausted', `All ${allowed} redemptions allowed have been made`);
  }
  return state('Ready', 'OK');
}

/** The Ready condition; its lastTransitionTime moves only when its status or reason does. */
function readyCondition(previous: readonly Condition[] | undefined, state: State, message: string, now: Date, generation?: number): Condition {
  const status = state === 'Ready' ? 'True' : 'False';
  const old = previous?.find((c) => c.type === 'Ready');
  const unchanged = old && old.status === status && old.reason === state;
  return {
    type: 'Ready',
    status,
    reason: state,
    message,
    lastTransitionTime: unchanged ? old.lastTransitionTime : isoSeconds(now),
    ...(generation !== undefined ? { observedGeneration: generation } : {}),
  };
}

/** metav1.Time has second precision; writing milliseconds would only be rounded away and look like a change. */
function isoSeconds(date: Date): string {
  return new Date(Math.floor(date.getTime() / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** Whether writing `desired` would change anything. */
export function sameStatus(current: LinkGrantStatus | undefined, desired: LinkGrantStatus): boolean {
  return canonical(current ?? {}) === canonical(desired);
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v);
}
