import * as path from 'path';
import * as YAML from 'yaml';
import { fullMeshTopology, hubAndSpokesTopology, pairsTopology, TOPOLOGIES } from '../../../apps/topologies';
import { ApplicationNetwork, LinkGrant } from '../../../lib';
import { CrdSchemas } from '../../support/crd-schemas';
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

  test('labels every object app.kubernetes.io/part-of: cdk8s-skupper, grants and tokens included', () => {
    for (const [file, text] of outputs[name].tree) {
      if (file.endsWith('kustomization.yaml')) continue;
      const obj = YAML.parse(text);
      expect({ file, partOf: obj.metadata.labels?.['app.kubernetes.io/part-of'] }).toEqual({ file, partOf: 'cdk8s-skupper' });
    }
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
  expect(kinds('hub-and-spokes', 'LinkGrant')).toEqual(['west/west/LinkGrant.link-east.k8s.yaml', 'west/west/LinkGrant.link-north.k8s.yaml']);
  expect(kinds('hub-and-spokes', 'LinkToken')).toEqual(['east/east/LinkToken.link-to-west.k8s.yaml', 'north/north/LinkToken.link-to-west.k8s.yaml']);
  expect(kinds('hub-and-spokes', 'Deployment')).toEqual([
    'east/east/Deployment.cdk8s-skupper-redeemer.k8s.yaml',
    'north/north/Deployment.cdk8s-skupper-redeemer.k8s.yaml',
    'west/west/Deployment.cdk8s-skupper-grant-server.k8s.yaml',
  ]);
  // full mesh of 3: 3 links; the first-named site listens in each pair; north runs no grant server.
  expect(kinds('full-mesh', 'LinkGrant')).toEqual([
    'east/east/LinkGrant.link-north.k8s.yaml', 'west/west/LinkGrant.link-east.k8s.yaml', 'west/west/LinkGrant.link-north.k8s.yaml',
  ]);
  expect(kinds('full-mesh', 'Deployment').filter(file => file.includes('grant-server'))).toEqual([
    'east/east/Deployment.cdk8s-skupper-grant-server.k8s.yaml', 'west/west/Deployment.cdk8s-skupper-grant-server.k8s.yaml',
  ]);
  // pairs: west listens for east (named first), east listens for its edge site.
  expect(kinds('pairs', 'LinkGrant')).toEqual(['east/east/LinkGrant.link-edge.k8s.yaml', 'west/west/LinkGrant.link-east.k8s.yaml']);
  expect(kinds('pairs', 'LinkToken')).toEqual(['east/east/LinkToken.link-to-west.k8s.yaml', 'east/edge/LinkToken.link-to-east.k8s.yaml']);
});

test('hub and spokes: the hub\'s service is a Connector on the hub and a Listener on each spoke, valid against Skupper\'s CRDs', () => {
  const tree = outputs['hub-and-spokes'].tree;
  const files = [...tree.keys()].filter(file => /\/(Connector|Listener)\./.test(file)).sort();
  expect(files.map(file => `${file.split('/')[0]} ${path.basename(file)}`)).toEqual([
    'east Listener.backend.k8s.yaml', 'north Listener.backend.k8s.yaml', 'west Connector.backend.k8s.yaml',
  ]);
  const schemas = new CrdSchemas();
  const objects = files.map(file => YAML.parse(tree.get(file)!));
  for (const obj of objects) expect(schemas.errors(obj)).toEqual([]);
  expect(objects.map(obj => [obj.kind, obj.metadata.namespace, obj.spec])).toEqual([
    ['Listener', 'east', { routingKey: 'backend', host: 'backend', port: 8080 }],
    ['Listener', 'north', { routingKey: 'backend', host: 'backend', port: 8080 }],
    ['Connector', 'west', { routingKey: 'backend', port: 8080, selector: 'app=backend' }],
  ]);
  // Each is listed in its site folder's kustomization, so GitOps applies it with the site.
  for (const file of files) {
    expect(tree.get(path.join(path.dirname(file), 'kustomization.yaml'))).toContain(`  - ${path.basename(file)}\n`);
  }
});

describe('rotation changes only what must change', () => {
  const hub = outputs['hub-and-spokes'].tree;

  test('one link: its two code SealedSecrets', () => {
    const rotated = synthTopology(hubAndSpokesTopology, {}, ({ network }) => network.rotateLink('north', 'west', 1)).tree;
    expect(changedFiles(hub, rotated)).toEqual([
      'north/north/SealedSecret.link-to-west-code.k8s.yaml',
      'west/west/SealedSecret.link-north-code.k8s.yaml',
    ]);
  });

  test('one link of a mesh: its two code SealedSecrets', () => {
    const rotated = synthTopology(fullMeshTopology, {}, ({ network }) => network.rotateLink('east', 'north', 3)).tree;
    expect(changedFiles(outputs['full-mesh'].tree, rotated)).toEqual([
      'east/east/SealedSecret.link-north-code.k8s.yaml',
      'north/north/SealedSecret.link-to-east-code.k8s.yaml',
    ]);
  });

  test('all links of a site: the code SealedSecrets of each of its links', () => {
    expect(changedFiles(hub, synthTopology(hubAndSpokesTopology, { linkRotation: { west: 1 } }).tree)).toEqual([
      'east/east/SealedSecret.link-to-west-code.k8s.yaml',
      'north/north/SealedSecret.link-to-west-code.k8s.yaml',
      'west/west/SealedSecret.link-east-code.k8s.yaml',
      'west/west/SealedSecret.link-north-code.k8s.yaml',
    ]);
    expect(changedFiles(hub, synthTopology(hubAndSpokesTopology, { linkRotation: { east: 1 } }).tree)).toEqual([
      'east/east/SealedSecret.link-to-west-code.k8s.yaml',
      'west/west/SealedSecret.link-east-code.k8s.yaml',
    ]);
  });

  test('a grant server: its TLS SealedSecret and the tokens that trust its CA, no code', () => {
    expect(changedFiles(hub, synthTopology(hubAndSpokesTopology, { grantServerRotation: { west: 1 } }).tree)).toEqual([
      'east/east/LinkToken.link-to-west.k8s.yaml',
      'north/north/LinkToken.link-to-west.k8s.yaml',
      'west/west/SealedSecret.cdk8s-skupper-grant-server-tls.k8s.yaml',
    ]);
  });

  test('a site rotation and a link rotation add up, and either change rotates', () => {
    const a = synthTopology(hubAndSpokesTopology, { linkRotation: { west: 1 } }).tree;
    const b = synthTopology(hubAndSpokesTopology, { linkRotation: { west: 1 } }, ({ network }) => network.rotateLink('west', 'east', 1)).tree;
    expect(changedFiles(a, b)).toEqual([
      'east/east/SealedSecret.link-to-west-code.k8s.yaml',
      'west/west/SealedSecret.link-east-code.k8s.yaml',
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
    'north/north/Deployment.cdk8s-skupper-redeemer.k8s.yaml',
    'north/north/LinkToken.link-to-west.k8s.yaml',
    'north/north/Role.cdk8s-skupper-redeemer.k8s.yaml',
    'north/north/RoleBinding.cdk8s-skupper-redeemer.k8s.yaml',
    'north/north/SealedSecret.link-to-west-code.k8s.yaml',
    'north/north/ServiceAccount.cdk8s-skupper-redeemer.k8s.yaml',
    'north/north/kustomization.yaml',
    'west/west/LinkGrant.link-north.k8s.yaml',
    'west/west/Role.cdk8s-skupper-grant-server.k8s.yaml',
    'west/west/SealedSecret.link-north-code.k8s.yaml',
    'west/west/kustomization.yaml',
  ]);
  expect([...after.keys()].filter(file => !before.has(file))).toEqual([]);
  expect(before.get('west/west/SealedSecret.link-east-code.k8s.yaml')).toBe(outputs['hub-and-spokes'].tree.get('west/west/SealedSecret.link-east-code.k8s.yaml'));
});

test('the pairs example needs no rotation input to be stable across example option defaults', () => {
  // Passing explicit zero rotations is the same as passing none.
  const zero = synthTopology(pairsTopology, { linkRotation: { west: 0, east: 0, edge: 0 }, grantServerRotation: { west: 0, east: 0 } }).tree;
  expect(changedFiles(outputs.pairs.tree, zero)).toEqual([]);
});
