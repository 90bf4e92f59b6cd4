import type { Condition, KubernetesObject } from './kubernetes-object';

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
