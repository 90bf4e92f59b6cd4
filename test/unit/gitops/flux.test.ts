import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';
import { hubAndSpokesTopology } from '../../../apps/topologies';
import { ApplicationNetwork, Cluster, Flux } from '../../../lib';
import { TEST_KEY_CACHE, TEST_MASTER_SECRET } from '../../support/example-synth';
import { synthTopology, tempDir, testCluster } from '../topology/topology-test-support';

const hub = synthTopology(hubAndSpokesTopology);
const parse = (text: string) => YAML.parse(text);

/** The objects `kubectl kustomize` builds from a folder, as "Kind/name" (what Flux's kustomize-controller applies). */
function kustomize(dir: string): string[] {
  const out = execFileSync('kubectl', ['kustomize', dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return YAML.parseAllDocuments(out).map(doc => doc.toJS()).map(obj => `${obj.kind}/${obj.metadata.name}`).sort();
}

test('per cluster a <cluster>-crds and a <cluster>-sites Kustomization that depends on it', () => {
  expect([...hub.tree.keys()].filter(file => file.startsWith('_gitops/flux/'))).toEqual([
    '_gitops/flux/east/Kustomization.east-crds.k8s.yaml', '_gitops/flux/east/Kustomization.east-sites.k8s.yaml',
    '_gitops/flux/east/kustomization.yaml', '_gitops/flux/east/sites/kustomization.yaml',
    '_gitops/flux/kustomization.yaml',
    '_gitops/flux/north/Kustomization.north-crds.k8s.yaml', '_gitops/flux/north/Kustomization.north-sites.k8s.yaml',
    '_gitops/flux/north/kustomization.yaml', '_gitops/flux/north/sites/kustomization.yaml',
    '_gitops/flux/west/Kustomization.west-crds.k8s.yaml', '_gitops/flux/west/Kustomization.west-sites.k8s.yaml',
    '_gitops/flux/west/kustomization.yaml', '_gitops/flux/west/sites/kustomization.yaml',
  ]);
  const crds = parse(hub.tree.get('_gitops/flux/west/Kustomization.west-crds.k8s.yaml')!);
  const sites = parse(hub.tree.get('_gitops/flux/west/Kustomization.west-sites.k8s.yaml')!);
  expect(crds).toEqual({
    apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
    kind: 'Kustomization',
    metadata: { name: 'west-crds', namespace: 'flux-system', labels: { 'app.kubernetes.io/part-of': 'cdk8s-skupper', 'cdk8s-skupper.io/cluster': 'west' } },
    spec: {
      interval: '10m', timeout: '5m', sourceRef: { kind: 'GitRepository', name: 'skupper-network' },
      path: './dist/topologies/hub-and-spokes/west/0000-crds', prune: true, wait: true,
    },
  });
  expect(sites.spec).toEqual({
    dependsOn: [{ name: 'west-crds' }],
    interval: '10m', timeout: '5m', sourceRef: { kind: 'GitRepository', name: 'skupper-network' },
    path: './dist/topologies/hub-and-spokes/_gitops/flux/west/sites', prune: true, wait: false,
  });
});

test('CRDs first: the crds Kustomization applies exactly the CRDs, the sites one everything else, together the whole cluster folder', () => {
  for (const cluster of ['west', 'east', 'north']) {
    const crdsPath = parse(hub.tree.get(`_gitops/flux/${cluster}/Kustomization.${cluster}-crds.k8s.yaml`)!).spec.path;
    const sitesPath = parse(hub.tree.get(`_gitops/flux/${cluster}/Kustomization.${cluster}-sites.k8s.yaml`)!).spec.path;
    // Paths are relative to the repository root; dist/topologies/hub-and-spokes is hub.outdir here.
    const local = (repoPath: string) => path.join(hub.outdir, repoPath.replace('./dist/topologies/hub-and-spokes/', ''));
    const crdObjects = kustomize(local(crdsPath));
    const siteObjects = kustomize(local(sitesPath));
    expect(crdObjects).toEqual(['CustomResourceDefinition/linkgrants.cdk8s-skupper.io', 'CustomResourceDefinition/linktokens.cdk8s-skupper.io']);
    expect(siteObjects.filter(object => object.startsWith('CustomResourceDefinition/'))).toEqual([]);
    expect([...crdObjects, ...siteObjects].sort()).toEqual(kustomize(path.join(hub.outdir, cluster)));
  }
});

test('the Flux objects of each cluster, and of all clusters, build with kustomize', () => {
  expect(kustomize(path.join(hub.outdir, '_gitops', 'flux', 'west'))).toEqual(['Kustomization/west-crds', 'Kustomization/west-sites']);
  expect(kustomize(path.join(hub.outdir, '_gitops', 'flux'))).toHaveLength(6);
});

test('props: namespaces, interval, timeout, kubeconfig secrets, waiting for sites', () => {
  const outdir = tempDir('flux-props');
  const network = new ApplicationNetwork();
  network.addSite({ cluster: testCluster(outdir, 'west'), name: 'west' });
  network.addSite({ cluster: testCluster(outdir, 'east'), name: 'east' });
  network.synth({
    gitOps: [new Flux({
      gitRepository: 'fleet', gitRepositoryNamespace: 'sources', namespace: 'skupper-gitops', pathPrefix: 'clusters/rendered',
      interval: '1h', timeout: '2m', kubeConfigSecrets: { east: 'east-kubeconfig' }, waitForSites: true,
    })],
  });
  const read = (file: string) => parse(fs.readFileSync(path.join(outdir, '_gitops', 'flux', file), 'utf8'));
  expect(read('east/Kustomization.east-sites.k8s.yaml')).toMatchObject({
    metadata: { name: 'east-sites', namespace: 'skupper-gitops' },
    spec: {
      interval: '1h', timeout: '2m', sourceRef: { kind: 'GitRepository', name: 'fleet', namespace: 'sources' },
      path: './clusters/rendered/_gitops/flux/east/sites', wait: true, kubeConfig: { secretRef: { name: 'east-kubeconfig' } },
    },
  });
  expect(read('west/Kustomization.west-crds.k8s.yaml').spec.kubeConfig).toBeUndefined();
});

test('a cluster without the CRDs chart gets only a sites Kustomization', () => {
  const outdir = tempDir('flux-no-crds');
  const cluster = new Cluster({
    name: 'west', sealingCertificateFile: path.join(__dirname, '..', '..', '..', 'apps', 'certs', 'west.pem'),
    masterSecret: TEST_MASTER_SECRET, keyCacheDir: TEST_KEY_CACHE, outdir: path.join(outdir, 'west'), includeCrds: false,
  });
  const network = new ApplicationNetwork();
  network.addSite({ cluster, name: 'west' });
  network.synth({ gitOps: [new Flux({ gitRepository: 'fleet' })] });
  expect(fs.readdirSync(path.join(outdir, '_gitops', 'flux', 'west')).sort()).toEqual(['Kustomization.west-sites.k8s.yaml', 'kustomization.yaml', 'sites']);
  const sites = parse(fs.readFileSync(path.join(outdir, '_gitops', 'flux', 'west', 'Kustomization.west-sites.k8s.yaml'), 'utf8'));
  expect(sites.spec.dependsOn).toBeUndefined();
  expect(kustomize(path.join(outdir, '_gitops', 'flux', 'west', 'sites'))).toEqual(['Namespace/west', 'Site/west']);
});

test('fails on invalid props', () => {
  expect(() => new Flux({ gitRepository: 'Fleet' })).toThrow(/invalid Flux gitRepository "Fleet"/);
  expect(() => new Flux({ gitRepository: 'fleet', interval: '1d' })).toThrow(/invalid Flux interval "1d": must be a Go duration/);
  expect(() => new Flux({ gitRepository: 'fleet', pathPrefix: '/abs' })).toThrow(/invalid Flux pathPrefix "\/abs"/);
  const outdir = tempDir('flux-invalid');
  const network = new ApplicationNetwork();
  network.addSite({ cluster: testCluster(outdir, 'west'), name: 'west' });
  expect(() => network.synth({ gitOps: [new Flux({ gitRepository: 'fleet', kubeConfigSecrets: { east: 'k' } })] }))
    .toThrow('unknown cluster "east" in Flux kubeConfigSecrets: the clusters are west');
  expect(fs.readdirSync(outdir)).toEqual([]);
});
