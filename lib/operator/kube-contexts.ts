import { KubeConfig } from '@kubernetes/client-node';
import { UsageError } from './usage-error';

/** One kubeconfig context to work on, with a KubeConfig whose current context is that one. */
export interface ContextConfig {
  readonly name: string;
  readonly kubeConfig: KubeConfig;
}

/**
 * The kubeconfig contexts named on the command line (each once, in the order given), or the
 * current context when none is named. The kubeconfig is `kubeconfigFile`, else KUBECONFIG or
 * ~/.kube/config, as kubectl does. Each context gets a KubeConfig of its own, since a client
 * reads the current context of its KubeConfig at every request. Throws a UsageError for an
 * unreadable kubeconfig or an unknown context, listing the contexts there are.
 */
export function loadContexts(kubeconfigFile: string | undefined, contextNames: readonly string[]): ContextConfig[] {
  const source = kubeconfigFile ?? (process.env.KUBECONFIG ? `KUBECONFIG (${process.env.KUBECONFIG})` : '~/.kube/config');
  const load = (): KubeConfig => {
    const kubeConfig = new KubeConfig();
    try {
      if (kubeconfigFile) {
        kubeConfig.loadFromFile(kubeconfigFile);
      } else {
        kubeConfig.loadFromDefault();
      }
    } catch (error) {
      throw new UsageError(`cannot load the kubeconfig ${source}: ${(error as Error).message.split('\n')[0]}`);
    }
    return kubeConfig;
  };

  const first = load();
  const known = first.getContexts().map((context) => context.name);
  const wanted = contextNames.length > 0 ? [...new Set(contextNames)] : [first.getCurrentContext()].filter((name) => !!name);
  if (wanted.length === 0) {
    throw new UsageError(`the kubeconfig ${source} has no current context: pass --context (contexts: ${known.join(', ') || 'none'})`);
  }
  return wanted.map((name, i) => {
    if (!first.getContextObject(name)) {
      throw new UsageError(`context "${name}" is not in the kubeconfig ${source} (contexts: ${known.join(', ') || 'none'})`);
    }
    const kubeConfig = i === 0 ? first : load();
    kubeConfig.setCurrentContext(name);
    return { name, kubeConfig };
  });
}
