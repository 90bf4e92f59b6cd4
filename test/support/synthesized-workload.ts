import { CLEANUP, CliProcess, spawnCli, stopCli, waitForReadyz } from '../harness/cli-process';
import { freePorts } from '../harness/free-ports';
import { kubeconfigForServiceAccount } from '../harness/service-account-kubeconfig';
import type { TestCluster } from '../harness/test-cluster';
import { readObjects } from './example-synth';

/**
 * Runs our runtime as a synthesized Deployment would run it (no kubelet runs pods here): through
 * the bin entrypoint with the Deployment's own args, as its ServiceAccount (so the synthesized Role
 * is what is tested), in its namespace, with every listener on 127.0.0.1. Resolves once /readyz
 * answers; the caller stops it (stopCli).
 */
export async function runSynthesizedWorkload(cluster: TestCluster, clusterOutdir: string, namespace: string, name: string): Promise<CliProcess> {
  const deployment = readObjects(clusterOutdir).map((o) => o.obj)
    .find((o) => o.kind === 'Deployment' && o.metadata.name === name && o.metadata.namespace === namespace);
  if (!deployment) throw new Error(`no Deployment ${namespace}/${name} synthesized in ${clusterOutdir}`);
  const container = deployment.spec.template.spec;
  const args: string[] = container.containers[0].args;
  const [health] = await freePorts(1);
  const cli = spawnCli(cluster.logsDir, `${args[0]}-${namespace}`, [...args,
    '--kubeconfig', await kubeconfigForServiceAccount(cluster, namespace, container.serviceAccountName ?? name), '--namespace', namespace,
    ...(args[0] === 'grant-server' ? ['--bind-address', '127.0.0.1'] : []),
    '--metrics-address', `127.0.0.1:${health}`]);
  try {
    await waitForReadyz(cli, health);
  } catch (error) {
    await stopCli(cli, CLEANUP);
    throw error;
  }
  return cli;
}

/** Where a site's synthesized workload runs: its cluster, that cluster's output folder, its namespace. */
export interface WorkloadSite {
  readonly cluster: TestCluster;
  readonly outdir: string;
  readonly namespace: string;
}

/** The listening site's grant server and the connecting site's redeemer, as synthesized, started together. */
export function runGrantServerAndRedeemer(listening: WorkloadSite, connecting: WorkloadSite): Promise<[CliProcess, CliProcess]> {
  return Promise.all([
    runSynthesizedWorkload(listening.cluster, listening.outdir, listening.namespace, 'cdk8s-skupper-grant-server'),
    runSynthesizedWorkload(connecting.cluster, connecting.outdir, connecting.namespace, 'cdk8s-skupper-redeemer'),
  ]);
}
