import type { KubernetesObject } from '@kubernetes/client-node';
import type { Condition } from '../runtime/resource-types';

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
