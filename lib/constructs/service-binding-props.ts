import type { ConnectionType } from './connection-type';

/**
 * What a {@link Connector} and a {@link Listener} both declare: Skupper pairs them by routing key,
 * and each is a named object on its site.
 */
export interface ServiceBindingProps {
  /**
   * The routing key: the Listeners and Connectors with the same routing key, on sites that a chain
   * of links connects, are one service (a Listener's clients reach the Connectors' workloads).
   * Lower-case letters, digits, '-' and '.'.
   */
  readonly routingKey: string;
  /** The port (1-65535): on a Connector the workload's, on a Listener the one clients connect to. */
  readonly port: number;
  /**
   * The name, a DNS-1123 subdomain unique among the site's Connectors (or Listeners).
   * @default - the routing key
   */
  readonly name?: string;
  /**
   * The name of a Secret in the site's namespace for TLS: on a Connector, towards the workload;
   * on a Listener, towards its clients (see ConnectorProps and ListenerProps).
   * @default - plain TCP
   */
  readonly tlsCredentials?: string;
  /**
   * What it carries.
   * @default ConnectionType.TCP
   */
  readonly type?: ConnectionType;
}
