import { ApiObject, Chart, JsonPatch, Yaml } from 'cdk8s';
import { fullMeshTopology, hubAndSpokesTopology } from '../../../apps/topologies';
import { Cluster } from '../../../lib';
import { renderCluster } from '../../../lib/synth/render-cluster';
import { TEST_KEY_CACHE, TEST_MASTER_SECRET } from '../../support/example-synth';
import { tempDir, testCluster } from '../topology/topology-test-support';

/** Every object file of `cluster` as cdk8s itself renders it: chart.toJson() and Yaml.stringify. */
function renderedByCdk8s(cluster: Cluster): Map<string, string> {
  const files = new Map<string, string>();
  for (const chart of cluster.charts) {
    for (const obj of chart.toJson()) {
      const file = `${obj.kind}.${obj.metadata.name}`.replace(/[^0-9a-zA-Z-_.]/g, '') + '.k8s.yaml';
      files.set(`${cluster.chartFolder(chart)}/${file}`, Yaml.stringify(obj));
    }
  }
  return files;
}

test('renders every object exactly as cdk8s does (chart.toJson, Yaml.stringify), in hub and mesh topologies', () => {
  for (const make of [hubAndSpokesTopology, fullMeshTopology]) {
    const topology = make({ masterSecret: TEST_MASTER_SECRET, keyCacheDir: TEST_KEY_CACHE, outdir: tempDir('render') });
    for (const cluster of topology.network.build()) {
      // Ours first: cdk8s's chart.toJson() adds the same dependencies again, which must change nothing.
      const ours = renderCluster(cluster).files;
      const theirs = renderedByCdk8s(cluster);
      expect(theirs.size).toBeGreaterThan(0);
      // The same object files, no more (kustomization.yaml files are ours alone).
      expect([...ours.keys()].filter((file) => !file.endsWith('kustomization.yaml')).sort()).toEqual([...theirs.keys()].sort());
      for (const [file, content] of theirs) {
        expect([file, ours.get(file)]).toEqual([file, content]);
      }
    }
  }
});

test('clusters share the parsed CRDs, yet a patch or label on one cluster\'s CRD changes only that cluster', () => {
  const outdir = tempDir('crds');
  const [west, east] = [testCluster(outdir, 'west'), testCluster(outdir, 'east')];
  const crd = (cluster: Cluster) => cluster.crds!.node.children.find((c): c is ApiObject => c instanceof ApiObject)!;
  crd(west).addJsonPatch(JsonPatch.add('/metadata/annotations', { patched: 'yes' }));
  crd(west).metadata.addLabel('only', 'west');
  const file = `0000-crds/CustomResourceDefinition.${crd(west).name}.k8s.yaml`;
  const westYaml = renderCluster(west).files.get(file)!;
  const eastYaml = renderCluster(east).files.get(file)!;
  expect(westYaml).toContain('patched: "yes"');
  expect(westYaml).toContain('only: west');
  expect(eastYaml).not.toContain('patched');
  expect(eastYaml).not.toContain('only: west');
  expect(eastYaml).toBe(Yaml.stringify(Chart.of(crd(east)).toJson().find(o => o.metadata.name === crd(east).name)));
});
