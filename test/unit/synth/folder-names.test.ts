import * as path from 'path';
import { Chart } from 'cdk8s';
import { Cluster, Site, synthClusters } from '../../../lib';
import { renderCluster } from '../../../lib/synth/render-cluster';
import { readTree, TEST_KEY_CACHE, TEST_MASTER_SECRET } from '../../support/example-synth';
import { tempDir, testCluster } from '../topology/topology-test-support';

const CERT_EAST = path.join(__dirname, '..', '..', '..', 'apps', 'certs', 'east.pem');

/** One cluster with plain sites (no grant server, so no keys), declared in the order given. */
function clusterWithSites(outdir: string, names: readonly string[]): Cluster {
  const cluster = testCluster(outdir, 'west');
  for (const name of names) new Site(cluster, name);
  return cluster;
}

test('folder names do not depend on the order sites are declared in', () => {
  const forward = tempDir('order-forward');
  const backward = tempDir('order-backward');
  synthClusters([clusterWithSites(forward, ['alpha', 'beta'])]);
  synthClusters([clusterWithSites(backward, ['beta', 'alpha'])]);
  expect(readTree(backward)).toEqual(readTree(forward));
  expect([...readTree(forward).keys()].map(file => file.split('/')[1])).toEqual(expect.arrayContaining(['0000-crds', 'alpha', 'beta']));
  expect(readTree(forward).get('west/kustomization.yaml')).toContain('resources:\n  - 0000-crds\n  - alpha\n  - beta\n');
});

test('adding or removing a site changes no other site\'s files', () => {
  const one = readTree(((dir) => { synthClusters([clusterWithSites(dir, ['beta'])]); return dir; })(tempDir('one-site')));
  const two = readTree(((dir) => { synthClusters([clusterWithSites(dir, ['alpha', 'beta'])]); return dir; })(tempDir('two-sites')));
  const changed = [...new Set([...one.keys(), ...two.keys()])].filter(file => one.get(file) !== two.get(file)).sort();
  expect(changed.filter(file => !file.startsWith('west/alpha/'))).toEqual(['west/kustomization.yaml']);
});

test('a site folder is named after the site, a chart of your own after its id', () => {
  const cluster = testCluster(tempDir('names'), 'west');
  new Site(cluster, 'chart-id', { name: 'shop' });
  new Chart(cluster, 'extras');
  expect(renderCluster(cluster).folder).toMatchObject({ crdsFolder: '0000-crds', siteFolders: ['extras', 'shop'] });
});

test('fails when two charts of a cluster would share a folder', () => {
  const cluster = testCluster(tempDir('clash'), 'west');
  new Site(cluster, 'a', { name: 'shop' });
  new Chart(cluster, 'shop');
  expect(() => renderCluster(cluster))
    .toThrow('charts "a" and "shop" of cluster "west" would both be written to folder "shop": give one of them another name');
});

test('fails on two clusters writing to one folder, or one inside the other', () => {
  const dir = tempDir('overlap');
  const west = testCluster(dir, 'west');
  const inner = new Cluster({
    name: 'east', sealingCertificateFile: CERT_EAST, outdir: path.join(dir, 'west', 'east'), masterSecret: TEST_MASTER_SECRET, keyCacheDir: TEST_KEY_CACHE,
  });
  expect(() => synthClusters([west, inner]))
    .toThrow(`clusters "west" and "east" write to overlapping output folders ("${path.join(dir, 'west')}" and "${path.join(dir, 'west', 'east')}")`);
});
