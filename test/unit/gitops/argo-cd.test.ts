import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';
import { fullMeshTopology, hubAndSpokesTopology, pairsTopology } from '../../../apps/topologies';
import { ApplicationNetwork, ArgoCd, ArgoCdLayout, ArgoCdProps, ARGOCD_SYNC_WAVE_ANNOTATION } from '../../../lib';
import { readObjects } from '../../support/example-synth';
import { synthTopology, tempDir, testCluster } from '../topology/topology-test-support';

const REPO = 'https://git.example.com/skupper.git';
const hub = synthTopology(hubAndSpokesTopology);
const parse = (text: string) => YAML.parse(text);

/** A network of sites without links (no grant server, so no key derivation), synthesized with Argo CD. */
function synthSitesOnly(props: ArgoCdProps, names = ['west', 'east']): { outdir: string; files: Map<string, any> } {
  const outdir = tempDir('argocd');
  const network = new ApplicationNetwork();
  for (const name of names) {
    network.addSite({ cluster: testCluster(outdir, name, 'west'), name });
  }
  network.synth({ gitOps: [new ArgoCd(props)] });
  const dir = path.join(outdir, '_gitops', 'argocd');
  return { outdir, files: new Map(fs.readdirSync(dir).sort().map(file => [file, fs.readFileSync(path.join(dir, file), 'utf8')])) };
}

test('one Application per cluster folder, listed in a kustomization', () => {
  const apps = [...hub.tree].filter(([file]) => file.startsWith('_gitops/argocd/Application.'));
  expect(apps.map(([file]) => file)).toEqual([
    '_gitops/argocd/Application.skupper-east.k8s.yaml', '_gitops/argocd/Application.skupper-north.k8s.yaml', '_gitops/argocd/Application.skupper-west.k8s.yaml',
  ]);
  const west = parse(hub.tree.get('_gitops/argocd/Application.skupper-west.k8s.yaml')!);
  expect(west).toEqual({
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name: 'skupper-west', namespace: 'argocd', labels: { 'app.kubernetes.io/part-of': 'cdk8s-skupper', 'cdk8s-skupper.io/cluster': 'west' } },
    spec: {
      project: 'default',
      source: { repoURL: 'https://git.example.com/platform/skupper-network.git', targetRevision: 'HEAD', path: 'dist/topologies/hub-and-spokes/west' },
      destination: { name: 'west' },
      syncPolicy: { automated: { prune: true, selfHeal: true }, retry: { limit: 5, backoff: { duration: '10s', factor: 2, maxDuration: '5m' } } },
    },
  });
  expect(parse(hub.tree.get('_gitops/argocd/kustomization.yaml')!).resources).toEqual([
    'Application.skupper-west.k8s.yaml', 'Application.skupper-east.k8s.yaml', 'Application.skupper-north.k8s.yaml',
  ]);
});

test('CRDs first: the CRD objects are in sync wave -1, every other object in the default wave 0', () => {
  const objects = readObjects(hub.outdir).filter(({ file }) => !file.startsWith('_gitops/'));
  const crds = objects.filter(({ obj }) => obj.kind === 'CustomResourceDefinition');
  expect(crds).toHaveLength(6);
  for (const { file, obj } of crds) {
    expect({ file, wave: obj.metadata.annotations?.[ARGOCD_SYNC_WAVE_ANNOTATION] }).toEqual({ file, wave: '-1' });
  }
  for (const { file, obj } of objects.filter(({ obj }) => obj.kind !== 'CustomResourceDefinition')) {
    expect({ file, wave: obj.metadata.annotations?.[ARGOCD_SYNC_WAVE_ANNOTATION] }).toEqual({ file, wave: undefined });
  }
  // Each Application syncs a whole cluster folder, whose kustomization includes the CRDs folder first.
  for (const cluster of ['west', 'east', 'north']) {
    expect(parse(hub.tree.get(`${cluster}/kustomization.yaml`)!).resources[0]).toBe('0000-crds');
  }
});

test('without Argo CD output the CRDs carry no sync wave', () => {
  const pairs = synthTopology(pairsTopology);
  const crds = readObjects(pairs.outdir).filter(({ obj }) => obj.kind === 'CustomResourceDefinition');
  expect(crds.length).toBeGreaterThan(0);
  expect(crds.filter(({ obj }) => obj.metadata.annotations?.[ARGOCD_SYNC_WAVE_ANNOTATION] !== undefined)).toEqual([]);
});

test('one ApplicationSet with a list generator over the clusters', () => {
  const mesh = synthTopology(fullMeshTopology);
  expect([...mesh.tree.keys()].filter(file => file.startsWith('_gitops/'))).toEqual([
    '_gitops/argocd/ApplicationSet.skupper.k8s.yaml', '_gitops/argocd/kustomization.yaml',
  ]);
  const set = parse(mesh.tree.get('_gitops/argocd/ApplicationSet.skupper.k8s.yaml')!);
  expect(set.spec.generators).toEqual([{
    list: {
      elements: ['west', 'east', 'north'].map(cluster => ({
        cluster, path: `dist/topologies/full-mesh/${cluster}`, destination: `https://api.${cluster}.example.com:6443`,
      })),
    },
  }]);
  expect(set.spec.goTemplate).toBe(true);
  expect(set.spec.template.metadata.name).toBe('skupper-{{.cluster}}');
  expect(set.spec.template.spec.source.path).toBe('{{.path}}');
  expect(set.spec.template.spec.destination).toEqual({ server: '{{.destination}}' });
  // The ApplicationSet makes the same Applications, so the CRDs are in wave -1 here too.
  const crd = parse(mesh.tree.get('north/0000-crds/CustomResourceDefinition.linktokens.cdk8s-skupper.io.k8s.yaml')!);
  expect(crd.metadata.annotations[ARGOCD_SYNC_WAVE_ANNOTATION]).toBe('-1');
});

test('props: revision, path prefix, namespace, project, name prefix, destinations, manual sync', () => {
  const { files } = synthSitesOnly({
    repoURL: REPO, targetRevision: 'main', pathPrefix: './deploy/out/', namespace: 'gitops', project: 'network', namePrefix: 'mesh-',
    destinations: { west: { server: 'https://10.0.0.1:6443' } }, automatedSync: false,
  });
  const west = parse(files.get('Application.mesh-west.k8s.yaml'));
  expect(west.metadata.namespace).toBe('gitops');
  expect(west.spec).toEqual({
    project: 'network',
    source: { repoURL: REPO, targetRevision: 'main', path: 'deploy/out/west' },
    destination: { server: 'https://10.0.0.1:6443' },
    syncPolicy: { retry: { limit: 5, backoff: { duration: '10s', factor: 2, maxDuration: '5m' } } },
  });
  expect(parse(files.get('Application.mesh-east.k8s.yaml')).spec.destination).toEqual({ name: 'east' });
});

test('fails on invalid props before anything is written', () => {
  expect(() => new ArgoCd({ repoURL: '' })).toThrow('invalid Argo CD repoURL "": must be the repository URL Argo CD knows, without spaces');
  expect(() => new ArgoCd({ repoURL: REPO, pathPrefix: '../elsewhere' })).toThrow(/invalid Argo CD pathPrefix "..\/elsewhere": must be a relative path inside the repository/);
  expect(() => new ArgoCd({ repoURL: REPO, namespace: 'Argo' })).toThrow(/invalid Argo CD namespace "Argo"/);
  expect(() => new ArgoCd({ repoURL: REPO, destinations: { west: { server: 'https://a', name: 'a' } } }))
    .toThrow('invalid Argo CD destination of cluster "west": set exactly one of server and name');
  expect(() => new ArgoCd({ repoURL: REPO, layout: 'Helm' as ArgoCdLayout })).toThrow(/invalid Argo CD layout "Helm": must be one of Applications, ApplicationSet/);

  const outdir = tempDir('argocd-invalid');
  const network = new ApplicationNetwork();
  network.addSite({ cluster: testCluster(outdir, 'west'), name: 'west' });
  network.addSite({ cluster: testCluster(outdir, 'east'), name: 'east' });
  expect(() => network.synth({ gitOps: [new ArgoCd({ repoURL: REPO, destinations: { south: { name: 'south' } } })] }))
    .toThrow('unknown cluster "south" in Argo CD destinations: the clusters are west, east');
  expect(() => network.synth({
    gitOps: [new ArgoCd({ repoURL: REPO, layout: ArgoCdLayout.APPLICATION_SET, destinations: { west: { server: 'https://w:6443' } } })],
  })).toThrow(/an Argo CD ApplicationSet template has one destination form/);
  expect(fs.readdirSync(outdir)).toEqual([]);
});
