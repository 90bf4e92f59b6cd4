// Redemption throughput and latency, ours beside stock Skupper 2.2.1's grant server, on one real
// control plane running the real Skupper controller (one Site, the same TLS certificate, the same
// load generator), then "token applied -> Link Configured" for our LinkToken + redeemer beside a
// stock AccessToken redeemed by Skupper itself. Run: npx ts-node --transpile-only bench/redemption/run.ts
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CLEANUP, CliProcess, stopCli, waitForReadyz } from '../../test/harness/cli-process';
import { startCluster, stopCluster, RunningCluster } from '../../test/harness/cluster';
import { freePorts } from '../../test/harness/free-ports';
import { claimRunDirectory, killLeftoverProcesses } from '../../test/harness/leftover-processes';
import { stopAllStartedProcesses } from '../../test/harness/managed-process';
import { CLUSTER_RUNS_DIR } from '../../test/harness/paths';
import { testBinaries } from '../../test/support/binaries';
import { BenchSite, createBenchSite, createOurGrants, createStockGrants } from './bench-site';
import { measureLinkLatency, LatencyResult } from './link-latency';
import { collectGarbage, LoadResult, runLoad } from './load';
import { cpuPerUnit, cpuSnapshot } from './process-cpu';
import { spawnBenchCli } from './spawn-cli';

interface Scenario {
  readonly label: string;
  readonly concurrency: number;
  readonly requests: number;
  /** One grant shared by all workers, or one per worker. */
  readonly grantPerWorker: boolean;
}

const SCENARIOS: Scenario[] = [
  { label: 'one grant', concurrency: 1, requests: 12, grantPerWorker: false },
  { label: 'one grant', concurrency: 8, requests: 48, grantPerWorker: false },
  { label: 'one grant per worker', concurrency: 8, requests: 48, grantPerWorker: true },
  { label: 'one grant per worker', concurrency: 16, requests: 64, grantPerWorker: true },
  { label: 'burst: 50 grants at once', concurrency: 50, requests: 50, grantPerWorker: true },
];

const fmt = (r: LoadResult): string => {
  const failed = Object.entries(r.failures).map(([status, n]) => `${n}x${status === '0' ? 'no answer' : status}`).join(', ');
  return `${r.okCount} ok, ${r.okPerSecond.toFixed(1)}/s, p50 ${r.p50Ms.toFixed(0)} ms, p99 ${r.p99Ms.toFixed(0)} ms${failed ? `; failed ${failed}` : ''}`;
};
const ratio = (ours: number, stock: number): string => (stock > 0 ? `${(ours / stock).toFixed(2)}x` : 'n/a');
const fmtLatency = (r: LatencyResult): string =>
  `p50 ${r.p50Ms.toFixed(0)} ms, p99 ${r.p99Ms.toFixed(0)} ms${r.missing > 0 ? ` (${r.missing} never configured)` : ''} (kubectl apply itself ${r.applyMs.toFixed(0)} ms; ` +
  `from each token's creation, ${r.fromCreationCount} seen created: p50 ${r.fromCreationP50Ms.toFixed(0)} ms, p99 ${r.fromCreationP99Ms.toFixed(0)} ms)`;

async function startOurGrantServer(cluster: RunningCluster, site: BenchSite): Promise<{ cli: CliProcess; port: number }> {
  const [port, health] = await freePorts(2);
  const cli = spawnBenchCli(cluster.info.logsDir, 'grant-server', ['grant-server', `--port=${port}`, `--tls-secret=${site.tlsSecret}`,
    `--base-url=https://127.0.0.1:${port}`, `--kubeconfig=${cluster.info.kubeconfig}`, `--namespace=${site.namespace}`, '--bind-address=127.0.0.1',
    `--metrics-address=127.0.0.1:${health}`, '--failed-attempt-burst=1000000']);
  await waitForReadyz(cli, health);
  return { cli, port };
}

async function main(): Promise<void> {
  const binaries = testBinaries();
  killLeftoverProcesses(CLUSTER_RUNS_DIR);
  const runDir = path.join(CLUSTER_RUNS_DIR, `bench-redemption-${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}`);
  claimRunDirectory(runDir);
  let cluster: RunningCluster | undefined;
  const processes: CliProcess[] = [];
  try {
    console.error(`starting a control plane with the Skupper controller and its grant server (logs in ${runDir})`);
    cluster = await startCluster('bench', runDir, binaries, { skupperGrantServer: true });
    const info = cluster.info;
    const site = await createBenchSite(info, path.join(runDir, 'bench'), 'bench');
    const ours = await startOurGrantServer(cluster, site);
    processes.push(ours.cli);

    const rows: string[] = [];
    const cpuRows: string[] = [];
    // CPU of the run's processes during a load, per successful redemption (ms).
    const measured = async (load: () => Promise<LoadResult>): Promise<{ result: LoadResult; cpu: string }> => {
      collectGarbage(); // before the load, not during it
      const before = cpuSnapshot(runDir);
      const result = await load();
      return { result, cpu: cpuPerUnit(before, cpuSnapshot(runDir), result.okCount) };
    };
    // BENCH_ONLY=throughput or BENCH_ONLY=latency runs one half (while working on it); the table needs both.
    const only = process.env.BENCH_ONLY;
    if (only !== undefined && only !== 'throughput' && only !== 'latency') throw new Error(`BENCH_ONLY=${only}: expected throughput or latency`);
    for (const [index, scenario] of (only === 'latency' ? [] : SCENARIOS).entries()) {
      const names = (prefix: string): string[] => Array.from({ length: scenario.grantPerWorker ? scenario.concurrency : 1 }, (_, i) => `${prefix}-s${index}-g${i}`);
      // Grants sized for the load: every valid request should succeed.
      const stockTargets = await createStockGrants(info, site, names('stock'), scenario.requests);
      const { result: stock, cpu: stockCpu } = await measured(() => runLoad(stockTargets, site.serverCaPem, scenario.concurrency, scenario.requests, `stock-s${index}`));
      console.error(`stock, ${scenario.label}, concurrency ${scenario.concurrency}: ${fmt(stock)}; CPU ms per success: ${stockCpu}`);
      const ourTargets = await createOurGrants(info, site, ours.port, names('ours'), scenario.requests);
      const { result: mine, cpu: ourCpu } = await measured(() => runLoad(ourTargets, site.serverCaPem, scenario.concurrency, scenario.requests, `ours-s${index}`));
      console.error(`ours, ${scenario.label}, concurrency ${scenario.concurrency}: ${fmt(mine)}; CPU ms per success: ${ourCpu}`);
      rows.push(`| ${scenario.concurrency} | ${scenario.label} | ${scenario.requests} | ${fmt(stock)} | ${fmt(mine)} | ${ratio(mine.okPerSecond, stock.okPerSecond)} |`);
      cpuRows.push(`| ${scenario.concurrency} | ${scenario.label} | ${stockCpu} | ${ourCpu} |`);
    }

    console.error('measuring token applied -> Link Configured (20 tokens each, applied at once)');
    const latency = only === 'throughput' ? undefined : await measureLinkLatency(cluster, runDir, site, ours.port, 20, processes);

    const cpu = `${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}`;
    console.log([
      `Redemptions over loopback on ${new Date().toISOString().slice(0, 10)}, ${cpu}, Node ${process.version}: one kube-apiserver, one Site`,
      'configured by the real Skupper 2.2.1 controller, one TLS certificate served by both grant servers, every redemption',
      `a new TLS 1.3 connection with a distinct name. Stock: Skupper's own grant server (-enable-grants). Ours: default (ECDSA P-256 client keys).`,
      'Cells: successful redemptions per second, p50 and p99 latency of the successful ones, failures by HTTP status.',
      '',
      '| concurrency | grants | requests | stock Skupper 2.2.1 | cdk8s-skupper | ours/stock (successful/s) |',
      '|---:|---|---:|---|---|---:|',
      ...rows,
      '',
      'CPU milliseconds per successful redemption during each load, by process (from /proc; both columns include the shared API server):',
      '',
      '| concurrency | grants | stock Skupper 2.2.1 | cdk8s-skupper |',
      '|---:|---|---|---|',
      ...cpuRows,
      '',
      `Token applied -> Link Configured by Skupper (20 tokens applied at once, a connecting Site on the same controller):`,
      ...(latency ? [
        `stock AccessToken redeemed by Skupper: ${fmtLatency(latency.stock)}; our LinkToken + redeemer: ${fmtLatency(latency.ours)}.`,
        `Our LinkTokens one at a time (20, each applied once the one before was Configured): ${fmtLatency(latency.oneAtATime)}.`,
        `The floor, Skupper alone: ${latency.floor.p50Ms.toFixed(0)} ms p50, ${latency.floor.p99Ms.toFixed(0)} ms p99${latency.floor.missing > 0 ? ` (${latency.floor.missing} never configured)` : ''} ` +
          `(20 Links that exist, on the Secrets our redemptions made, touched at once in ${latency.floor.applyMs.toFixed(0)} ms; timed from the touches).`,
        `CPU milliseconds per configured Link, by process, from the apply until the last Link was Configured: stock ${latency.stock.cpu}; ours ${latency.ours.cpu}; the floor ${latency.floor.cpu}.`,
      ] : ['(not measured: BENCH_ONLY=throughput)']),
    ].join('\n'));
  } finally {
    for (const cli of processes) await stopCli(cli, CLEANUP);
    if (cluster) await stopCluster(cluster);
    await stopAllStartedProcesses();
    // BENCH_KEEP_LOGS=1 keeps the processes' logs (grant server, redeemer, Skupper controller).
    if (!process.env.BENCH_KEEP_LOGS) fs.rmSync(path.join(runDir, 'bench'), { recursive: true, force: true });
  }
}

main().then(() => { process.exitCode = 0; }, (error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
