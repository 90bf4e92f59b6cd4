// Redemption throughput and latency of the grant server over loopback, on a real control plane
// (one cluster of the integration-test harness). Run: npx ts-node --transpile-only bench/redemption/run.ts
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { issueClientCertificate } from '../../lib/pki/client-certificate';
import { rsaKeyPairFromPem } from '../../lib/pki/pem';
import { generateRsa2048Pem } from '../../lib/runtime/grant-server/rsa-key-pool';
import { startCluster, stopCluster, RunningCluster } from '../../test/harness/cluster';
import { freePorts } from '../../test/harness/free-ports';
import { httpGet } from '../../test/harness/http-get';
import { claimRunDirectory, killLeftoverProcesses } from '../../test/harness/leftover-processes';
import { stopAllStartedProcesses } from '../../test/harness/managed-process';
import { CLUSTER_RUNS_DIR, REPO_ROOT } from '../../test/harness/paths';
import { runCommand } from '../../test/harness/run-command';
import { sleep, waitFor } from '../../test/harness/wait-for';
import { testBinaries } from '../../test/support/binaries';
import { BenchSite, createBenchGrants, createBenchSite } from './bench-site';
import { LoadResult, runLoad } from './load';

const POOL_SIZES = [0, 16];
const SKUPPER = 'n/a (Skupper controller not buildable here)';

interface Scenario {
  readonly label: string;
  readonly concurrency: number;
  readonly requests: number;
  /** One grant shared by all workers, or one per worker. */
  readonly grantPerWorker: boolean;
}

const SCENARIOS: Scenario[] = [
  { label: 'sustained, one grant', concurrency: 1, requests: 16, grantPerWorker: false },
  { label: 'sustained, one grant', concurrency: 4, requests: 32, grantPerWorker: false },
  { label: 'sustained, one grant', concurrency: 16, requests: 48, grantPerWorker: false },
  { label: 'sustained, grant per worker', concurrency: 4, requests: 32, grantPerWorker: true },
  { label: 'sustained, grant per worker', concurrency: 16, requests: 48, grantPerWorker: true },
  { label: 'burst after idle, grant per worker', concurrency: 16, requests: 16, grantPerWorker: true },
];

/** The grant server as a child process, through the CLI entrypoint. */
async function startGrantServer(kubeconfig: string, site: BenchSite, poolSize: number, logFile: string): Promise<{ child: ChildProcess; port: number; metricsPort: number }> {
  const [port, metricsPort] = await freePorts(2);
  const log = fs.openSync(logFile, 'a');
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin', 'cdk8s-skupper.js'), 'grant-server', `--port=${port}`, `--tls-secret=${site.tlsSecret}`,
    `--base-url=https://127.0.0.1:${port}`, `--kubeconfig=${kubeconfig}`, `--namespace=${site.namespace}`, '--bind-address=127.0.0.1',
    `--metrics-address=127.0.0.1:${metricsPort}`, `--key-pool-size=${poolSize}`, '--failed-attempt-burst=1000000'], { stdio: ['ignore', log, log] });
  fs.closeSync(log);
  await waitFor('the grant server to be ready', async () => {
    if (child.exitCode !== null) throw new Error(`grant server exited (${child.exitCode}); see ${logFile}`);
    return (await httpGet(`http://127.0.0.1:${metricsPort}/readyz`).catch(() => ({ status: 0 }))).status === 200;
  }, { timeoutMs: 60_000, intervalMs: 200 });
  return { child, port, metricsPort };
}

async function stopGrantServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(timer);
}

/** Waits until the key pool is full again, so each scenario starts from the same state. */
async function poolFull(metricsPort: number, size: number): Promise<void> {
  if (size === 0) return;
  await waitFor('the key pool to refill', async () => {
    const metrics = (await httpGet(`http://127.0.0.1:${metricsPort}/metrics`)).body;
    return Number(/^cdk8s_skupper_key_pool_available (\d+)/m.exec(metrics)?.[1]) >= size;
  }, { timeoutMs: 120_000, intervalMs: 250 });
}

/** In-process cost of the two expensive steps of a redemption, on this machine. */
async function componentCosts(dir: string): Promise<{ keygenMs: number; signMs: number }> {
  const caKey = await generateRsa2048Pem();
  fs.writeFileSync(path.join(dir, 'cost-ca.key'), caKey, { mode: 0o600 });
  const caCert = await runCommand('openssl', ['req', '-x509', '-new', '-key', path.join(dir, 'cost-ca.key'), '-subj', '/CN=cost site CA', '-days', '2']);
  const time = async (n: number, f: () => unknown): Promise<number> => {
    const started = process.hrtime.bigint();
    for (let i = 0; i < n; i++) await f();
    return Number(process.hrtime.bigint() - started) / 1e6 / n;
  };
  const keygenMs = await time(10, generateRsa2048Pem);
  const keyPair = rsaKeyPairFromPem(await generateRsa2048Pem());
  const signMs = await time(10, () => issueClientCertificate({ ca: { certificatePem: caCert, privateKeyPem: caKey }, subject: 'x', hosts: ['127.0.0.1'], keyPair }));
  return { keygenMs, signMs };
}

const fmt = (r: LoadResult) => `${r.perSecond.toFixed(1)} / ${r.p50Ms.toFixed(0)} / ${r.p99Ms.toFixed(0)}${r.ok === r.requests ? '' : ` (${r.requests - r.ok} failed)`}`;

async function main(): Promise<void> {
  const binaries = testBinaries();
  killLeftoverProcesses(CLUSTER_RUNS_DIR);
  const runDir = path.join(CLUSTER_RUNS_DIR, `bench-redemption-${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}`);
  claimRunDirectory(runDir);
  let cluster: RunningCluster | undefined;
  const children: ChildProcess[] = [];
  try {
    console.error(`starting a control plane (logs in ${runDir})`);
    cluster = await startCluster('bench', runDir, binaries);
    const site = await createBenchSite(cluster.info, path.join(runDir, 'bench'), 'bench');
    const costs = await componentCosts(path.join(runDir, 'bench'));
    const results = new Map<string, Map<number, LoadResult>>();
    for (const poolSize of POOL_SIZES) {
      const server = await startGrantServer(cluster.info.kubeconfig, site, poolSize, path.join(runDir, 'bench', `grant-server-pool-${poolSize}.log`));
      children.push(server.child);
      for (const [index, scenario] of SCENARIOS.entries()) {
        const grants = Array.from({ length: scenario.grantPerWorker ? scenario.concurrency : 1 }, (_, i) => `p${poolSize}-s${index}-g${i}`);
        await createBenchGrants(cluster.info, site, grants, scenario.requests);
        await poolFull(server.metricsPort, poolSize);
        await sleep(500);
        const urls = grants.map((g) => new URL(`https://127.0.0.1:${server.port}/${site.namespace}/${g}`));
        const result = await runLoad(urls, site.serverCaPem, site.code, scenario.concurrency, scenario.requests, `p${poolSize}-s${index}`);
        const key = `${scenario.label}|${scenario.concurrency}|${scenario.requests}`;
        if (!results.has(key)) results.set(key, new Map());
        results.get(key)!.set(poolSize, result);
        console.error(`pool ${poolSize}, ${scenario.label}, concurrency ${scenario.concurrency}: ${fmt(result)}`);
      }
      await stopGrantServer(server.child);
    }

    const cpu = `${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}`;
    const lines = [
      `Redemptions over loopback against the grant server on a real kube-apiserver (${cpu}, Node ${process.version}).`,
      'Each cell: redemptions per second / p50 ms / p99 ms. Every redemption is a new TLS 1.3 connection, a distinct name,',
      'and is counted (fresh GET + status PUT). "pool 0": each RSA key generated on demand (async); "pool 16": 16 keys',
      'generated ahead of time off the request path, each handed out once.',
      '',
      `| scenario | concurrency | requests | pool 0 | pool 16 | stock Skupper grant server |`,
      `|---|---:|---:|---|---|---|`,
      ...[...results].map(([key, byPool]) => {
        const [label, concurrency, requests] = key.split('|');
        return `| ${label} | ${concurrency} | ${requests} | ${POOL_SIZES.map((p) => fmt(byPool.get(p)!)).join(' | ')} | ${SKUPPER} |`;
      }),
      '',
      `In-process costs on this machine: RSA 2048 key generation ${costs.keygenMs.toFixed(0)} ms, ` +
        `issueClientCertificate with a given key (native signing) ${costs.signMs.toFixed(0)} ms.`,
    ];
    console.log(lines.join('\n'));
  } finally {
    for (const child of children) await stopGrantServer(child);
    if (cluster) await stopCluster(cluster);
    await stopAllStartedProcesses();
  }
}

main().then(() => { process.exitCode = 0; }, (error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
