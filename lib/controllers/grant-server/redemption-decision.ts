import { expirationTimeOf } from './grant-expiry';
import { GrantRedeemer, LinkGrant, LinkGrantStatus, redemptionsAllowedOf } from '../../api/link-grant';

/** Who asks: the `name` and `subject` headers, with Skupper's defaults applied. */
export interface Requester {
  readonly name: string;
  readonly subject: string;
}

/**
 * What to do with a redemption whose code was right, decided on a fresh read of the grant:
 * - issue: a new redemption; `status` is the grant status that counts it (written before answering);
 * - reissue: the same name and subject redeemed before: a fresh certificate, nothing counted;
 * - expired / exhausted / corrupted: refuse with Skupper's answer.
 */
export type RedemptionDecision =
  | { readonly kind: 'issue'; readonly status: LinkGrantStatus }
  | { readonly kind: 'reissue' }
  | { readonly kind: 'expired' }
  | { readonly kind: 'exhausted' }
  | { readonly kind: 'corrupted'; readonly reason: string };

/** The decision table (pure): expiry first, then re-issue to a known redeemer, then the count. */
export function decideRedemption(grant: LinkGrant, requester: Requester, now: Date): RedemptionDecision {
  const status = grant.status ?? {};
  let expirationTime: string;
  try {
    expirationTime = expirationTimeOf(grant, now);
  } catch (error) {
    return { kind: 'corrupted', reason: (error as Error).message };
  }
  const expiresAt = Date.parse(expirationTime);
  if (Number.isNaN(expiresAt)) {
    return { kind: 'corrupted', reason: `status.expirationTime ${JSON.stringify(expirationTime)} is not a date` };
  }
  if (expiresAt <= now.getTime()) {
    return { kind: 'expired' };
  }
  const redeemers = status.redeemers ?? [];
  if (redeemers.some((r) => r.name === requester.name && r.subject === requester.subject)) {
    return { kind: 'reissue' };
  }
  const redemptions = status.redemptions ?? 0;
  if (redemptions >= redemptionsAllowedOf(grant)) {
    return { kind: 'exhausted' };
  }
  const redeemer: GrantRedeemer = { name: requester.name, subject: requester.subject, redeemedAt: now.toISOString() };
  return {
    kind: 'issue',
    status: { ...status, expirationTime, redemptions: redemptions + 1, redeemers: [...redeemers, redeemer] },
  };
}
