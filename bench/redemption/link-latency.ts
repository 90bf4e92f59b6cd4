import { CustomObjectsApi, KubeConfig, PatchStrategy, setHeaderOptions, Watch } from '@kubernetes/client-node';
import { CliProcess, waitForReadyz } from '../../test/harness/cli-process';
import type { RunningCluster } from '../../test/harness/cluster';
import { freePorts } from '../../test/harness/free-ports';
import { kubectl } from '../../test/harness/kubectl';
import { conditionIsTrue, waitForSkupperSite } from '../../test/harness/skupper-site';
import { waitFor } from '../../test/harness/wait-for';
import { BenchSite, createOurGrants, createStockGrants } from './bench-site';
import { collectGarbage, quantile } from './load';
import { cpuPerUnit, cpuSnapshot } from './process-cpu';
import { spawnBenchCli } from './spawn-cli';

/** Time from applying tokens to Skupper reporting each one's Link Configured. */
export interface LatencyResult {
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Tokens whose Link was not Configured within the wait. */
  readonly missing: number;
  /** How long `kubectl apply` of the tokens took (they are created one after the other meanwhile). */
  readonly applyMs: number;
  /** The same, each token timed from when the watch saw it created instead of from the apply's start. */
  readonly fromCreationP50Ms: number;
  readonly fromCreationP99Ms: number;
  /** How many configured tokens those two cover (a token whose creation the watch missed is left out). */
  readonly fromCreationCount: number;
  /** CPU milliseconds per configured Link by process, from the apply until the last Link was Configured (not added up over single tokens). */
  readonly cpu?: string;
  /** Each configured Link's time from the apply's start, and from its token's creation, ascending. */
  readonly samples: readonly number[];
  readonly fromCreationSamples: readonly number[];
}

const CONNECTING_NAMESPACE = 'bench-connecting';
const WAIT_MS = 90_000;

/**
 * Applies `count` stock AccessTokens (Skupper's redeemer redeems them at its own grant server), then
 * `count` of our LinkTokens (our redeemer redeems them at our grant server), each batch at once, on a
 * connecting Site of the same cluster, and times each until its Link is Configured by Skupper.
 * Then the floor, Skupper's part alone: `count` Links that already exist (copies of ours, on the
 * Secrets our redemptions made) touched at once, timed from the touches.
 */
export async function measureLinkLatency(cluster: RunningCluster, runDir: string, site: BenchSite, ourPort: number, count: number, processes: CliProcess[]): Promise<{ stock: LatencyResult; ours: LatencyResult; oneAtATime: LatencyResult; floor: LatencyResult }> {
  const info = cluster.info;
  await kubectl(info, ['apply', '-f', '-'], { input: [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: CONNECTING_NAMESPACE } },
    { apiVersion: 'skupper.io/v2alpha1', kind: 'Site', metadata: { name: 'connecting', namespace: CONNECTING_NAMESPACE } },
    { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'bench-code', namespace: CONNECTING_NAMESPACE }, stringData: { code: site.code } },
  ].map((o) => JSON.stringify(o)).join('\n') });
  await waitForSkupperSite(info, CONNECTING_NAMESPACE, info.dir, { linkAccess: false });
  const [health] = await freePorts(1);
  const redeemer = spawnBenchCli(info.logsDir, 'redeemer', ['redeemer', `--kubeconfig=${info.kubeconfig}`, `--namespace=${CONNECTING_NAMESPACE}`, `--metrics-address=127.0.0.1:${health}`]);
  processes.push(redeemer);
  await waitForReadyz(redeemer, health);

  const names = (prefix: string): string[] => Array.from({ length: count }, (_, i) => `${prefix}-${i}`);
  const stockGrants = await createStockGrants(info, site, names('latency-stock'), 1);
  const stock = await timeUntilConfigured(info.kubeconfig, runDir, names('latency-stock'), 'skupper.io/v2alpha1/namespaces/bench-connecting/accesstokens', () => kubectl(info, ['apply', '-f', '-'], {
    input: stockGrants.map((grant, i) => JSON.stringify({
      apiVersion: 'skupper.io/v2alpha1', kind: 'AccessToken', metadata: { name: `latency-stock-${i}`, namespace: CONNECTING_NAMESPACE },
      spec: { url: grant.url.toString(), code: grant.code, ca: site.serverCaPem },
    })).join('\n'),
  }));
  const ours = await timeUntilConfigured(info.kubeconfig, runDir, names('latency-ours'), LINK_TOKENS_PATH,
    applyOurTokens(info, site, await createOurGrants(info, site, ourPort, names('latency-ours'), 1), 'latency-ours'));
  // One at a time, each applied once the one before is Configured: a new spoke, the everyday case.
  const oneGrants = await createOurGrants(info, site, ourPort, names('latency-one'), 1);
  const each: LatencyResult[] = [];
  for (const [i, grant] of oneGrants.entries()) {
    each.push(await timeUntilConfigured(info.kubeconfig, runDir, [`latency-one-${i}`], LINK_TOKENS_PATH, applyOurTokens(info, site, [grant], 'latency-one', i)));
  }
  const oneAtATime = combined(each);
  const floor = await skupperAlone(info, runDir, names('latency-ours'), names('latency-floor'));
  return { stock, ours, oneAtATime, floor };
}

const LINK_TOKENS_PATH = `cdk8s-skupper.io/v1alpha1/namespaces/${CONNECTING_NAMESPACE}/linktokens`;

/** One `kubectl apply` of LinkTokens for `grants`, named `<prefix>-<i>` from `first` on. */
function applyOurTokens(info: RunningCluster['info'], site: BenchSite, grants: ReadonlyArray<{ readonly url: URL }>, prefix: string, first = 0): () => Promise<unknown> {
  return () => kubectl(info, ['apply', '-f', '-'], {
    input: grants.map((grant, i) => JSON.stringify({
      apiVersion: 'cdk8s-skupper.io/v1alpha1', kind: 'LinkToken', metadata: { name: `${prefix}-${first + i}`, namespace: CONNECTING_NAMESPACE },
      spec: { url: grant.url.toString(), ca: site.serverCaPem, codeSecretRef: { name: 'bench-code', key: 'code' } },
    })).join('\n'),
  });
}

/** Single-token results taken together: quantiles over every token. */
function combined(results: readonly LatencyResult[]): LatencyResult {
  const all = results.flatMap((r) => r.samples);
  const fromCreation = results.flatMap((r) => r.fromCreationSamples);
  return summary(all, fromCreation, results.reduce((n, r) => n + r.missing, 0), results.reduce((n, r) => Math.max(n, r.applyMs), 0));
}

/**
 * The floor: Links copied from `from` (which Skupper configured), created, then touched at once and
 * timed. A touch before Skupper has taken a Link's create off its queue merges into it and is lost,
 * so a sentinel Link is created after them and touched until Skupper configures it: its queue is
 * FIFO, so by then it has taken every create before the sentinel's.
 */
async function skupperAlone(info: RunningCluster['info'], runDir: string, from: readonly string[], names: readonly string[]): Promise<LatencyResult> {
  const existing = JSON.parse(await kubectl(info, ['get', 'links', '-n', CONNECTING_NAMESPACE, '-o', 'json', ...from])) as { items: Array<{ spec: unknown }> };
  const sentinel = 'latency-floor-sentinel';
  await kubectl(info, ['apply', '-f', '-'], {
    input: [...names, sentinel].map((name, i) => JSON.stringify({
      apiVersion: 'skupper.io/v2alpha1', kind: 'Link', metadata: { name, namespace: CONNECTING_NAMESPACE }, spec: existing.items[i % existing.items.length].spec,
    })).join('\n'),
  });
  const kc = new KubeConfig();
  kc.loadFromFile(info.kubeconfig);
  const api = kc.makeApiClient(CustomObjectsApi);
  const link = { group: 'skupper.io', version: 'v2alpha1', plural: 'links', namespace: CONNECTING_NAMESPACE };
  // All at once, through the API: `kubectl annotate` patches one Link after another, ~200 ms each after ten.
  const touch = (name: string, count: number) => api.patchNamespacedCustomObject(
    { ...link, name, body: { metadata: { annotations: { 'bench.cdk8s-skupper.io/touch': String(count) } } } },
    setHeaderOptions('Content-Type', PatchStrategy.MergePatch));
  let touches = 0;
  await waitFor(`Skupper to configure ${sentinel}`, async () => {
    await touch(sentinel, ++touches);
    return conditionIsTrue(await api.getNamespacedCustomObject({ ...link, name: sentinel }) as Parameters<typeof conditionIsTrue>[0], 'Configured');
  }, { timeoutMs: WAIT_MS, intervalMs: 200 });
  return timeUntilConfigured(info.kubeconfig, runDir, names, undefined, () => Promise.all(names.map((name) => touch(name, 1))));
}

/**
 * Watches the connecting namespace's Links and the tokens (`tokensPath`, under /apis/, if any), runs
 * `apply`, and times each named Link (named like its token) until Configured.
 */
async function timeUntilConfigured(kubeconfig: string, runDir: string, linkNames: readonly string[], tokensPath: string | undefined, apply: () => Promise<unknown>): Promise<LatencyResult> {
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfig);
  const configuredAt = new Map<string, number>();
  let started = 0;
  let applied = 0;
  let allConfigured = (): void => undefined;
  const done = new Promise<void>((resolve) => { allConfigured = resolve; });
  const watch = await new Watch(kc).watch(`/apis/skupper.io/v2alpha1/namespaces/${CONNECTING_NAMESPACE}/links`, {}, (_type, link: { metadata: { name: string }; status?: { conditions?: Array<{ type: string; status: string }> } }) => {
    if (started > 0 && linkNames.includes(link.metadata.name) && !configuredAt.has(link.metadata.name) && conditionIsTrue(link, 'Configured')) {
      configuredAt.set(link.metadata.name, performance.now());
      if (configuredAt.size === linkNames.length) allConfigured();
    }
  }, () => undefined);
  const createdAt = new Map<string, number>();
  const tokenWatch = tokensPath === undefined ? undefined : await new Watch(kc).watch(`/apis/${tokensPath}`, {}, (type, token: { metadata: { name: string } }) => {
    if (started > 0 && type === 'ADDED' && !createdAt.has(token.metadata.name)) createdAt.set(token.metadata.name, performance.now());
  }, () => undefined);
  let timer: NodeJS.Timeout | undefined;
  collectGarbage(); // before the measurement, not during it
  const cpuBefore = cpuSnapshot(runDir);
  let cpuAfter = cpuBefore;
  try {
    started = performance.now();
    await apply();
    applied = performance.now();
    // The watch event is what completes the wait; the timer only bounds it (missing Links are counted).
    await Promise.race([done, new Promise((resolve) => { timer = setTimeout(resolve, WAIT_MS); })]);
    cpuAfter = cpuSnapshot(runDir);
  } finally {
    clearTimeout(timer);
    watch.abort();
    tokenWatch?.abort();
  }
  const sorted = [...configuredAt.values()].map((t) => t - started);
  const fromCreation = [...configuredAt].filter(([name]) => createdAt.has(name)).map(([name, t]) => t - createdAt.get(name)!);
  return { ...summary(sorted, fromCreation, linkNames.length - sorted.length, applied - started), cpu: cpuPerUnit(cpuBefore, cpuAfter, sorted.length) };
}

/** Quantiles of the samples (in any order). */
function summary(samples: readonly number[], fromCreationSamples: readonly number[], missing: number, applyMs: number): LatencyResult {
  const sorted = [...samples].sort((a, b) => a - b);
  const fromCreation = [...fromCreationSamples].sort((a, b) => a - b);
  return {
    p50Ms: quantile(sorted, 0.5), p99Ms: quantile(sorted, 0.99), missing, applyMs, samples: sorted, fromCreationSamples: fromCreation,
    fromCreationP50Ms: quantile(fromCreation, 0.5), fromCreationP99Ms: quantile(fromCreation, 0.99), fromCreationCount: fromCreation.length,
  };
}
