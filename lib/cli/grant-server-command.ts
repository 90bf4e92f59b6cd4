import { loadKubeContext } from '../runtime/kube-context';
import { Logger } from '../runtime/logger';
import { GRANT_SERVER_USAGE, parseGrantServerArgs, UsageError } from '../runtime/grant-server/grant-server-options';
import { GrantServerRuntime } from '../runtime/grant-server/grant-server-runtime';

/**
 * `cdk8s-skupper grant-server ...`: runs the grant server until SIGTERM or SIGINT, then shuts
 * down cleanly. Resolves to the exit code: 0 after a clean shutdown, 1 when it could not start,
 * 2 for bad arguments.
 */
export async function runGrantServerCommand(args: string[]): Promise<number> {
  let options;
  try {
    options = parseGrantServerArgs(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`cdk8s-skupper grant-server: ${error.message}\n${GRANT_SERVER_USAGE}\n`);
    return 2;
  }
  if (options === 'help') {
    process.stdout.write(GRANT_SERVER_USAGE + '\n');
    return 0;
  }
  const log = new Logger({ component: 'grant-server' });
  let runtime: GrantServerRuntime;
  try {
    const kube = loadKubeContext({ kubeconfig: options.kubeconfig, namespace: options.namespace });
    runtime = new GrantServerRuntime({ options, kube, log: log.with({ namespace: kube.namespace }) });
  } catch (error) {
    log.error('cannot start', { error: (error as Error).message });
    return 1;
  }

  const signalled = new Promise<NodeJS.Signals>((resolve) => {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => resolve(signal));
  });
  const started = runtime.start().then(() => undefined, (error: unknown) => error);
  const first = await Promise.race([signalled.then((signal) => ({ signal })), started.then((error) => ({ error }))]);
  if ('error' in first && first.error !== undefined) {
    log.error('start-up failed', { error: (first.error as Error).message ?? String(first.error) });
    await runtime.stop();
    return 1;
  }
  const signal = 'signal' in first ? first.signal : await signalled;
  log.info('shutting down', { signal });
  await runtime.stop();
  return 0;
}
