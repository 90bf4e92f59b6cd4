import type { Condition, KubernetesObject } from './kubernetes-object';

/** The apiVersion of Skupper's kinds. */
export const SKUPPER_API_VERSION = 'skupper.io/v2alpha1';

/**
 * An entry of a Site's status.endpoints or a Link's spec.endpoints (all strings, the port too). A
 * type, not an interface: its fields count as an index signature, so an endpoint passes as plain
 * data (plain-yaml.ts) without a copy on every redemption.
 */
export type SkupperEndpoint = {
  readonly name?: string;
  readonly host?: string;
  readonly port?: string;
  readonly group?: string;
};

/** The parts of a Skupper Site (skupper.io/v2alpha1) we read. */
export interface SkupperSite extends KubernetesObject {
  readonly spec?: { readonly edge?: boolean; readonly defaultIssuer?: string };
  readonly status?: { readonly endpoints?: readonly SkupperEndpoint[] };
}

/** A Skupper Link (skupper.io/v2alpha1). */
export interface SkupperLink extends KubernetesObject {
  readonly spec: {
    readonly endpoints: readonly SkupperEndpoint[];
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

/**
 * The status the Skupper controller writes on Listeners and Connectors: conditions `Configured`
 * (written into the router's configuration), `Matched` (a peer with the routing key exists in
 * the network) and `Ready` (both), and `status`/`message` mirroring the first one not True.
 */
interface SkupperServiceStatus {
  readonly status?: string;
  readonly message?: string;
  readonly conditions?: readonly Condition[];
}

/** A Skupper Listener (skupper.io/v2alpha1), as far as `status` reads it. */
export interface SkupperListener extends KubernetesObject {
  readonly spec?: { readonly routingKey?: string; readonly host?: string; readonly port?: number };
  readonly status?: SkupperServiceStatus & {
    /** True if there is at least one connector with a matching routing key (usually in a remote site). */
    readonly hasMatchingConnector?: boolean;
  };
}

/** A Skupper Connector (skupper.io/v2alpha1), as far as `status` reads it. */
export interface SkupperConnector extends KubernetesObject {
  readonly spec?: { readonly routingKey?: string; readonly host?: string; readonly selector?: string; readonly port?: number };
  readonly status?: SkupperServiceStatus & {
    /** True if there is at least one listener with a matching routing key (usually in a remote site). */
    readonly hasMatchingListener?: boolean;
  };
}
