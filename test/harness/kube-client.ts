import { KubeConfig } from '@kubernetes/client-node';
import type { TestCluster } from './test-cluster';

// Kept apart from the rest of the harness: @kubernetes/client-node is ESM-only and jest has to
// transform it, which globalSetup/teardown do not need to pay for.

/** A @kubernetes/client-node KubeConfig for a test cluster (admin, or the given kubeconfig file). */
export function kubeConfigFor(cluster: TestCluster, kubeconfigFile = cluster.kubeconfig): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfigFile);
  return kc;
}
