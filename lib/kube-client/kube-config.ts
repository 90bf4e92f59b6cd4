import * as fs from 'fs';
import * as path from 'path';
import { KubeConfig } from '@kubernetes/client-node';

// Where the API server is and who we are, for the controllers (in a pod: in-cluster config) and
// for the commands a human runs (a kubeconfig, as kubectl finds it).

/** The pod's ServiceAccount files: where they are, the client uses the in-cluster config. */
const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';
const IN_CLUSTER_TOKEN = `${SERVICE_ACCOUNT_DIR}/token`;
const SERVICE_ACCOUNT_NAMESPACE_FILE = `${SERVICE_ACCOUNT_DIR}/namespace`;

/** A kubeconfig that is missing, unreadable or lacks the context asked for: bad input, which the CLI answers with exit code 2. */
export class KubeconfigError extends Error {
  public constructor(message: string) {
    super(message);
    this.name = 'KubeconfigError';
  }
}

/** Where a controller talks to, and which namespace it works in. */
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

/** For a controller: in-cluster config by default, `--kubeconfig` for out-of-cluster runs. */
export function loadKubeContext(options: KubeContextOptions): KubeContext {
  const kubeConfig = new KubeConfig();
  if (options.kubeconfig) {
    kubeConfig.loadFromFile(options.kubeconfig);
  } else {
    kubeConfig.loadFromCluster();
  }
  const namespace = options.namespace
    ?? (fs.existsSync(SERVICE_ACCOUNT_NAMESPACE_FILE) ? fs.readFileSync(SERVICE_ACCOUNT_NAMESPACE_FILE, 'utf8').trim() : undefined)
    ?? currentNamespace(kubeConfig);
  if (!namespace) {
    throw new Error('no namespace: pass --namespace, or run in a pod, or set a namespace in the kubeconfig context');
  }
  return { kubeConfig, namespace };
}

/** The namespace of the kubeconfig's current context, if it sets one. */
export function currentNamespace(kubeConfig: KubeConfig): string | undefined {
  return kubeConfig.getContextObject(kubeConfig.getCurrentContext())?.namespace;
}

/** One kubeconfig context to work on, with a KubeConfig whose current context is that one. */
export interface ContextConfig {
  readonly name: string;
  readonly kubeConfig: KubeConfig;
}

/**
 * The kubeconfig contexts named on the command line (each once, in the order given), or the
 * current context when none is named. The kubeconfig is `kubeconfigFile`, else KUBECONFIG or
 * ~/.kube/config, as kubectl does. Each context gets a KubeConfig of its own, since a client
 * reads the current context of its KubeConfig at every request. Throws a KubeconfigError for a
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
      throw new KubeconfigError(`cannot load the kubeconfig ${source}: ${(error as Error).message.split('\n')[0]}`);
    }
    return kubeConfig;
  };

  const first = load();
  const known = first.getContexts().map((context) => context.name);
  const wanted = contextNames.length > 0 ? [...new Set(contextNames)] : [first.getCurrentContext()].filter((name) => !!name);
  if (wanted.length === 0) {
    throw new KubeconfigError(`the kubeconfig ${source} has no current context: pass --context (contexts: ${known.join(', ') || 'none'})`);
  }
  return wanted.map((name, i) => {
    if (!first.getContextObject(name)) {
      throw new KubeconfigError(`context "${name}" is not in the kubeconfig ${source} (contexts: ${known.join(', ') || 'none'})`);
    }
    const kubeConfig = i === 0 ? first : load();
    kubeConfig.setCurrentContext(name);
    return { name, kubeConfig };
  });
}

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
      throw new KubeconfigError(`no kubeconfig found: --kubeconfig is not given, and no file that KUBECONFIG lists exists ` +
        `(${files.join(', ')}); ${hint}`);
    }
    return;
  }
  const defaultFile = env.HOME ? path.join(env.HOME, '.kube', 'config') : undefined;
  if (defaultFile === undefined || !fs.existsSync(defaultFile)) {
    throw new KubeconfigError('no kubeconfig found: --kubeconfig is not given, KUBECONFIG is not set, and ' +
      `${defaultFile === undefined ? '~/.kube/config cannot be found ($HOME is not set)' : `~/.kube/config (${defaultFile}) does not exist`}; ${hint}`);
  }
}
