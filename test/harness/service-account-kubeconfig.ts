import * as crypto from 'crypto';
import * as path from 'path';
import { kubectl } from './kubectl';
import { writeKubeconfig } from './kubeconfig-files';
import type { TestCluster } from './test-cluster';

/**
 * Writes a kubeconfig that authenticates as a ServiceAccount with a TokenRequest token, so a test
 * can run a program with exactly the RBAC the ServiceAccount has been given. The ServiceAccount
 * must exist. `durationSeconds` must be at least 600 (the TokenRequest minimum). Returns the
 * file path (under the cluster's folder).
 */
export async function kubeconfigForServiceAccount(
  cluster: TestCluster,
  namespace: string,
  serviceAccount: string,
  durationSeconds = 3600,
): Promise<string> {
  const token = (
    await kubectl(cluster, ['create', 'token', serviceAccount, '--namespace', namespace, `--duration=${durationSeconds}s`])
  ).trim();
  return writeKubeconfig({
    file: path.join(cluster.dir, 'kubeconfigs', `${namespace}.${serviceAccount}.${crypto.randomBytes(4).toString('hex')}.kubeconfig`),
    clusterName: cluster.name,
    userName: `system:serviceaccount:${namespace}:${serviceAccount}`,
    server: cluster.server,
    caCert: cluster.caCertificate,
    credentials: { token },
    namespace,
  });
}
