import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Topology, TopologyOptions } from '../../../apps/topologies';
import { Cluster } from '../../../lib';
import { readTree, TEST_KEY_CACHE, TEST_MASTER_SECRET } from '../../support/example-synth';

const CERTS = path.join(__dirname, '..', '..', '..', 'apps', 'certs');

/** A fresh temporary folder. */
export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `cdk8s-skupper-${prefix}-`));
}

/**
 * A cluster sealing with the example certificate `apps/certs/<certificate>.pem`, the test master
 * secret and the shared test key cache, writing to `<outdir>/<name>`.
 */
export function testCluster(outdir: string, name: string, certificate: 'west' | 'east' | 'north' = name as 'west'): Cluster {
  return new Cluster({
    name,
    sealingCertificateFile: path.join(CERTS, `${certificate}.pem`),
    masterSecret: TEST_MASTER_SECRET,
    keyCacheDir: TEST_KEY_CACHE,
    outdir: path.join(outdir, name),
  });
}

/**
 * Makes an example topology with the test master secret and key cache into a fresh folder,
 * lets `declare` add to it (e.g. rotateLink), synthesizes it with its GitOps tools, and returns
 * the folder and its files (relative path -> content).
 */
export function synthTopology(make: (options: TopologyOptions) => Topology, options: TopologyOptions = {},
  declare: (topology: Topology) => void = () => undefined): { outdir: string; tree: Map<string, string> } {
  const outdir = tempDir('topology');
  const topology = make({ masterSecret: TEST_MASTER_SECRET, keyCacheDir: TEST_KEY_CACHE, ...options, outdir });
  declare(topology);
  topology.network.synth({ gitOps: topology.gitOps });
  return { outdir, tree: readTree(outdir) };
}

/** The files that differ between two trees: changed, added or removed, sorted. */
export function changedFiles(before: Map<string, string>, after: Map<string, string>): string[] {
  const all = new Set([...before.keys(), ...after.keys()]);
  return [...all].filter(file => before.get(file) !== after.get(file)).sort();
}
