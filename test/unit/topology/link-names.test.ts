import { ApplicationNetwork, defaultLinkNames, NamedLinkEnds } from '../../../lib';
import { readObjects } from '../../support/example-synth';
import { tempDir, testCluster } from './topology-test-support';

const site = (cluster: string, name: string) => ({ cluster, name });

test('grants are named after the connecting site, tokens after the listening site', () => {
  const links: NamedLinkEnds[] = [
    { listening: site('west', 'west'), connecting: site('east', 'east') },
    { listening: site('west', 'west'), connecting: site('north', 'north') },
  ];
  expect(defaultLinkNames(links)).toEqual([
    { grantName: 'link-east', tokenName: 'link-to-west' },
    { grantName: 'link-north', tokenName: 'link-to-west' },
  ]);
});

test('a site with links to two same-named sites on different clusters gets cluster-qualified names for both', () => {
  const links: NamedLinkEnds[] = [
    { listening: site('west', 'hub'), connecting: site('east', 'app') },
    { listening: site('west', 'hub'), connecting: site('north', 'app') },
    { listening: site('west', 'hub'), connecting: site('north', 'db') },
    // app@east also connects to another "hub", on cluster north: its two tokens need qualifying too.
    { listening: site('north', 'hub'), connecting: site('east', 'app') },
  ];
  expect(defaultLinkNames(links)).toEqual([
    { grantName: 'link-app-east', tokenName: 'link-to-hub-west' },
    { grantName: 'link-app-north', tokenName: 'link-to-hub' },
    { grantName: 'link-db', tokenName: 'link-to-hub' },
    { grantName: 'link-app', tokenName: 'link-to-hub-north' },
  ]);
});

test('names depend on the set of links, not on their order, and explicit names are kept', () => {
  const links: NamedLinkEnds[] = [
    { listening: site('west', 'hub'), connecting: site('east', 'app') },
    { listening: site('west', 'hub'), connecting: site('north', 'app'), grantName: 'custom-grant', tokenName: 'custom-token' },
    { listening: site('west', 'hub'), connecting: site('north', 'db') },
  ];
  const forward = defaultLinkNames(links);
  const backward = defaultLinkNames([...links].reverse()).reverse();
  expect(backward).toEqual(forward);
  expect(forward[0]).toEqual({ grantName: 'link-app-east', tokenName: 'link-to-hub' });
  expect(forward[1]).toEqual({ grantName: 'custom-grant', tokenName: 'custom-token' });
});

test('a hub linked to two sites named "east" on different clusters synthesizes unique grants and tokens', () => {
  // The hub is west/west (rotation 0): the grant server key the other unit tests already derived.
  const outdir = tempDir('link-names');
  const west = testCluster(outdir, 'west');
  const east = testCluster(outdir, 'east');
  const north = testCluster(outdir, 'north');
  const network = new ApplicationNetwork({ connected: true });
  network.addSite({ cluster: west, name: 'west', grantServerHost: 'grants.west.example.com' });
  network.addSite({ cluster: east, name: 'east' });
  network.addSite({ cluster: north, name: 'east' });
  const links = network.hubAndSpokes('west', ['east/east', 'north/east']);
  network.synth();

  expect(links.map(link => [link.grantName, link.tokenName])).toEqual([['link-east-east', 'link-to-west'], ['link-east-north', 'link-to-west']]);
  const grants = readObjects(outdir).filter(({ obj }) => obj.kind === 'LinkGrant').map(({ file }) => file);
  expect(grants).toEqual(['west/west/LinkGrant.link-east-east.k8s.yaml', 'west/west/LinkGrant.link-east-north.k8s.yaml']);
  const tokens = readObjects(outdir).filter(({ obj }) => obj.kind === 'LinkToken').map(({ file, obj }) => [file, obj.spec.url]);
  expect(tokens).toEqual([
    ['east/east/LinkToken.link-to-west.k8s.yaml', 'https://grants.west.example.com:9090/west/link-east-east'],
    ['north/east/LinkToken.link-to-west.k8s.yaml', 'https://grants.west.example.com:9090/west/link-east-north'],
  ]);
  // One grant server for both links, allowed to read both codes.
  const role = readObjects(outdir).find(({ obj }) => obj.kind === 'Role' && obj.metadata.name === 'cdk8s-skupper-grant-server')!.obj;
  expect(role.rules.find((rule: any) => rule.resources.includes('secrets')).resourceNames)
    .toEqual(['cdk8s-skupper-grant-server-tls', 'link-east-east-code', 'link-east-north-code', 'skupper-site-ca']);
  expect(readObjects(outdir).filter(({ obj }) => obj.kind === 'Deployment' && obj.metadata.name === 'cdk8s-skupper-grant-server')).toHaveLength(1);
});
