import * as fs from 'fs';
import * as path from 'path';
import { testBinaries } from '../support/binaries';
import { peakMemory, startCluster, stopCluster, RunningCluster } from './cluster';
import { claimRunDirectory, killLeftoverProcesses, killRecordedProcesses, pruneOldRuns } from './leftover-processes';
import { stopAllStartedProcesses } from './managed-process';
import { CLUSTER_RUNS_DIR, CLUSTERS_FILE_ENV, LATEST_CLUSTERS_FILE } from './paths';
import { ClustersFile, TEST_CLUSTER_NAMES, TestClusters } from './test-clusters';

// globalSetup and globalTeardown run in the same jest process but in separate module registries:
// the handles of the running clusters are kept on globalThis so teardown can reach them.
interface TestRun {
  readonly runDir: string;
  readonly clusters: RunningCluster[];
}
const RUN_KEY = Symbol.for('cdk8s-skupper.test-harness.run');
const holder = globalThis as unknown as Record<symbol, TestRun | undefined>;

/** Finished run folders kept for their logs. */
const RUNS_KEPT = 5;

const log = (message: string): void => console.log(`[test-clusters] ${message}`);

/**
 * Starts the west and east clusters in parallel, writes their connection info for the test files
 * and returns it. Throws (never skips) if the binaries are missing or anything fails to start.
 */
export async function startTestRun(): Promise<TestClusters> {
  const started = Date.now();
  log(`starting ${TEST_CLUSTER_NAMES.join(' and ')} at ${new Date(started).toISOString()}`);
  const binaries = testBinaries();

  const killed = killLeftoverProcesses(CLUSTER_RUNS_DIR);
  if (killed.length > 0) log(`killed leftovers of earlier runs: ${killed.join(', ')}`);
  pruneOldRuns(CLUSTER_RUNS_DIR, RUNS_KEPT);

  const runDir = path.join(CLUSTER_RUNS_DIR, `${new Date(started).toISOString().replace(/[:.]/g, '-')}-${process.pid}`);
  claimRunDirectory(runDir);
  for (const name of TEST_CLUSTER_NAMES) {
    const dir = path.join(runDir, name);
    log(`${name}: logs in ${path.join(dir, 'logs')}, kubeconfig ${path.join(dir, 'admin.kubeconfig')}`);
  }

  // West also runs Skupper's own grant server: the listening side of the stock-interop tests.
  const results = await Promise.allSettled(TEST_CLUSTER_NAMES.map((name) => startCluster(name, runDir, binaries, { skupperGrantServer: name === 'west' })));
  const clusters = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  holder[RUN_KEY] = { runDir, clusters };
  const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failure) {
    await stopTestRun();
    throw failure.reason;
  }

  const info = Object.fromEntries(clusters.map((c) => [c.info.name, c.info])) as unknown as TestClusters;
  const file: ClustersFile = { runDir, startedAt: new Date(started).toISOString(), clusters: info };
  const json = JSON.stringify(file, null, 2);
  fs.writeFileSync(path.join(runDir, 'clusters.json'), json);
  fs.writeFileSync(LATEST_CLUSTERS_FILE, json);
  // Test workers inherit the environment, so concurrent runs each read their own file.
  process.env[CLUSTERS_FILE_ENV] = path.join(runDir, 'clusters.json');

  for (const cluster of clusters) {
    const phases = Object.entries(cluster.info.startupMs).map(([phase, ms]) => `${phase} ${(ms / 1000).toFixed(1)}s`);
    log(`${cluster.info.name}: ${cluster.info.server} ready (${phases.join(', ')})`);
  }
  log(`${TEST_CLUSTER_NAMES.join(' and ')} ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return info;
}

/** Stops the clusters of this run (recording their peak memory), then every other process by pid file. */
export async function stopTestRun(): Promise<void> {
  const run = holder[RUN_KEY];
  holder[RUN_KEY] = undefined;
  if (run) {
    // VmHWM must be read while the processes still exist.
    const peakRssKib = Object.fromEntries(run.clusters.map((c) => [c.info.name, peakMemory(c)]));
    const summary = Object.entries(peakRssKib).map(
      ([name, byProcess]) => `${name}: ${Object.entries(byProcess).map(([p, kib]) => `${p} ${kib === undefined ? '?' : Math.round(kib / 1024)} MiB`).join(', ')}`,
    );
    log(`peak RSS: ${summary.join('; ')}`);
    const stopping = Date.now();
    await Promise.all(run.clusters.map((cluster) => stopCluster(cluster)));
    const stopMs = Date.now() - stopping;
    log(`clusters stopped in ${(stopMs / 1000).toFixed(1)} s`);
    fs.writeFileSync(
      path.join(run.runDir, 'measurements.json'),
      JSON.stringify({ startupMs: Object.fromEntries(run.clusters.map((c) => [c.info.name, c.info.startupMs])), stopMs, peakRssKib }, null, 2),
    );
  }
  // Backstops: anything started but not part of a finished cluster, then whatever pid files remain.
  await stopAllStartedProcesses();
  if (run) {
    const killed = killRecordedProcesses(run.runDir);
    if (killed.length > 0) log(`killed by pid file: ${killed.join(', ')}`);
    log(`stopped; logs kept in ${run.runDir}`);
  }
}
