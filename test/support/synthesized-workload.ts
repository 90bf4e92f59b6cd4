import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { exampleClusters } from '../../apps/example';
import { Cluster, synthClusters } from '../../lib';
import { CLEANUP, CliExit, CliProcess, spawnCli, spawnLogged, stopCli, waitForReadyz } from '../harness/cli-process';
import { freePorts } from '../harness/free-ports';
import { kubectl } from '../harness/kubectl';
import { REPO_ROOT } from '../harness/paths';
import { runCommand } from '../harness/run-command';
import { fetchSealingCertificate } from '../harness/sealed-secrets-controller';
import { kubeconfigForServiceAccount } from '../harness/service-account-kubeconfig';
import type { TestCluster } from '../harness/test-cluster';
import { readObjects, TEST_KEY_CACHE, TEST_MASTER_SECRET } from './example-synth';

/** podman with the project's own storage and configuration (tools/image/podman.sh). */
const PODMAN = ['bash', path.join(REPO_ROOT, 'tools', 'image', 'podman.sh')] as const;

/** Runs `podman ARGS` to completion and returns its stdout. */
export function podman(args: readonly string[]): Promise<string> {
  return runCommand(PODMAN[0], [...PODMAN.slice(1), ...args]);
}

/** The name of every container a test starts begins with this. */
export const CONTAINER_PREFIX = 'cdk8s-skupper-test-';

/** Where a pod finds its ServiceAccount's token, CA and namespace (client-node's loadFromCluster). */
export const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

export interface WorkloadOptions {
  /**
   * Runs this container image instead of the checkout, as the kubelet would run the pod: podman
   * with host network (listeners still on 127.0.0.1), read-only root filesystem, no capabilities,
   * no new privileges, the image's own user and ENTRYPOINT with the Deployment's args, and the
   * ServiceAccount's token, CA and namespace mounted read-only where in-cluster configuration
   * reads them (no kubeconfig, no --namespace). The container is named after the process.
   * @default - the checkout's bin entrypoint (ts-node), with a kubeconfig
   */
  readonly image?: string;
  /**
   * Runs this bin/cdk8s-skupper.js (e.g. of a compiled tree with no TypeScript sources) with
   * plain node instead of the checkout's. Ignored with `image`.
   * @default - the checkout's bin entrypoint
   */
  readonly entrypoint?: string;
}

/** A started workload; `container` is set when it runs in a container (stop it with stopContainer, not stopCli). */
export interface WorkloadProcess extends CliProcess {
  readonly container?: string;
  /** From spawning it to its first /readyz 200 (polled every 200 ms). */
  readonly readyMs: number;
  /** Its health and metrics port on 127.0.0.1 (/healthz, /readyz, /metrics). */
  readonly metricsPort: number;
}

/**
 * Runs our runtime as a synthesized Deployment would run it (no kubelet runs pods here): through
 * the bin entrypoint with the Deployment's own args, as its ServiceAccount (so the synthesized Role
 * is what is tested), in its namespace, with every listener on 127.0.0.1. Resolves once /readyz
 * answers; the caller stops it (stopCli, or stopContainer for an image).
 */
export async function runSynthesizedWorkload(
  cluster: TestCluster, clusterOutdir: string, namespace: string, name: string, options: WorkloadOptions = {},
): Promise<WorkloadProcess> {
  const deployment = readObjects(clusterOutdir).map((o) => o.obj)
    .find((o) => o.kind === 'Deployment' && o.metadata.name === name && o.metadata.namespace === namespace);
  if (!deployment) throw new Error(`no Deployment ${namespace}/${name} synthesized in ${clusterOutdir}`);
  const container = deployment.spec.template.spec;
  const args: string[] = container.containers[0].args;
  const serviceAccount: string = container.serviceAccountName ?? name;
  const [health] = await freePorts(1);
  const overrides = [...(args[0] === 'grant-server' ? ['--bind-address', '127.0.0.1'] : []), '--metrics-address', `127.0.0.1:${health}`];
  const label = `${args[0]}-${namespace}`;
  let cli: CliProcess & { container?: string };
  let spawned: number;
  if (options.image) {
    const secrets = await mountedServiceAccount(cluster, namespace, serviceAccount);
    spawned = Date.now();
    cli = spawnContainer(cluster, label, options.image, secrets, [...args, ...overrides]);
  } else {
    const credentials = ['--kubeconfig', await kubeconfigForServiceAccount(cluster, namespace, serviceAccount), '--namespace', namespace];
    spawned = Date.now();
    cli = options.entrypoint
      ? spawnLogged(cluster.logsDir, label, process.execPath, [options.entrypoint, ...args, ...credentials, ...overrides])
      : spawnCli(cluster.logsDir, label, [...args, ...credentials, ...overrides]);
  }
  const workload = cli as WorkloadProcess;
  try {
    await waitForReadyz(cli, health);
  } catch (error) {
    await stopWorkload(workload);
    throw error;
  }
  return { ...workload, readyMs: Date.now() - spawned, metricsPort: health };
}

/** What the kubelet projects for a ServiceAccount, as world-readable files (the image runs as its own non-root user). */
async function mountedServiceAccount(cluster: TestCluster, namespace: string, serviceAccount: string): Promise<string> {
  const dir = path.join(cluster.dir, 'serviceaccounts', `${namespace}.${serviceAccount}.${crypto.randomBytes(4).toString('hex')}`);
  fs.mkdirSync(dir, { recursive: true, mode: 0o755 });
  const token = (await kubectl(cluster, ['create', 'token', serviceAccount, '--namespace', namespace, '--duration=3600s'])).trim();
  fs.writeFileSync(path.join(dir, 'token'), token, { mode: 0o644 });
  fs.writeFileSync(path.join(dir, 'ca.crt'), fs.readFileSync(cluster.caCertificate), { mode: 0o644 });
  fs.writeFileSync(path.join(dir, 'namespace'), namespace, { mode: 0o644 });
  return dir;
}

/** `podman run` (attached, so the process ends with the container) of the image as a pod. */
function spawnContainer(cluster: TestCluster, name: string, image: string, secrets: string, args: readonly string[]): CliProcess & { container: string } {
  const server = new URL(cluster.server);
  const container = `${CONTAINER_PREFIX}${name}-${crypto.randomBytes(3).toString('hex')}`;
  return { ...spawnLogged(cluster.logsDir, name, PODMAN[0], [...PODMAN.slice(1), 'run', '--rm', '--name', container, '--network', 'host',
    // --read-only-tmpfs=false: no writable /tmp, /run (podman's default), as the kubelet mounts none.
    '--read-only', '--read-only-tmpfs=false', '--cap-drop', 'all', '--security-opt', 'no-new-privileges', '--pull', 'never',
    '--volume', `${secrets}:${SERVICE_ACCOUNT_DIR}:ro`,
    '--env', `KUBERNETES_SERVICE_HOST=${server.hostname}`, '--env', `KUBERNETES_SERVICE_PORT=${server.port}`,
    image, ...args]), container };
}

/**
 * Stops a workload's container as the kubelet does: SIGTERM to the container (`podman kill`),
 * then waits for `podman run` to end with the container's exit status. With `killAfterMs`
 * (cleanup), removes the container by name if it has not exited by then.
 */
export async function stopContainer(cli: WorkloadProcess, options: { readonly killAfterMs?: number } = CLEANUP): Promise<CliExit> {
  if (cli.child.exitCode === null && cli.child.signalCode === null) {
    await podman(['kill', '--signal', 'SIGTERM', cli.container!]).catch(() => undefined);
  }
  const timer = options.killAfterMs === undefined ? undefined
    : setTimeout(() => void podman(['rm', '--force', '--ignore', cli.container!]).catch(() => undefined), options.killAfterMs);
  const exit = await cli.exited;
  clearTimeout(timer);
  return exit;
}

/** Cleanup: stops a workload, process or container, SIGKILL / forced removal if it lingers. */
export function stopWorkload(cli: WorkloadProcess): Promise<CliExit> {
  return cli.container ? stopContainer(cli) : stopCli(cli, CLEANUP);
}

/** The example as synthesized for the test clusters. */
export interface AppliedExample {
  /** The output folder (`<work>/dist`). */
  readonly outdir: string;
  /** The synthesized clusters (to read constructs such as the grant's code). */
  readonly clusters: Cluster[];
  /** The grant server's port (on 127.0.0.1) written into the output. */
  readonly grantServerPort: number;
}

/**
 * Synthesizes the example for the test clusters (each one's own sealing certificate, the grant
 * server on 127.0.0.1 and `grantServerPort`, by default a free port, the given namespaces) into
 * `<work>/dist`.
 */
export async function synthExample(clusters: { readonly west: TestCluster; readonly east: TestCluster }, work: string,
  namespaces: { readonly west: string; readonly east: string }, grantServerPort?: number): Promise<AppliedExample> {
  const certificateDir = path.join(work, 'certs');
  fs.mkdirSync(certificateDir, { recursive: true });
  for (const cluster of [clusters.west, clusters.east]) {
    fs.writeFileSync(path.join(certificateDir, `${cluster.name}.pem`), await fetchSealingCertificate(cluster));
  }
  const port = grantServerPort ?? (await freePorts(1))[0];
  const outdir = path.join(work, 'dist');
  const synthesized = exampleClusters({
    certificateDir, outdir, namespaces, masterSecret: TEST_MASTER_SECRET, keyCacheDir: TEST_KEY_CACHE,
    grantServerHost: '127.0.0.1', grantServerPort: port,
  });
  synthClusters(synthesized);
  return { outdir, clusters: synthesized, grantServerPort: port };
}

/** {@link synthExample}, then each cluster's folder applied as GitOps would (`kubectl apply -k`). */
export async function applyExample(clusters: { readonly west: TestCluster; readonly east: TestCluster }, work: string,
  namespaces: { readonly west: string; readonly east: string }, grantServerPort?: number): Promise<AppliedExample> {
  const example = await synthExample(clusters, work, namespaces, grantServerPort);
  await kubectl(clusters.west, ['apply', '-k', path.join(example.outdir, 'west')]);
  await kubectl(clusters.east, ['apply', '-k', path.join(example.outdir, 'east')]);
  return example;
}

/** Where a site's synthesized workload runs: its cluster, that cluster's output folder, its namespace. */
export interface WorkloadSite {
  readonly cluster: TestCluster;
  readonly outdir: string;
  readonly namespace: string;
}

/**
 * The listening site's grant server and the connecting site's redeemer, as synthesized, started
 * together. If either fails to start, the other is stopped before the error is thrown.
 */
export async function runGrantServerAndRedeemer(
  listening: WorkloadSite, connecting: WorkloadSite, options: WorkloadOptions = {},
): Promise<[WorkloadProcess, WorkloadProcess]> {
  const started = await Promise.allSettled([
    runSynthesizedWorkload(listening.cluster, listening.outdir, listening.namespace, 'cdk8s-skupper-grant-server', options),
    runSynthesizedWorkload(connecting.cluster, connecting.outdir, connecting.namespace, 'cdk8s-skupper-redeemer', options),
  ]);
  const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (!failed) return started.map((s) => (s as PromiseFulfilledResult<WorkloadProcess>).value) as [WorkloadProcess, WorkloadProcess];
  for (const s of started) if (s.status === 'fulfilled') await stopWorkload(s.value);
  throw failed.reason;
}
