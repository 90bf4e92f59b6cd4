import * as fs from 'fs';
import { KubeConfig } from '@kubernetes/client-node';

const SERVICE_ACCOUNT_NAMESPACE_FILE = '/var/run/secrets/kubernetes.io/serviceaccount/namespace';

/** Where the runtime talks to, and which namespace it works in. */
export interface KubeContext {
  readonly kubeConfig: KubeConfig;
  readonly namespace: string;
}

/** Options of {@link loadKubeContext}. */
export interface KubeContextOptions {
  /** A kubeconfig file; in-cluster config when absent. */
  readonly kubeconfig?: string;
  /** The namespace; the pod's service account namespace (or the kubeconfig context's) when absent. */
  readonly namespace?: string;
}

/** In-cluster config by default, `--kubeconfig` for out-of-cluster runs. */
export function loadKubeContext(options: KubeContextOptions): KubeContext {
  const kubeConfig = new KubeConfig();
  if (options.kubeconfig) {
    kubeConfig.loadFromFile(options.kubeconfig);
  } else {
    kubeConfig.loadFromCluster();
  }
  const namespace = options.namespace
    ?? (fs.existsSync(SERVICE_ACCOUNT_NAMESPACE_FILE) ? fs.readFileSync(SERVICE_ACCOUNT_NAMESPACE_FILE, 'utf8').trim() : undefined)
    ?? kubeConfig.getContextObject(kubeConfig.getCurrentContext())?.namespace;
  if (!namespace) {
    throw new Error('no namespace: pass --namespace, or run in a pod, or set a namespace in the kubeconfig context');
  }
  return { kubeConfig, namespace };
}
