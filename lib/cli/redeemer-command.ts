import { RUNTIME_METRICS_PORT } from '../api/defaults';
import { Logger } from '../controllers/machinery/logger';
import { RedeemerController, RedeemerOptions } from '../controllers/redeemer/redeemer-controller';
import { loadKubeContext } from '../kube-client/kube-config';
import { FlagTable, parseFlags, usageText } from './flags';
import { parseListenAddress } from './listen-address';
import { untilSignalled } from './signals';

const FLAGS = {
  'kubeconfig': { kind: 'value', placeholder: 'FILE', help: 'a kubeconfig (default: the in-cluster config)' },
  'namespace': { kind: 'value', placeholder: 'NS', help: 'the namespace of the LinkTokens (default: the pod\'s)' },
  'metrics-address': { kind: 'value', placeholder: '[HOST]:PORT', default: `:${RUNTIME_METRICS_PORT}`, help: 'where /healthz, /readyz and /metrics are served' },
} as const satisfies FlagTable;

export const REDEEMER_USAGE = usageText('redeemer', FLAGS, [
  'Runs the token redeemer of one namespace: redeems each LinkToken once at its grant server,',
  'creates the Secret and Link(s) it answers with (owned by the Site), and reports the Links\'',
  'state on the LinkToken. Serves /healthz, /readyz and /metrics on --metrics-address.',
  'In-cluster config and the pod\'s namespace unless told otherwise. Stops cleanly on SIGTERM or SIGINT.',
]);

/**
 * `cdk8s-skupper redeemer ...`: `args` are the arguments after "redeemer". Runs until SIGTERM or
 * SIGINT, then stops cleanly. Resolves to the exit code: 0 after a clean shutdown, 1 when it
 * could not start, 2 for bad arguments.
 */
export async function runRedeemerCommand(args: string[]): Promise<number> {
  let flags;
  try {
    flags = parseFlags(args, FLAGS, REDEEMER_USAGE);
  } catch (error) {
    process.stderr.write(`cdk8s-skupper redeemer: ${(error as Error).message}\n`);
    return 2;
  }
  if (flags.help) {
    process.stdout.write(REDEEMER_USAGE + '\n');
    return 0;
  }
  let log = new Logger({ component: 'redeemer' });
  let options: RedeemerOptions;
  try {
    const listen = parseListenAddress(flags.value('metrics-address')!);
    const kube = loadKubeContext({ kubeconfig: flags.value('kubeconfig'), namespace: flags.value('namespace') });
    log = log.with({ namespace: kube.namespace });
    options = { kube, listen, log };
  } catch (error) {
    log.error('cannot start', { error: (error as Error).message });
    return 1;
  }

  // Listening before start-up: a signal meanwhile still stops the redeemer cleanly.
  const signals = untilSignalled();
  const redeemer = new RedeemerController(options);
  let port: number;
  try {
    port = await redeemer.start();
  } catch (error) {
    signals.cancel();
    log.error('cannot start', { error: (error as Error).message });
    return 1;
  }
  log.info('redeemer started', { metricsPort: port });
  const signal = await signals.received;
  log.info('stopping redeemer', { signal });
  await redeemer.stop();
  log.info('redeemer stopped');
  return 0;
}
