import type { KubernetesObject, V1Secret } from '@kubernetes/client-node';
import type { Condition } from '../resource-types';

export type { Condition } from '../resource-types';

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

/** A LinkGrant (cdk8s-skupper.io/v1alpha1) as the API returns it. */
export interface LinkGrant extends KubernetesObject {
  readonly spec: {
    readonly redemptionsAllowed?: number;
    readonly expirationWindow?: string;
    readonly codeSecretRef: { readonly name: string; readonly key?: string };
    readonly issuer?: string;
  };
  readonly status?: LinkGrantStatus;
}

/** An entry of a Skupper Site's status.endpoints (all strings, the port too). */
export interface SiteEndpoint {
  readonly name?: string;
  readonly host?: string;
  readonly port?: string;
  readonly group?: string;
}

/** The parts of a Skupper Site (skupper.io/v2alpha1) the grant server reads. */
export interface SkupperSite extends KubernetesObject {
  readonly spec?: { readonly edge?: boolean; readonly defaultIssuer?: string };
  readonly status?: { readonly endpoints?: readonly SiteEndpoint[] };
}

export type Secret = V1Secret;

/** CRD defaults, applied here too: the apiserver fills them in, but a cached object may predate a CRD change. */
export const DEFAULT_REDEMPTIONS_ALLOWED = 1;
export const DEFAULT_EXPIRATION_WINDOW = '15m';
export const DEFAULT_CODE_KEY = 'code';
export const DEFAULT_ISSUER = 'skupper-site-ca';

export function redemptionsAllowedOf(grant: LinkGrant): number {
  return grant.spec.redemptionsAllowed ?? DEFAULT_REDEMPTIONS_ALLOWED;
}

export function expirationWindowOf(grant: LinkGrant): string {
  return grant.spec.expirationWindow ?? DEFAULT_EXPIRATION_WINDOW;
}

export function codeKeyOf(grant: LinkGrant): string {
  return grant.spec.codeSecretRef.key ?? DEFAULT_CODE_KEY;
}

export function issuerOf(grant: LinkGrant): string {
  return grant.spec.issuer ?? DEFAULT_ISSUER;
}

/** The Secrets a grant needs: its code and its issuing CA. */
export function secretNamesOf(grant: LinkGrant): string[] {
  return [grant.spec.codeSecretRef.name, issuerOf(grant)];
}

/** A Secret's value under `key`, decoded; undefined when the Secret or the key is missing. */
export function secretValue(secret: Secret | undefined, key: string): Buffer | undefined {
  const value = secret?.data?.[key];
  return value === undefined ? undefined : Buffer.from(value, 'base64');
}
