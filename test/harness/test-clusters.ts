import * as fs from 'fs';
import { CLUSTERS_FILE_ENV, LATEST_CLUSTERS_FILE } from './paths';
import { isAlive } from './process-liveness';
import type { TestCluster } from './test-cluster';

/** The clusters globalSetup starts for the integ project. */
export const TEST_CLUSTER_NAMES = ['west', 'east'] as const;
export type TestClusterName = (typeof TEST_CLUSTER_NAMES)[number];
export type TestClusters = { readonly [name in TestClusterName]: TestCluster };

export interface ClustersFile {
  readonly runDir: string;
  readonly startedAt: string;
  readonly clusters: TestClusters;
}

let cached: TestClusters | undefined;

/**
 * The running test clusters (west and east), as started by globalSetup. Integration tests share
 * them; each test should work in namespaces of its own. Throws if the clusters are not running
 * (e.g. the test was started outside the integ project, or from a stale clusters.json).
 */
export function testClusters(): TestClusters {
  if (cached) return cached;
  const file = process.env[CLUSTERS_FILE_ENV] ?? LATEST_CLUSTERS_FILE;
  if (!fs.existsSync(file)) {
    throw new Error(`no test clusters: ${file} is missing; run integration tests through jest's integ project (its globalSetup starts them)`);
  }
  const { clusters } = JSON.parse(fs.readFileSync(file, 'utf8')) as ClustersFile;
  for (const cluster of Object.values(clusters)) {
    const dead = cluster.processes.filter((p) => !isAlive(p.pid));
    if (dead.length > 0) {
      throw new Error(`test cluster ${cluster.name} from ${file} is not running (${dead.map((p) => `${p.name} pid ${p.pid}`).join(', ')} gone); logs in ${cluster.logsDir}`);
    }
  }
  cached = clusters;
  return clusters;
}
