import * as fs from 'fs';
import * as path from 'path';
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
 * reads the current context of its KubeConfig at every request. Throws a UsageError for a
 * missing or unreadable kubeconfig or an unknown context, listing the contexts there are.
 * `env` is where KUBECONFIG and HOME are read.
 */
export function loadContexts(kubeconfigFile: string | undefined, contextNames: readonly string[], env: NodeJS.ProcessEnv = process.env): ContextConfig[] {
  if (kubeconfigFile === undefined) {
    assertDefaultKubeconfigExists(env);
  }
  const source = kubeconfigFile ?? (env.KUBECONFIG ? `KUBECONFIG (${env.KUBECONFIG})` : '~/.kube/config');
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

/** Where a pod's ServiceAccount token is: there the client uses the in-cluster config. */
const IN_CLUSTER_TOKEN = '/var/run/secrets/kubernetes.io/serviceaccount/token';

/**
 * Without --kubeconfig, the kubeconfig is what KUBECONFIG lists, else ~/.kube/config (as for
 * kubectl). When none of that exists, and this is not a pod, the client would quietly fall back to
 * an unauthenticated http://localhost:8080, and every command would fail with a confusing
 * message about credentials; so say what was looked for instead.
 */
function assertDefaultKubeconfigExists(env: NodeJS.ProcessEnv): void {
  if (fs.existsSync(IN_CLUSTER_TOKEN)) {
    return;
  }
  const hint = 'pass --kubeconfig FILE, set KUBECONFIG, or write ~/.kube/config (for example with your cluster\'s "get credentials" command)';
  if (env.KUBECONFIG) {
    const files = env.KUBECONFIG.split(path.delimiter).filter(file => file !== '');
    if (!files.some(file => fs.existsSync(file))) {
      throw new UsageError(`no kubeconfig found: --kubeconfig is not given, and no file that KUBECONFIG lists exists ` +
        `(${files.join(', ')}); ${hint}`);
    }
    return;
  }
  const defaultFile = env.HOME ? path.join(env.HOME, '.kube', 'config') : undefined;
  if (defaultFile === undefined || !fs.existsSync(defaultFile)) {
    throw new UsageError('no kubeconfig found: --kubeconfig is not given, KUBECONFIG is not set, and ' +
      `${defaultFile === undefined ? '~/.kube/config cannot be found ($HOME is not set)' : `~/.kube/config (${defaultFile}) does not exist`}; ${hint}`);
  }
}
