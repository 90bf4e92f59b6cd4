import type { NetworkSiteRef } from './network-site';
import type { ConnectionType } from './connection-type';
import type { Connector } from './connector';
import type { Listener } from './listener';
import type { Site } from './site';

/** Options of {@link ApplicationNetwork.expose}: where a service runs, where it is used, and how. */
export interface NetworkServiceOptions {
  /**
   * The site, or sites, that run the workload: a Connector on each. With several, Skupper
   * balances each consuming site's connections between them.
   */
  readonly from: NetworkSiteRef | readonly NetworkSiteRef[];
  /**
   * The sites whose clients use the service: a Listener on each. Each must be connected to every
   * exposing site by a chain of links declared before `expose` (in either direction).
   */
  readonly to: readonly NetworkSiteRef[];
  /** The port: the workload's port on the exposing sites, and the port clients connect to on the consuming sites. */
  readonly port: number;
  /**
   * A Kubernetes label selector of the workload's pods on the exposing sites (`app=backend`).
   * Set exactly one of `selector` and `host`.
   * @default - none: `host` names the workload
   */
  readonly selector?: string;
  /**
   * The DNS name or IP address of the workload on the exposing sites.
   * Set exactly one of `selector` and `host`.
   * @default - none: `selector` picks the workload's pods
   */
  readonly host?: string;
  /**
   * The routing key. Two services may share one (then Skupper balances between all their
   * Connectors), but only with the same port.
   * @default - the service name
   */
  readonly routingKey?: string;
  /**
   * The host clients on the consuming sites connect to (the Service Skupper makes there).
   * @default - the service name
   */
  readonly listenerHost?: string;
  /**
   * TLS from the router to the workload: a Secret on each exposing site (see `ConnectorProps.tlsCredentials`).
   * @default - plain TCP to the workload
   */
  readonly connectorTlsCredentials?: string;
  /**
   * Whether the router presents the client certificate of `connectorTlsCredentials` (mutual TLS).
   * @default false
   */
  readonly useClientCert?: boolean;
  /**
   * Whether the router checks that the workload's certificate names the host it connected to.
   * @default false
   */
  readonly verifyHostname?: boolean;
  /**
   * TLS between clients and the router: a Secret on each consuming site (see `ListenerProps.tlsCredentials`).
   * @default - plain TCP from clients
   */
  readonly listenerTlsCredentials?: string;
  /**
   * What the service carries.
   * @default ConnectionType.TCP
   */
  readonly type?: ConnectionType;
}

/** A service of an {@link ApplicationNetwork}, as {@link ApplicationNetwork.expose} made it. */
export interface NetworkService {
  /** The service name (also the name of its Connectors and Listeners). */
  readonly name: string;
  /** The routing key its Connectors and Listeners share. */
  readonly routingKey: string;
  /** The port of the workload and of the Listeners. */
  readonly port: number;
  /** The host clients connect to on the consuming sites. */
  readonly listenerHost: string;
  /** The sites that run the workload. */
  readonly exposing: readonly Site[];
  /** The sites whose clients use it. */
  readonly consuming: readonly Site[];
  /** One Connector per exposing site. */
  readonly connectors: readonly Connector[];
  /** One Listener per consuming site. */
  readonly listeners: readonly Listener[];
}
