import type { KubernetesObject, V1Secret } from '@kubernetes/client-node';
import type { Condition } from '../resource-types';

export type { Condition } from '../resource-types';


/** LinkToken status (crds/cdk8s-skupper/linktokens.cdk8s-skupper.io.yaml). */
export interface LinkTokenStatus {
  readonly redeemed?: boolean;
  readonly links?: readonly string[];
  readonly secretName?: string;
  /** Pending, Redeemed, Ready or Error. */
  readonly status?: string;
  readonly message?: string;
  readonly conditions?: readonly Condition[];
}

/** A LinkToken (cdk8s-skupper.io/v1alpha1) as the API returns it. Its code lives in a Secret. */
export interface LinkToken extends KubernetesObject {
  readonly spec: {
    readonly url: string;
    readonly ca: string;
    readonly codeSecretRef: { readonly name: string; readonly key?: string };
    readonly linkCost?: number;
    readonly remoteSite?: string;
  };
  readonly status?: LinkTokenStatus;
}

/** The key of the code in a token's code Secret when `codeSecretRef.key` is not set (the CRD default). */
export const DEFAULT_CODE_KEY = 'code';

/** The parts of a Skupper Site (skupper.io/v2alpha1) the redeemer reads: its name and UID. */
export type SkupperSite = KubernetesObject;

/** An entry of a Link's spec.endpoints (all strings, the port too). */
export interface LinkEndpoint {
  readonly name?: string;
  readonly host?: string;
  readonly port?: string;
  readonly group?: string;
}

/** A Skupper Link (skupper.io/v2alpha1). */
export interface SkupperLink extends KubernetesObject {
  readonly spec: {
    readonly endpoints: readonly LinkEndpoint[];
    readonly tlsCredentials?: string;
    readonly cost?: number;
  };
  readonly status?: {
    readonly status?: string;
    readonly message?: string;
    readonly conditions?: readonly Condition[];
    readonly remoteSiteId?: string;
    readonly remoteSiteName?: string;
  };
}

export type Secret = V1Secret;

export const SKUPPER_API_VERSION = 'skupper.io/v2alpha1';
export const LINK_TOKEN_API_VERSION = 'cdk8s-skupper.io/v1alpha1';
