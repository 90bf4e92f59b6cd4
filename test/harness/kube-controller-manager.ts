import { kubectl } from './kubectl';
import { startProcess, ManagedProcess } from './managed-process';
import type { ClusterPki } from './certificates';
import { waitFor } from './wait-for';

/** The controllers the tests rely on (GC, namespace deletion, ServiceAccounts, Deployments). */
export const CONTROLLERS = [
  'garbage-collector-controller',
  'namespace-controller',
  'serviceaccount-controller',
  'serviceaccount-token-controller',
  'root-ca-certificate-publisher-controller',
  'deployment-controller',
  'replicaset-controller',
] as const;

export interface KubeControllerManagerOptions {
  readonly binary: string;
  readonly clusterDir: string;
  readonly pki: ClusterPki;
  /** Kubeconfig with the system:kube-controller-manager client certificate. */
  readonly kubeconfig: string;
  /** Admin kubeconfig, used only to check that the controllers work. */
  readonly adminKubeconfig: string;
}

/**
 * Starts kube-controller-manager with no listener at all (--secure-port=0) and waits until it has
 * created the `default` ServiceAccount in `default`, which proves it is connected and working.
 * Like a real cluster it authenticates as system:kube-controller-manager and runs each controller
 * under its own ServiceAccount with the bootstrap RBAC roles.
 */
export async function startKubeControllerManager(options: KubeControllerManagerOptions): Promise<ManagedProcess> {
  const kcm = startProcess({
    name: 'kube-controller-manager',
    dir: options.clusterDir,
    binary: options.binary,
    args: [
      `--kubeconfig=${options.kubeconfig}`,
      '--secure-port=0',
      '--leader-elect=false',
      `--controllers=${CONTROLLERS.join(',')}`,
      `--service-account-private-key-file=${options.pki.serviceAccountKey}`,
      `--root-ca-file=${options.pki.caCert}`,
      '--use-service-account-credentials=true',
      '--v=1',
    ],
  });
  await waitFor(
    'kube-controller-manager to create ServiceAccount default/default',
    async () => {
      kcm.assertRunning();
      await kubectl({ kubeconfig: options.adminKubeconfig }, ['get', 'serviceaccount', 'default', '--namespace', 'default', '-o', 'name']);
      return true;
    },
    { timeoutMs: 120_000, intervalMs: 250 },
  );
  return kcm;
}
