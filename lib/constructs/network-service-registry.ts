import { validateDns1035Label, validateDnsSubdomain } from '../validation/kubernetes-names';
import { validatePort } from '../validation/port';
import { validateRoutingKey } from '../validation/routing-key';
import { Connector, ConnectorProps, validateConnector } from './connector';
import { Listener, ListenerProps, validateListener } from './listener';
import { NetworkService, NetworkServiceOptions } from './network-service';
import { Site } from './site';

/** A site as the registry sees it: the Site and its `<cluster>/<site>` key (for messages). */
export interface ServiceSite {
  readonly site: Site;
  readonly key: string;
}

/** Where a service runs and where it is used, as the network resolved the references. */
export interface ServiceEnds {
  readonly exposing: readonly ServiceSite[];
  readonly consuming: readonly ServiceSite[];
  /** Whether a chain of the network's links connects two sites. */
  readonly linked: (a: ServiceSite, b: ServiceSite) => boolean;
}

/**
 * The services of one ApplicationNetwork: checks each new service against the topology and the
 * services before it (all of that before its first construct is made), then makes its Connectors
 * and Listeners in the sites' charts.
 */
export class NetworkServiceRegistry {
  private readonly services: NetworkService[] = [];

  /** The services, in the order they were exposed. */
  public get all(): NetworkService[] {
    return [...this.services];
  }

  public expose(name: string, options: NetworkServiceOptions, ends: ServiceEnds): NetworkService {
    validateDnsSubdomain('service name', name);
    const what = `service "${name}"`;
    const earlier = this.services.find(service => service.name === name);
    if (earlier) {
      throw new Error(`${what} is already exposed: expose a service once, and list all the sites that run it in from`);
    }
    const routingKey = validateRoutingKey(`routing key of ${what}`, options.routingKey ?? name);
    const port = validatePort(`port of ${what}`, options.port);
    const listenerHost = validateDns1035Label(options.listenerHost === undefined
      ? `listener host of ${what} (by default the service name; set listenerHost)`
      : `listener host of ${what}`, options.listenerHost ?? name);
    checkSiteLists(what, ends);

    const sameKey = this.services.find(service => service.routingKey === routingKey && service.port !== port);
    if (sameKey) {
      throw new Error(`${what} uses routing key "${routingKey}" with port ${port}, but service "${sameKey.name}" uses it with port ` +
        `${sameKey.port}: services that share a routing key are one service to Skupper, so give them the same port, or give one ` +
        'its own routingKey');
    }
    const sameHost = this.services.filter(service => service.listenerHost === listenerHost);
    for (const consumer of ends.consuming) {
      const unlinked = ends.exposing.find(exposer => !ends.linked(exposer, consumer));
      if (unlinked) {
        throw new Error(`site "${consumer.key}" consumes ${what}, but no chain of links connects it to "${unlinked.key}", which exposes it: ` +
          'declare the links (link, hubAndSpokes, fullMesh) before expose, or drop the site from to');
      }
      const holder = sameHost.find(service => service.consuming.includes(consumer.site));
      if (holder !== undefined) {
        throw new Error(`listener host "${listenerHost}" is taken twice on site "${consumer.key}": by service "${holder.name}" and by ${what}: ` +
          'set listenerHost on one of them');
      }
    }

    // Every Connector and Listener is checked before the first is made: a refused one must not
    // leave the others of the service in the sites' charts.
    const id = `Service:${name}`;
    const connectorProps: ConnectorProps = {
      name,
      routingKey,
      port,
      selector: options.selector,
      host: options.host,
      tlsCredentials: options.connectorTlsCredentials,
      useClientCert: options.useClientCert,
      verifyHostname: options.verifyHostname,
      type: options.type,
    };
    const listenerProps: ListenerProps = {
      name,
      routingKey,
      port,
      host: listenerHost,
      tlsCredentials: options.listenerTlsCredentials,
      type: options.type,
    };
    for (const end of [...ends.exposing, ...ends.consuming]) {
      if (end.site.node.tryFindChild(id) !== undefined) {
        throw new Error(`site "${end.key}" already has a construct with id "${id}", which ${what} would use: rename that construct`);
      }
    }
    ends.exposing.forEach(({ site }) => validateConnector(site, connectorProps));
    ends.consuming.forEach(({ site }) => validateListener(site, listenerProps));
    const connectors = ends.exposing.map(({ site }) => new Connector(site, id, connectorProps));
    const listeners = ends.consuming.map(({ site }) => new Listener(site, id, listenerProps));
    const service: NetworkService = {
      name,
      routingKey,
      port,
      listenerHost,
      exposing: ends.exposing.map(end => end.site),
      consuming: ends.consuming.map(end => end.site),
      connectors,
      listeners,
    };
    this.services.push(service);
    return service;
  }
}

/** At least one site on each side, none twice, none on both sides. */
function checkSiteLists(what: string, ends: ServiceEnds): void {
  if (ends.exposing.length === 0) {
    throw new Error(`${what} has no exposing site: name the site (or sites) that run it in from`);
  }
  if (ends.consuming.length === 0) {
    throw new Error(`${what} has no consuming site: name the sites whose clients use it in to`);
  }
  for (const [list, sites] of [['from', ends.exposing], ['to', ends.consuming]] as const) {
    const twice = sites.find((end, index) => sites.indexOf(end) !== index);
    if (twice) {
      throw new Error(`site "${twice.key}" appears twice in ${list} of ${what}: list each site once`);
    }
  }
  const both = ends.consuming.find(end => ends.exposing.includes(end));
  if (both) {
    throw new Error(`site "${both.key}" both exposes and consumes ${what}: its clients reach the workload directly ` +
      '(and a Listener there would want a Service named like the workload\'s own); drop it from to');
  }
}
