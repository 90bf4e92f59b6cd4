import { ContextConfig, KubeconfigError, loadContexts } from '../kube-client/kube-config';
import { UsageError } from './usage-error';

/** The contexts `--kubeconfig` and `--context` name; a kubeconfig that cannot serve them is bad input (exit code 2). */
export function contextsFromFlags(kubeconfigFile: string | undefined, contextNames: readonly string[]): ContextConfig[] {
  try {
    return loadContexts(kubeconfigFile, contextNames);
  } catch (error) {
    throw error instanceof KubeconfigError ? new UsageError(error.message) : error;
  }
}
