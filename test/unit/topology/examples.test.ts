import { fullMeshTopology, hubAndSpokesTopology, pairsTopology, TOPOLOGIES } from '../../../apps/topologies';
import { ApplicationNetwork, LinkGrant } from '../../../lib';
import { readTree, TEST_KEY_CACHE, TEST_MASTER_SECRET } from '../../support/example-synth';
import { changedFiles, synthTopology, tempDir, testCluster } from './topology-test-support';

// Grant server identities used here (cluster/namespace/rotation): west/west/0 and east/east/0, plus
// west/west/1 for the grant server rotation; derived keys are cached in TEST_KEY_CACHE.

const outputs = Object.fromEntries(Object.entries(TOPOLOGIES).map(([name, make]) => [name, synthTopology(make)]));

describe.each(Object.keys(TOPOLOGIES))('example topology %s', (name) => {
  test('matches the snapshot', () => {
    expect(Object.fromEntries(outputs[name].tree)).toMatchSnapshot();
  });

  test('re-synthesizes byte-identically, GitOps objects included', () => {
    const again = synthTopology(TOPOLOGIES[name]).tree;
    expect([...again.keys()]).toEqual([...outputs[name].tree.keys()]);
    expect(changedFiles(outputs[name].tree, again)).toEqual([]);
  });

  test('has no plaintext code or private key in any file', () => {
    const { network } = TOPOLOGIES[name]({ masterSecret: TEST_MASTER_SECRET, keyCacheDir: TEST_KEY_CACHE, outdir: tempDir('plaintext') });
    network.build();
    const codes = network.clusters.flatMap(cluster => cluster.node.findAll()).filter((c): c is LinkGrant => c instanceof LinkGrant).map(grant => grant.code());
    expect(codes.length).toBe(network.links.length);
    for (const [file, text] of outputs[name].tree) {
      for (const secret of [...codes, ...codes.map(code => Buffer.from(code).toString('base64')), 'PRIVATE KEY']) {
        expect({ file, leaks: text.includes(secret) }).toEqual({ file, leaks: false });
      }
    }
  });
});

test('the examples lay out sites, grant servers and links as documented', () => {
  const files = (name: string) => [...outputs[name].tree.keys()];
  const kinds = (name: string, kind: string) => files(name).filter(file => file.includes(`/${kind}.`)).sort();
  // hub and spokes: one grant server on the hub, one grant per spoke, one token per spoke.
  expect(kinds('hub-and-spokes', 'LinkGrant')).toEqual(['west/0001-west/LinkGrant.link-east.k8s.yaml', 'west/0001-west/LinkGrant.link-north.k8s.yaml']);
  expect(kinds('hub-and-spokes', 'LinkToken')).toEqual(['east/0001-east/LinkToken.link-to-west.k8s.yaml', 'north/0001-north/LinkToken.link-to-west.k8s.yaml']);
  expect(kinds('hub-and-spokes', 'Deployment')).toEqual([
    'east/0001-east/Deployment.cdk8s-skupper-redeemer.k8s.yaml',
    'north/0001-north/Deployment.cdk8s-skupper-redeemer.k8s.yaml',
    'west/0001-west/Deployment.cdk8s-skupper-grant-server.k8s.yaml',
  ]);
  // full mesh of 3: 3 links; the first-named site listens in each pair; north runs no grant server.
  expect(kinds('full-mesh', 'LinkGrant')).toEqual([
    'east/0001-east/LinkGrant.link-north.k8s.yaml', 'west/0001-west/LinkGrant.link-east.k8s.yaml', 'west/0001-west/LinkGrant.link-north.k8s.yaml',
  ]);
  expect(kinds('full-mesh', 'Deployment').filter(file => file.includes('grant-server'))).toEqual([
    'east/0001-east/Deployment.cdk8s-skupper-grant-server.k8s.yaml', 'west/0001-west/Deployment.cdk8s-skupper-grant-server.k8s.yaml',
  ]);
  // pairs: west listens for east (named first), east listens for its edge site.
  expect(kinds('pairs', 'LinkGrant')).toEqual(['east/0001-east/LinkGrant.link-edge.k8s.yaml', 'west/0001-west/LinkGrant.link-east.k8s.yaml']);
  expect(kinds('pairs', 'LinkToken')).toEqual(['east/0001-east/LinkToken.link-to-west.k8s.yaml', 'east/0002-edge/LinkToken.link-to-east.k8s.yaml']);
});

describe('rotation changes only what must change', () => {
  const hub = outputs['hub-and-spokes'].tree;

  test('one link: its two code SealedSecrets', () => {
    const rotated = synthTopology(hubAndSpokesTopology, {}, ({ network }) => network.rotateLink('north', 'west', 1)).tree;
    expect(changedFiles(hub, rotated)).toEqual([
      'north/0001-north/SealedSecret.link-to-west-code.k8s.yaml',
      'west/0001-west/SealedSecret.link-north-code.k8s.yaml',
    ]);
  });

  test('one link of a mesh: its two code SealedSecrets', () => {
    const rotated = synthTopology(fullMeshTopology, {}, ({ network }) => network.rotateLink('east', 'north', 3)).tree;
    expect(changedFiles(outputs['full-mesh'].tree, rotated)).toEqual([
      'east/0001-east/SealedSecret.link-north-code.k8s.yaml',
      'north/0001-north/SealedSecret.link-to-east-code.k8s.yaml',
    ]);
  });

  test('all links of a site: the code SealedSecrets of each of its links', () => {
    expect(changedFiles(hub, synthTopology(hubAndSpokesTopology, { linkRotation: { west: 1 } }).tree)).toEqual([
      'east/0001-east/SealedSecret.link-to-west-code.k8s.yaml',
      'north/0001-north/SealedSecret.link-to-west-code.k8s.yaml',
      'west/0001-west/SealedSecret.link-east-code.k8s.yaml',
      'west/0001-west/SealedSecret.link-north-code.k8s.yaml',
    ]);
    expect(changedFiles(hub, synthTopology(hubAndSpokesTopology, { linkRotation: { east: 1 } }).tree)).toEqual([
      'east/0001-east/SealedSecret.link-to-west-code.k8s.yaml',
      'west/0001-west/SealedSecret.link-east-code.k8s.yaml',
    ]);
  });

  test('a grant server: its TLS SealedSecret and the tokens that trust its CA, no code', () => {
    expect(changedFiles(hub, synthTopology(hubAndSpokesTopology, { grantServerRotation: { west: 1 } }).tree)).toEqual([
      'east/0001-east/LinkToken.link-to-west.k8s.yaml',
      'north/0001-north/LinkToken.link-to-west.k8s.yaml',
      'west/0001-west/SealedSecret.cdk8s-skupper-grant-server-tls.k8s.yaml',
    ]);
  });

  test('a site rotation and a link rotation add up, and either change rotates', () => {
    const a = synthTopology(hubAndSpokesTopology, { linkRotation: { west: 1 } }).tree;
    const b = synthTopology(hubAndSpokesTopology, { linkRotation: { west: 1 } }, ({ network }) => network.rotateLink('west', 'east', 1)).tree;
    expect(changedFiles(a, b)).toEqual([
      'east/0001-east/SealedSecret.link-to-west-code.k8s.yaml',
      'west/0001-west/SealedSecret.link-east-code.k8s.yaml',
    ]);
  });
});

test('removing a link removes its grant, token and their code secrets, and the redeemer of a site left without tokens', () => {
  const synth = (spokes: string[]) => {
    const outdir = tempDir('remove-link');
    const network = new ApplicationNetwork();
    network.addSite({ cluster: testCluster(outdir, 'west'), name: 'west', grantServerHost: 'grants.west.example.com' });
    network.addSite({ cluster: testCluster(outdir, 'east'), name: 'east' });
    network.addSite({ cluster: testCluster(outdir, 'north'), name: 'north' });
    network.hubAndSpokes('west', spokes, { redemptionsAllowed: 2, expirationWindow: '1h' });
    network.synth();
    return readTree(outdir);
  };
  const before = synth(['east', 'north']);
  const after = synth(['east']);
  // Same inputs as the example for the remaining link, so nothing else moves.
  expect(changedFiles(before, after)).toEqual([
    'north/0001-north/Deployment.cdk8s-skupper-redeemer.k8s.yaml',
    'north/0001-north/LinkToken.link-to-west.k8s.yaml',
    'north/0001-north/Role.cdk8s-skupper-redeemer.k8s.yaml',
    'north/0001-north/RoleBinding.cdk8s-skupper-redeemer.k8s.yaml',
    'north/0001-north/SealedSecret.link-to-west-code.k8s.yaml',
    'north/0001-north/ServiceAccount.cdk8s-skupper-redeemer.k8s.yaml',
    'north/0001-north/kustomization.yaml',
    'west/0001-west/LinkGrant.link-north.k8s.yaml',
    'west/0001-west/Role.cdk8s-skupper-grant-server.k8s.yaml',
    'west/0001-west/SealedSecret.link-north-code.k8s.yaml',
    'west/0001-west/kustomization.yaml',
  ]);
  expect([...after.keys()].filter(file => !before.has(file))).toEqual([]);
  expect(before.get('west/0001-west/SealedSecret.link-east-code.k8s.yaml')).toBe(outputs['hub-and-spokes'].tree.get('west/0001-west/SealedSecret.link-east-code.k8s.yaml'));
});

test('the pairs example needs no rotation input to be stable across example option defaults', () => {
  // Passing explicit zero rotations is the same as passing none.
  const zero = synthTopology(pairsTopology, { linkRotation: { west: 0, east: 0, edge: 0 }, grantServerRotation: { west: 0, east: 0 } }).tree;
  expect(changedFiles(outputs.pairs.tree, zero)).toEqual([]);
});
