import { DEFAULT_CODE_KEY, DEFAULT_EXPIRATION_WINDOW, DEFAULT_ISSUER, DEFAULT_REDEMPTIONS_ALLOWED } from './defaults';
import type { Condition, KubernetesObject } from './kubernetes-object';

/** One who redeemed a grant: the link (Secret/Link) name and the certificate subject it got. */
export interface GrantRedeemer {
  readonly name: string;
  readonly subject: string;
  readonly redeemedAt?: string;
}

/** LinkGrant status (crds/cdk8s-skupper/linkgrants.cdk8s-skupper.io.yaml). */
export interface LinkGrantStatus {
  readonly redemptions?: number;
  readonly expirationTime?: string;
  readonly url?: string;
  readonly redeemers?: readonly GrantRedeemer[];
  readonly status?: string;
  readonly message?: string;
  readonly conditions?: readonly Condition[];
}

/** A LinkGrant (cdk8s-skupper.io/v1alpha1) as the API returns it. Its code lives in a Secret. */
export interface LinkGrant extends KubernetesObject {
  readonly spec: {
    readonly redemptionsAllowed?: number;
    readonly expirationWindow?: string;
    readonly codeSecretRef: { readonly name: string; readonly key?: string };
    readonly issuer?: string;
  };
  readonly status?: LinkGrantStatus;
}

// The CRD defaults, applied here too: the apiserver fills them in, but a cached object may
// predate a CRD change.

export function redemptionsAllowedOf(grant: LinkGrant): number {
  // `spec?.`: a LinkGrant read for status may be a partial object.
  return grant.spec?.redemptionsAllowed ?? DEFAULT_REDEMPTIONS_ALLOWED;
}

/** Whether the grant is past its expiration time (false while it has none). */
export function isExpired(grant: LinkGrant, now: Date): boolean {
  const expirationTime = grant.status?.expirationTime;
  return expirationTime !== undefined && Date.parse(expirationTime) <= now.getTime();
}

export function expirationWindowOf(grant: LinkGrant): string {
  return grant.spec.expirationWindow ?? DEFAULT_EXPIRATION_WINDOW;
}

/** The key holding the code in the Secret that a LinkGrant's (or a LinkToken's) codeSecretRef names. */
export function codeKeyOf(owner: { readonly spec: { readonly codeSecretRef: { readonly key?: string } } }): string {
  return owner.spec.codeSecretRef.key ?? DEFAULT_CODE_KEY;
}

export function issuerOf(grant: LinkGrant): string {
  return grant.spec.issuer ?? DEFAULT_ISSUER;
}

/** The Secrets a grant needs: its code and its issuing CA. */
export function secretNamesOf(grant: LinkGrant): string[] {
  return [grant.spec.codeSecretRef.name, issuerOf(grant)];
}
