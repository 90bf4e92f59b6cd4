import type { KubernetesObject } from '@kubernetes/client-node';
import { isExpired, LinkGrant, redemptionsAllowedOf } from '../../api/link-grant';
import type { Condition } from '../../api/kubernetes-object';
import type { LinkToken } from '../../api/link-token';
import type { SkupperConnector, SkupperLink, SkupperListener } from '../../api/skupper';

/** The kinds `status` shows, in the order it shows them within a namespace. */
export const STATUS_KINDS = ['LinkGrant', 'LinkToken', 'Link', 'Listener', 'Connector'] as const;
export type StatusKind = (typeof STATUS_KINDS)[number];

/** One object in the output of `status`. */
export interface StatusRow {
  readonly context: string;
  readonly namespace: string;
  readonly kind: StatusKind;
  readonly name: string;
  /** Ready, Pending, Error, Expired, Exhausted, Redeemed, ... as the object's status says. */
  readonly status: string;
  /** Whether this object counts as Ready for the exit code. */
  readonly ready: boolean;
  /** The site at the other end: a token's spec.remoteSite, a Link's status.remoteSiteName. */
  readonly remoteSite?: string;
  /** A grant's redemptions made and allowed. */
  readonly redemptions?: { readonly made: number; readonly allowed: number };
  /** A grant's status.expirationTime. */
  readonly expires?: string;
  /** A Listener's or Connector's routing key, and Skupper's conditions Configured and Matched on it. */
  readonly service?: ServiceState;
  readonly message: string;
}

/** What `status` shows of a Skupper Listener or Connector besides its Ready state. */
export interface ServiceState {
  readonly routingKey: string;
  /** Condition `Configured`: the controller wrote it into the site's router configuration. */
  readonly configured: boolean;
  /**
   * Condition `Matched` (from `hasMatchingConnector` on a Listener, `hasMatchingListener` on a
   * Connector): a peer with the same routing key exists somewhere in the network.
   */
  readonly matched: boolean;
}

/**
 * A LinkGrant as its grant server last reported it; a grant still reported Ready after its
 * expiration time shows as Expired, since only a running grant server would have updated it.
 * Expired and Exhausted are a grant's normal end states once its tokens are redeemed, so they do
 * not fail the exit code: a token that never got redeemed shows up on its own row.
 */
const GRANT_STATES_THAT_ARE_FINE = ['Ready', 'Expired', 'Exhausted'];

export function grantRow(context: string, grant: LinkGrant, now: Date): StatusRow {
  const status = grant.status ?? {};
  let state = status.status ?? 'Pending';
  let message = status.message ?? 'No status yet: is the grant server of this site running?';
  const expires = status.expirationTime;
  if (state === 'Ready' && isExpired(grant, now)) {
    state = 'Expired';
    message = `Expired at ${expires}, though the status still says Ready: is the grant server of this site running?`;
  }
  return {
    ...identity(context, 'LinkGrant', grant),
    status: state,
    ready: GRANT_STATES_THAT_ARE_FINE.includes(state),
    redemptions: { made: status.redemptions ?? 0, allowed: redemptionsAllowedOf(grant) },
    expires,
    message,
  };
}

/** A LinkToken as its redeemer last reported it: Ready once redeemed and its Links are ready. */
export function tokenRow(context: string, token: LinkToken): StatusRow {
  const status = token.status ?? {};
  const state = status.status ?? 'Pending';
  return {
    ...identity(context, 'LinkToken', token),
    status: state,
    ready: state === 'Ready',
    remoteSite: token.spec?.remoteSite,
    message: status.message ?? 'No status yet: is the redeemer of this site running?',
  };
}

/**
 * A Skupper Link: Ready when its Ready condition is True (Configured and Operational), else its
 * status as Skupper reports it (Pending or Error; Pending also when the two disagree).
 */
export function linkRow(context: string, link: SkupperLink): StatusRow {
  const status = link.status ?? {};
  const { state, ready, readyCondition } = skupperReadiness(status);
  const message = status.message || readyCondition?.message
    || (link.status ? '' : NO_SKUPPER_STATUS);
  return {
    ...identity(context, 'Link', link),
    status: state,
    ready,
    remoteSite: status.remoteSiteName,
    message: ready && message === '' ? 'OK' : message,
  };
}

/**
 * A Skupper Listener: Ready when Skupper's Ready condition is True, which it sets once the
 * Listener is Configured and Matched (a Connector with its routing key exists in the network).
 */
export function listenerRow(context: string, listener: SkupperListener): StatusRow {
  return serviceRow(context, 'Listener', listener, listener.status?.hasMatchingConnector);
}

/** A Skupper Connector: Ready as a Listener is, Matched meaning a Listener with its routing key exists. */
export function connectorRow(context: string, connector: SkupperConnector): StatusRow {
  return serviceRow(context, 'Connector', connector, connector.status?.hasMatchingListener);
}

const NO_SKUPPER_STATUS = 'No status yet: is the Skupper controller of this site running?';

/** Ready when the Ready condition is True, else what Skupper reports (Pending or Error; Pending also when the two disagree). */
function skupperReadiness(status: { readonly status?: string; readonly conditions?: readonly Condition[] }):
{ state: string; ready: boolean; readyCondition?: Condition } {
  const readyCondition = status.conditions?.find((c) => c.type === 'Ready');
  const ready = readyCondition?.status === 'True';
  const reported = status.status && status.status !== 'Ready' ? status.status : 'Pending';
  return { state: ready ? 'Ready' : reported, ready, readyCondition };
}

/**
 * The MESSAGE names the routing key and both conditions, then Skupper's own message while not
 * Ready (e.g. "No matching connectors"), so a Listener and its Connectors can be read side by side.
 */
function serviceRow(context: string, kind: 'Listener' | 'Connector', object: SkupperListener | SkupperConnector,
  hasMatchingPeer: boolean | undefined): StatusRow {
  const status = object.status ?? {};
  const { state, ready, readyCondition } = skupperReadiness(status);
  const conditionTrue = (type: string): boolean | undefined => {
    const condition = status.conditions?.find((c) => c.type === type);
    return condition === undefined ? undefined : condition.status === 'True';
  };
  const configured = conditionTrue('Configured') ?? false;
  // Skupper sets Matched from hasMatching*; before its first update only the boolean may be there.
  const matched = conditionTrue('Matched') ?? hasMatchingPeer === true;
  const routingKey = object.spec?.routingKey ?? '';
  let message: string;
  if (object.status === undefined) {
    message = `routing key ${routingKey}: ${NO_SKUPPER_STATUS}`;
  } else {
    const detail = ready ? '' : status.message || readyCondition?.message || '';
    message = `routing key ${routingKey}: ${configured ? 'Configured' : 'not Configured'}, ${matched ? 'Matched' : 'not Matched'}` +
      (detail ? `: ${detail}` : '');
  }
  return { ...identity(context, kind, object), status: state, ready, service: { routingKey, configured, matched }, message };
}

function identity(context: string, kind: StatusKind, object: KubernetesObject): Pick<StatusRow, 'context' | 'namespace' | 'kind' | 'name'> {
  return { context, namespace: object.metadata?.namespace ?? '', kind, name: object.metadata?.name ?? '' };
}

/**
 * Rows in a stable order: contexts as given on the command line, then namespace, kind
 * (grants, tokens, Links) and name.
 */
export function sortRows(rows: readonly StatusRow[], contextOrder: readonly string[]): StatusRow[] {
  const rank = (context: string): number => {
    const i = contextOrder.indexOf(context);
    return i < 0 ? contextOrder.length : i;
  };
  const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  return [...rows].sort((a, b) =>
    rank(a.context) - rank(b.context)
    || compare(a.context, b.context)
    || compare(a.namespace, b.namespace)
    || STATUS_KINDS.indexOf(a.kind) - STATUS_KINDS.indexOf(b.kind)
    || compare(a.name, b.name));
}
