import { ApplicationNetwork, Cluster, ConnectionType, Connector, Listener, NetworkServiceOptions, Site } from '../../../lib';
import { tempDir, testCluster } from './topology-test-support';

// expose() makes Connectors and Listeners at once and never builds the network, so no test here
// derives an RSA key; objects are read from the sites' charts.

interface Clusters { readonly west: Cluster; readonly east: Cluster; readonly north: Cluster }

function clusters(): Clusters {
  const outdir = tempDir('network-services');
  return { west: testCluster(outdir, 'west'), east: testCluster(outdir, 'east'), north: testCluster(outdir, 'north') };
}

/** Hub west (grant server) linked with spokes east and north. */
function hubAndSpokes(): { network: ApplicationNetwork } & Clusters {
  const c = clusters();
  const network = new ApplicationNetwork({ connected: true });
  network.addSite({ cluster: c.west, name: 'west', grantServerHost: 'grants.west.example.com' });
  network.addSite({ cluster: c.east, name: 'east' });
  network.addSite({ cluster: c.north, name: 'north' });
  network.hubAndSpokes('west', ['east', 'north']);
  return { network, ...c };
}

/** west (grant server) linked with east only; north is added but not linked. */
function westEastOnly(): ApplicationNetwork {
  const c = clusters();
  const network = new ApplicationNetwork();
  network.addSite({ cluster: c.west, name: 'west', grantServerHost: 'grants.west.example.com' });
  network.addSite({ cluster: c.east, name: 'east' });
  network.addSite({ cluster: c.north, name: 'north' });
  network.link('west', 'east');
  return network;
}

const BACKEND: NetworkServiceOptions = { from: 'west', port: 8080, selector: 'app=backend', to: ['east', 'north'] };

/**
 * The Connectors and Listeners of a site: `<kind> <namespace>/<name>` -> spec. Read from the
 * objects themselves: the chart's toJson() would validate the unbuilt network's clusters.
 */
function services(site: Site): Record<string, unknown> {
  return Object.fromEntries(site.node.findAll()
    .filter((c): c is Connector | Listener => c instanceof Connector || c instanceof Listener)
    .map(c => c.apiObject.toJson())
    .map(o => [`${o.kind} ${o.metadata.namespace}/${o.metadata.name}`, o.spec]));
}

describe('expose', () => {
  test('a Connector on the exposing site, a Listener on each consuming site, all named and keyed after the service', () => {
    const { network } = hubAndSpokes();
    const service = network.expose('backend', BACKEND);
    expect(services(network.site('west'))).toEqual({ 'Connector west/backend': { routingKey: 'backend', port: 8080, selector: 'app=backend' } });
    for (const spoke of ['east', 'north']) {
      expect(services(network.site(spoke))).toEqual({ [`Listener ${spoke}/backend`]: { routingKey: 'backend', host: 'backend', port: 8080 } });
    }
    expect(service).toMatchObject({ name: 'backend', routingKey: 'backend', port: 8080, listenerHost: 'backend' });
    expect(service.exposing).toEqual([network.site('west')]);
    expect(service.consuming).toEqual([network.site('east'), network.site('north')]);
    expect(service.connectors.map(c => c.site.name)).toEqual(['west']);
    expect(service.listeners.map(l => l.site.name)).toEqual(['east', 'north']);
    expect(network.services).toEqual([service]);
  });

  test('options reach the objects: routing key, listener host, host, TLS on both sides, type', () => {
    const { network } = hubAndSpokes();
    network.expose('db', {
      from: network.site('west'), to: ['east/east'], port: 5432, host: 'db.internal.example.com', routingKey: 'db.eu', listenerHost: 'database',
      connectorTlsCredentials: 'db-ca', useClientCert: true, verifyHostname: true, listenerTlsCredentials: 'db-server', type: ConnectionType.TCP,
    });
    expect(services(network.site('west'))).toEqual({ 'Connector west/db': {
      routingKey: 'db.eu', port: 5432, host: 'db.internal.example.com', tlsCredentials: 'db-ca', useClientCert: true, verifyHostname: true, type: 'tcp',
    } });
    expect(services(network.site('east'))).toEqual({ 'Listener east/db': { routingKey: 'db.eu', host: 'database', port: 5432, tlsCredentials: 'db-server', type: 'tcp' } });
  });

  test('several exposing sites for one routing key: in one service, or in two services with the same port', () => {
    const { network } = hubAndSpokes();
    // east and north both run it; west's clients use it (Skupper balances between the two).
    const both = network.expose('cache', { from: ['east', 'north'], to: ['west'], port: 6379, selector: 'app=cache' });
    expect(both.connectors.map(c => c.site.name)).toEqual(['east', 'north']);
    // A second service on the same routing key adds a Connector and Listeners of its own name.
    network.expose('cache-west', { routingKey: 'cache', from: 'west', to: ['east'], port: 6379, selector: 'app=cache' });
    expect(services(network.site('east'))).toEqual({
      'Connector east/cache': { routingKey: 'cache', port: 6379, selector: 'app=cache' },
      'Listener east/cache-west': { routingKey: 'cache', host: 'cache-west', port: 6379 },
    });
  });

  test('a chain of links is enough: north reaches west through east', () => {
    const c = clusters();
    const network = new ApplicationNetwork();
    network.addSite({ cluster: c.west, name: 'west', grantServerHost: 'grants.west.example.com' });
    network.addSite({ cluster: c.east, name: 'east', grantServerHost: 'grants.east.example.com' });
    network.addSite({ cluster: c.north, name: 'north' });
    network.link('west', 'east');
    network.link('east', 'north');
    expect(network.expose('backend', { ...BACKEND, to: ['north'] }).listeners.map(l => l.site.name)).toEqual(['north']);
  });
});

describe('expose fails at once', () => {
  test('on an unknown site, on either side', () => {
    const { network } = hubAndSpokes();
    expect(() => network.expose('backend', { ...BACKEND, to: ['east', 'south'] })).toThrow('unknown site "south": known sites are west/west, east/east, north/north');
    expect(() => network.expose('backend', { ...BACKEND, from: 'nowhere' })).toThrow(/unknown site "nowhere"/);
  });

  test('on a consuming site that no chain of links connects to the exposing site (declare links first)', () => {
    const network = westEastOnly();
    expect(() => network.expose('backend', BACKEND)).toThrow('site "north/north" consumes service "backend", but no chain of links connects it to ' +
      '"west/west", which exposes it: declare the links (link, hubAndSpokes, fullMesh) before expose, or drop the site from to');
    // Nothing was made for the refused service.
    expect(services(network.site('west'))).toEqual({});
    expect(services(network.site('east'))).toEqual({});
    network.link('west', 'north');
    expect(network.expose('backend', BACKEND).listeners).toHaveLength(2);
  });

  test('on a consuming site cut off from one of several exposing sites', () => {
    const network = westEastOnly();
    expect(() => network.expose('backend', { from: ['west', 'north'], to: ['east'], port: 8080, selector: 'app=backend' }))
      .toThrow('site "east/east" consumes service "backend", but no chain of links connects it to "north/north", which exposes it');
  });

  test('on two services with one routing key but different ports', () => {
    const { network } = hubAndSpokes();
    network.expose('backend', BACKEND);
    expect(() => network.expose('backend-v2', { ...BACKEND, routingKey: 'backend', port: 9090 })).toThrow('service "backend-v2" uses routing key ' +
      '"backend" with port 9090, but service "backend" uses it with port 8080: services that share a routing key are one service to Skupper');
  });

  test('on a listener host taken twice on a site', () => {
    const { network } = hubAndSpokes();
    network.expose('backend', BACKEND);
    expect(() => network.expose('backend-admin', { ...BACKEND, port: 9090, listenerHost: 'backend', to: ['north'] }))
      .toThrow('listener host "backend" is taken twice on site "north/north": by service "backend" and by service "backend-admin": ' +
        'set listenerHost on one of them');
    // On a site where the host is free it is fine.
    network.expose('frontend', { from: 'east', to: ['west'], port: 80, selector: 'app=frontend', listenerHost: 'backend' });
  });

  test('on a service name used twice', () => {
    const { network } = hubAndSpokes();
    network.expose('backend', BACKEND);
    expect(() => network.expose('backend', { ...BACKEND, from: 'east', to: ['west'] }))
      .toThrow('service "backend" is already exposed: expose a service once, and list all the sites that run it in from');
  });

  test('on empty, repeated or overlapping site lists', () => {
    const { network } = hubAndSpokes();
    expect(() => network.expose('backend', { ...BACKEND, to: [] })).toThrow('service "backend" has no consuming site');
    expect(() => network.expose('backend', { ...BACKEND, from: [] })).toThrow('service "backend" has no exposing site');
    expect(() => network.expose('backend', { ...BACKEND, to: ['east', 'east/east'] })).toThrow('site "east/east" appears twice in to of service "backend"');
    expect(() => network.expose('backend', { ...BACKEND, from: ['west', 'west'] })).toThrow('site "west/west" appears twice in from of service "backend"');
    expect(() => network.expose('backend', { ...BACKEND, to: ['east', 'west'] })).toThrow('site "west/west" both exposes and consumes service "backend"');
  });

  test('on bad values: name, port, routing key, listener host, selector', () => {
    const { network } = hubAndSpokes();
    expect(() => network.expose('Backend', BACKEND)).toThrow('invalid service name "Backend": must be a DNS-1123 subdomain');
    expect(() => network.expose('backend', { ...BACKEND, port: 0 })).toThrow('invalid port of service "backend" 0: must be an integer from 1 to 65535');
    expect(() => network.expose('backend', { ...BACKEND, routingKey: 'a_b' })).toThrow('invalid routing key of service "backend" "a_b"');
    expect(() => network.expose('orders.eu', BACKEND)).toThrow('invalid listener host of service "orders.eu" (by default the service name; ' +
      'set listenerHost) "orders.eu": must be a DNS-1035 label');
    expect(() => network.expose('backend', { ...BACKEND, listenerHost: '9lives' })).toThrow('invalid listener host of service "backend" "9lives"');
    expect(() => network.expose('backend', { ...BACKEND, selector: 'app=a b' })).toThrow('invalid selector of connector "backend" on site "west" "app=a b"');
    expect(() => network.expose('backend', { ...BACKEND, host: 'backend' })).toThrow('connector "backend" on site "west" sets both selector and host');
  });

  test('with nothing made on any site when one of its Listeners is refused', () => {
    const { network } = hubAndSpokes();
    // north already listens on backend:8080 through a Listener of its own: the service's Listener
    // there is refused, and west's Connector and east's Listener must not stay behind.
    new Listener(network.site('north'), 'Own', { name: 'own', routingKey: 'own', host: 'backend', port: 8080 });
    expect(() => network.expose('backend', BACKEND)).toThrow('listener "backend" on site "north" listens on backend:8080, ' +
      'where another listener of the site already listens');
    expect(services(network.site('west'))).toEqual({});
    expect(services(network.site('east'))).toEqual({});
    expect(network.services).toEqual([]);
    // Nothing was claimed either: the service can be exposed once north no longer collides.
    network.expose('backend', { ...BACKEND, to: ['east'] });
    expect(Object.keys(services(network.site('east')))).toEqual(['Listener east/backend']);
  });

  test('with nothing made when a site already has a construct of the service\'s id', () => {
    const { network } = hubAndSpokes();
    new Listener(network.site('north'), 'Service:backend', { name: 'mine', routingKey: 'mine', port: 80 });
    expect(() => network.expose('backend', BACKEND)).toThrow('site "north/north" already has a construct with id "Service:backend", ' +
      'which service "backend" would use: rename that construct');
    expect(services(network.site('west'))).toEqual({});
    expect(services(network.site('east'))).toEqual({});
  });

  test('after the network is built', () => {
    // A network of one unlinked site builds without a grant server, so no key is derived.
    const network = new ApplicationNetwork();
    network.addSite({ cluster: clusters().west, name: 'west' });
    network.build();
    expect(() => network.expose('backend', { ...BACKEND, to: [] })).toThrow('cannot expose a service: the network is already built');
  });
});
