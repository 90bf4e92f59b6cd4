import { DEFAULT_GRANT_SERVER_PORT } from '../api/defaults';
import { classifyHost } from '../pki/host';
import { validatePort } from '../validation/port';
import { validateOneOf } from '../validation/one-of';

/** How the grant server is reached from other clusters. */
export enum GrantServerExposure {
  /** A LoadBalancer Service; the URL port is the Service port. */
  LOAD_BALANCER = 'LoadBalancer',
  /** A NodePort Service; the URL port is the node port (set `nodePort`). */
  NODE_PORT = 'NodePort',
  /** A ClusterIP Service (the host is reached through something you run, or in-cluster). */
  CLUSTER_IP = 'ClusterIP',
  /** An ingress-nginx Ingress with TLS passthrough; the URL port is 443. */
  INGRESS_NGINX = 'IngressNginx',
  /** An OpenShift Route with TLS passthrough; the URL port is 443. */
  ROUTE = 'Route',
}

/** How a grant server is reached, as its props declare it (GrantServer's, or an ApplicationNetwork site's). */
export interface GrantServerExposureSettings {
  readonly host: string;
  readonly exposure?: GrantServerExposure;
  readonly port?: number;
  readonly nodePort?: number;
}

/**
 * What the caller's props call each setting, so that errors name the field the user wrote
 * (`nodePort` on a GrantServer, `grantServerNodePort` on a network site).
 */
export interface GrantServerSettingNames {
  /** The site, e.g. `site "west"`. */
  readonly site: string;
  readonly host: string;
  readonly exposure: string;
  readonly port: string;
  readonly nodePort: string;
}

/** A checked exposure: the Service port and the port written into token URLs. */
export interface GrantServerEndpoint {
  readonly host: string;
  readonly exposure: GrantServerExposure;
  /** The port of the server and its Service. */
  readonly port: number;
  /** The port in token URLs: the node port, 443 behind an Ingress or Route, else the Service port. */
  readonly urlPort: number;
}

/** The port of an Ingress or Route: HTTPS. */
const ROUTED_URL_PORT = 443;

/**
 * Checks how a grant server is exposed, the one check shared by GrantServer and by
 * ApplicationNetwork (which runs it when a site is added, before the GrantServer exists): a
 * known exposure, ports in range, a node port for NodePort, a DNS name for an Ingress or Route.
 */
export function resolveGrantServerEndpoint(settings: GrantServerExposureSettings, names: GrantServerSettingNames): GrantServerEndpoint {
  const hostKind = classifyHost(settings.host);
  const exposure = validateOneOf(names.exposure, settings.exposure ?? GrantServerExposure.LOAD_BALANCER, GrantServerExposure, names.site);
  const port = validatePort(`${names.port} of ${names.site}`, settings.port ?? DEFAULT_GRANT_SERVER_PORT);
  const routed = exposure === GrantServerExposure.INGRESS_NGINX || exposure === GrantServerExposure.ROUTE;
  if (routed && hostKind === 'ip') {
    throw new Error(`${names.host} "${settings.host}" of ${names.site} is an IP address, but ${exposure} exposure routes by host name: ` +
      'use a DNS name');
  }
  const nodePort = exposure === GrantServerExposure.NODE_PORT ? nodePortOf(settings, names) : undefined;
  return { host: settings.host, exposure, port, urlPort: routed ? ROUTED_URL_PORT : nodePort ?? port };
}

function nodePortOf(settings: GrantServerExposureSettings, names: GrantServerSettingNames): number {
  if (settings.nodePort === undefined) {
    throw new Error(`${names.site} exposes its grant server as NodePort but sets no ${names.nodePort} (30000-32767): ` +
      'it is the port written into tokens');
  }
  return validatePort(`${names.nodePort} of ${names.site}`, settings.nodePort, 30000, 32767);
}
