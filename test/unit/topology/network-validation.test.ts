import { ApplicationNetwork, Cluster, GrantServerExposure, LinkAccess, synthClusters } from '../../../lib';
import { tempDir, testCluster } from './topology-test-support';

// Every rule fails before any grant server exists, so none of these tests but one derives an RSA key.

interface Clusters { readonly west: Cluster; readonly east: Cluster; readonly north: Cluster }

function clusters(): Clusters {
  const outdir = tempDir('network-validation');
  return { west: testCluster(outdir, 'west'), east: testCluster(outdir, 'east'), north: testCluster(outdir, 'north') };
}

/** west (grant server), east (no grant server), north (no grant server). */
function threeSites(props: { connected?: boolean } = {}): { network: ApplicationNetwork } & Clusters {
  const c = clusters();
  const network = new ApplicationNetwork(props);
  network.addSite({ cluster: c.west, name: 'west', grantServerHost: 'grants.west.example.com' });
  network.addSite({ cluster: c.east, name: 'east' });
  network.addSite({ cluster: c.north, name: 'north' });
  return { network, ...c };
}

describe('sites', () => {
  test('fails on an unknown site, naming the known ones', () => {
    const { network } = threeSites();
    expect(() => network.link('west', 'south')).toThrow('unknown site "south": known sites are west/west, east/east, north/north');
    expect(() => network.link('west', 'north/east')).toThrow(/unknown site "north\/east"/);
    expect(() => network.hubAndSpokes('nowhere', ['east'])).toThrow(/unknown site "nowhere"/);
  });

  test('fails on a Site that was not added to the network', () => {
    const { network, north } = threeSites();
    const other = new ApplicationNetwork().addSite({ cluster: north, name: 'stray' });
    expect(() => network.link('west', other)).toThrow('site "north/stray" is not part of this network: add it with addSite');
  });

  test('fails on a site name that two clusters share, and accepts <cluster>/<site>', () => {
    const { network, north } = threeSites();
    network.addSite({ cluster: north, name: 'east', namespace: 'east' });
    expect(() => network.link('west', 'east')).toThrow('site name "east" is ambiguous: it names "east/east" and "north/east"; write "<cluster>/<site>"');
    expect(network.link('west', 'north/east').connecting.cluster.name).toBe('north');
  });

  test('sites declared in the props are added as with addSite', () => {
    const c = clusters();
    const network = new ApplicationNetwork({
      sites: [{ cluster: c.west, name: 'west', grantServerHost: 'grants.west.example.com' }, { cluster: c.east, name: 'east', namespace: 'apps' }],
    });
    expect(network.sites.map(site => [site.cluster.name, site.name, site.namespace, site.linkAccess])).toEqual([
      ['west', 'west', 'west', LinkAccess.DEFAULT], ['east', 'east', 'apps', LinkAccess.NONE],
    ]);
    expect(network.site('east/east')).toBe(network.sites[1]);
    expect(network.clusters).toEqual([c.west, c.east]);
    expect(() => new ApplicationNetwork({ sites: [{ cluster: c.north, name: 'Bad' }] })).toThrow(/invalid site name "Bad"/);
  });

  test('fails on the same site added twice', () => {
    const { network, west } = threeSites();
    expect(() => network.addSite({ cluster: west, name: 'west', namespace: 'other' })).toThrow(/duplicate site "west\/west"/);
  });

  test('fails on an edge site with a grant server host', () => {
    const { west } = clusters();
    expect(() => new ApplicationNetwork().addSite({ cluster: west, name: 'west', edge: true, grantServerHost: 'grants.example.com' }))
      .toThrow('site "west/west" is an edge site but declares grantServerHost "grants.example.com": edge sites cannot accept links, so they run no grant server');
  });

  test('fails on grant server settings without a host, and on a host with linkAccess none', () => {
    const { west } = clusters();
    expect(() => new ApplicationNetwork().addSite({ cluster: west, name: 'west', grantServerPort: 8443, grantServerExposure: GrantServerExposure.NODE_PORT }))
      .toThrow('site "west/west" sets grantServerExposure, grantServerPort but no grantServerHost');
    expect(() => new ApplicationNetwork().addSite({ cluster: west, name: 'west', grantServerHost: 'g.example.com', linkAccess: LinkAccess.NONE }))
      .toThrow(/declares grantServerHost "g.example.com" but linkAccess "none": it could never listen/);
  });

  test('fails on a NodePort grant server without a node port, and on an ingress with an IP host', () => {
    const { west } = clusters();
    expect(() => new ApplicationNetwork().addSite({ cluster: west, name: 'west', grantServerHost: 'g.example.com', grantServerExposure: GrantServerExposure.NODE_PORT }))
      .toThrow(/site "west\/west" exposes its grant server as NodePort but sets no grantServerNodePort/);
    expect(() => new ApplicationNetwork().addSite({ cluster: west, name: 'west', grantServerHost: '10.0.0.1', grantServerExposure: GrantServerExposure.INGRESS_NGINX }))
      .toThrow('grantServerHost "10.0.0.1" of site "west/west" is an IP address, but IngressNginx exposure routes by host name: use a DNS name');
  });

  test('checks the grant server\'s ports and exposure when the site is added, by GrantServer\'s rule, naming the site\'s props', () => {
    const { west } = clusters();
    const add = (props: object) => () => new ApplicationNetwork().addSite({ cluster: west, name: 'west', grantServerHost: 'g.example.com', ...props });
    expect(add({ grantServerExposure: GrantServerExposure.NODE_PORT, grantServerNodePort: 80 }))
      .toThrow('invalid grantServerNodePort of site "west/west" 80: must be an integer from 30000 to 32767');
    expect(add({ grantServerPort: 70000 })).toThrow('invalid grantServerPort of site "west/west" 70000: must be an integer from 1 to 65535');
    expect(add({ grantServerExposure: 'Gateway' as GrantServerExposure }))
      .toThrow('invalid grantServerExposure "Gateway" of site "west/west": must be one of LoadBalancer, NodePort, ClusterIP, IngressNginx, Route');
    expect(add({ grantServerHost: 'g.example.com', grantServerExposure: GrantServerExposure.NODE_PORT, grantServerNodePort: 30443 })).not.toThrow();
  });

  test('fails on a grant server host that is neither a DNS name nor an IP', () => {
    const { west } = clusters();
    expect(() => new ApplicationNetwork().addSite({ cluster: west, name: 'west', grantServerHost: 'https://g.example.com' }))
      .toThrow(/invalid host "https:\/\/g.example.com"/);
  });

  test.each([-1, 1.5])('fails on site rotation input %p', (rotation) => {
    const { west } = clusters();
    expect(() => new ApplicationNetwork().addSite({ cluster: west, name: 'west', linkRotation: rotation }))
      .toThrow(`invalid linkRotation of site "west/west" ${rotation}: must be a non-negative integer`);
  });
});

describe('links', () => {
  test('fails on a self-link', () => {
    const { network } = threeSites();
    expect(() => network.link('west', 'west/west')).toThrow('link from site "west/west" to itself: a link needs two different sites');
    expect(() => network.hubAndSpokes('west', ['east', 'west'])).toThrow(/link from site "west\/west" to itself/);
  });

  test('fails on a duplicate link, in either direction and across helpers', () => {
    const { network } = threeSites();
    network.link('west', 'east');
    expect(() => network.link('west', 'east')).toThrow(/duplicate link between "west\/west" and "east\/east": already declared as "west\/west" <-> "east\/east"/);
    expect(() => network.link('east', 'west')).toThrow(/duplicate link between "east\/east" and "west\/west"/);
    expect(() => network.hubAndSpokes('west', ['north', 'east'])).toThrow(/duplicate link between "west\/west" and "east\/east"/);
    expect(() => network.fullMesh(['north', 'east', 'north'])).toThrow('site "north/north" appears twice in the full mesh: list each site once');
  });

  test('fails when an edge site is asked to listen', () => {
    const { network, east } = threeSites();
    network.addSite({ cluster: east, name: 'edge', namespace: 'edge', edge: true });
    expect(() => network.link('west', 'edge', { listening: 'edge' }))
      .toThrow('site "east/edge" cannot listen for the link with "west/west": it is an edge site, and edge sites only connect');
    expect(() => network.hubAndSpokes('edge', ['west'], { hubListens: true })).toThrow(/site "east\/edge" cannot listen/);
    expect(() => network.link('edge', 'east')).toThrow(/neither site of link "east\/edge" <-> "east\/east" can listen: "east\/edge": it is an edge site/);
  });

  test('fails when the listening site has no grant server host', () => {
    const { network } = threeSites();
    expect(() => network.link('west', 'east', { listening: 'east' }))
      .toThrow('site "east/east" cannot listen for the link with "west/west": it declares no grantServerHost, so it has no grant server to redeem tokens');
    expect(() => network.link('east', 'north')).toThrow(/neither site of link "east\/east" <-> "north\/north" can listen: .*declares no grantServerHost/);
    expect(() => network.hubAndSpokes('west', ['east'], { hubListens: false })).toThrow(/site "east\/east" cannot listen/);
    expect(() => network.link('west', 'east', { listening: 'north' })).toThrow(/listening site "north\/north" is not an end of link/);
  });

  test('fails when the listening site cannot be reached from the other cluster', () => {
    const { west, east } = clusters();
    const network = new ApplicationNetwork();
    network.addSite({ cluster: west, name: 'west', grantServerHost: 'grants.example.com', linkAccess: LinkAccess.LOCAL });
    network.addSite({ cluster: west, name: 'inside', grantServerHost: 'cdk8s-skupper-grant-server.inside.svc.cluster.local' });
    network.addSite({ cluster: east, name: 'east' });
    expect(() => network.link('west', 'east'))
      .toThrow(/"west\/west": its linkAccess "local" is a ClusterIP Service, which cluster "east" cannot reach/);
    expect(() => network.link('inside', 'east', { listening: 'inside' }))
      .toThrow(/its grantServerHost "cdk8s-skupper-grant-server.inside.svc.cluster.local" is an in-cluster Service name, which cluster "east" cannot reach/);
    // Within one cluster both are fine.
    expect(network.link('inside', 'west').listening.name).toBe('inside');
  });

  test('the first named site listens when it can; otherwise the second', () => {
    const { network, east } = threeSites();
    network.addSite({ cluster: east, name: 'edge', namespace: 'edge', edge: true });
    expect(network.link('east', 'west').listening.name).toBe('west');
    expect(network.link('west', 'north').listening.name).toBe('west');
    expect(network.link('edge', 'west', { listening: 'west' }).listening.name).toBe('west');
  });

  test.each([
    [{ cost: 0 }, 'invalid cost 0 of link "west/west" <-> "east/east": must be a positive integer'],
    [{ redemptionsAllowed: 1.5 }, 'invalid redemptionsAllowed 1.5 of link "west/west" <-> "east/east": must be a positive integer'],
    [{ expirationWindow: '1d' }, 'invalid expiration window of link "west/west" <-> "east/east" "1d": must be a Go duration'],
    [{ rotation: -1 }, 'invalid rotation of link "west/west" <-> "east/east" -1: must be a non-negative integer'],
  ])('fails on link option %p', (options, message) => {
    const { network } = threeSites();
    expect(() => network.link('west', 'east', options)).toThrow(message);
  });

  test('fails on hub and spokes without spokes, and on a mesh of one site', () => {
    const { network } = threeSites();
    expect(() => network.hubAndSpokes('west', [])).toThrow('hub and spokes around "west/west" has no spokes: pass at least one spoke');
    expect(() => network.fullMesh(['west'])).toThrow('a full mesh needs at least two sites, got 1');
  });

  test('fails on rotating a link that does not exist, or twice with different inputs', () => {
    const { network } = threeSites();
    network.link('west', 'east', { rotation: 1 });
    expect(() => network.rotateLink('west', 'north', 1)).toThrow('no link between "west/west" and "north/north" to rotate: declare the link first');
    expect(() => network.rotateLink('east', 'west', 2)).toThrow(/already has rotation 1 from its declaration/);
    expect(() => network.rotateLink('east', 'west', 1)).not.toThrow();
  });
});

describe('at build', () => {
  test('fails on a network without sites, rather than synthesizing nothing', () => {
    const message = 'the network has no sites, so there is nothing to synthesize: add sites with addSite (or the sites prop) before build() or synth()';
    expect(() => new ApplicationNetwork().build()).toThrow(message);
    expect(() => new ApplicationNetwork({ connected: true, sites: [] }).synth()).toThrow(message);
  });

  test('a site that listens only within its cluster gets its grant server on an in-cluster host', () => {
    // The one test here that makes a grant server (its keys come from the shared test key cache).
    const { west } = clusters();
    const network = new ApplicationNetwork();
    network.addSite({ cluster: west, name: 'inside', grantServerHost: 'cdk8s-skupper-grant-server.inside.svc.cluster.local' });
    network.addSite({ cluster: west, name: 'west' });
    network.link('inside', 'west');
    network.build();
    expect(network.links[0].pair.token.grant.url).toBe('https://cdk8s-skupper-grant-server.inside.svc.cluster.local:9090/inside/link-west');
  });

  test('fails when a network declared connected falls apart', () => {
    const { network } = threeSites({ connected: true });
    network.link('west', 'east');
    expect(() => network.build()).toThrow('the network is declared connected, but its sites fall into 2 unlinked groups: ' +
      '{west/west, east/east} and {north/north}: add links between the groups, or drop connected: true');
  });

  test('fails when two links give one site the same name', () => {
    const { network } = threeSites();
    network.link('west', 'east', { grantName: 'shared' });
    network.link('west', 'north', { grantName: 'shared' });
    expect(() => network.build()).toThrow('name "shared" is used twice on site "west/west": by the grant of link "west/west" <-> "east/east" ' +
      'and by the grant of link "west/west" <-> "north/north": set grantName or tokenName on one of these links');
  });

  test('fails when a grant name clashes with a token name or its Secret on the same site', () => {
    const { network, east } = threeSites();
    network.addSite({ cluster: east, name: 'hub', namespace: 'hub', grantServerHost: 'hub.example.com' });
    network.link('west', 'east', { tokenName: 'link-to-west' });
    network.link('hub', 'east', { tokenName: 'link-to-west-code' });
    expect(() => network.build()).toThrow(/name "link-to-west-code" is used twice on site "east\/east": by the token code Secret of link .* and by the token/);
  });

  test('fails when a generated name is longer than a label value', () => {
    const { west, east } = clusters();
    const long = 'a'.repeat(60);
    const network = new ApplicationNetwork();
    network.addSite({ cluster: west, name: long, grantServerHost: 'grants.example.com' });
    network.addSite({ cluster: east, name: 'east' });
    network.link(long, 'east');
    expect(() => network.build()).toThrow(`token name "link-to-${long}" of link "west/${long}" <-> "east/east" is longer than 63 characters`);
  });

  test('fails when a cluster of an unbuilt network is synthesized, and when the network changes after build', () => {
    const { network, west, east, north } = threeSites();
    expect(() => synthClusters([west, east, north])).toThrow(/cluster "west" holds sites of an ApplicationNetwork that was not built/);
    network.build();
    expect(() => network.addSite({ cluster: west, name: 'late', namespace: 'late' })).toThrow(/cannot add a site: the network is already built/);
    expect(() => network.link('west', 'east')).toThrow(/cannot add a link: the network is already built/);
  });
});
