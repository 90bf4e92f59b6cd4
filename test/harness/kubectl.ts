import { runCommand } from './run-command';
import type { HasKubeconfig } from './test-cluster';

export interface KubectlOptions {
  /** Written to stdin (e.g. manifests for `apply -f -`). */
  readonly input?: string;
  /** Use this kubeconfig instead of the cluster's admin one (e.g. a ServiceAccount's). */
  readonly kubeconfig?: string;
  readonly timeoutMs?: number;
}

/** Runs kubectl against a test cluster; returns stdout, throws with stderr on failure. */
export function kubectl(cluster: HasKubeconfig, args: readonly string[], options: KubectlOptions = {}): Promise<string> {
  return runCommand('kubectl', ['--kubeconfig', options.kubeconfig ?? cluster.kubeconfig, ...args], {
    input: options.input,
    timeoutMs: options.timeoutMs,
    // Never fall back to the user's own ~/.kube/config or current KUBECONFIG.
    env: { ...process.env, KUBECONFIG: options.kubeconfig ?? cluster.kubeconfig },
  });
}

/** `kubectl get <kind> <name> -n <namespace> -o json`, parsed; undefined when it does not exist. */
export async function getJson(cluster: HasKubeconfig, namespace: string, kind: string, name: string): Promise<any | undefined> {
  const out = await kubectl(cluster, ['get', kind, name, '-n', namespace, '-o', 'json', '--ignore-not-found']);
  return out.trim() === '' ? undefined : JSON.parse(out);
}
