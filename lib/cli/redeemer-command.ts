import { parseListenAddress } from '../runtime/health-server';
import { loadKubeContext } from '../runtime/kube-context';
import { Logger } from '../runtime/logger';
import { parseCommandFlags } from './command-flags';
import { RedeemerOptions, RunningRedeemer, startRedeemer } from '../runtime/redeemer/redeemer-controller';

export const REDEEMER_USAGE = [
  'usage: cdk8s-skupper redeemer [--kubeconfig FILE] [--namespace NS] [--metrics-address [HOST]:PORT]',
  '',
  'Runs the token redeemer of one namespace: redeems each LinkToken once at its grant server,',
  'creates the Secret and Link(s) it answers with (owned by the Site), and reports the Links\'',
  'state on the LinkToken. Serves /healthz, /readyz and /metrics on --metrics-address (default :9191).',
  'In-cluster config and the pod\'s namespace unless told otherwise. Stops cleanly on SIGTERM or SIGINT.',
].join('\n');

/** The health and metrics port of the runtime (RUNTIME_METRICS_PORT of the constructs). */
const DEFAULT_METRICS_ADDRESS = ':9191';

/**
 * `cdk8s-skupper redeemer ...`: `args` are the arguments after "redeemer". Runs until SIGTERM or
 * SIGINT, then stops cleanly. Resolves to the exit code: 0 after a clean shutdown, 1 when it
 * could not start, 2 for bad arguments.
 */
export async function runRedeemerCommand(args: string[]): Promise<number> {
  let flags;
  try {
    flags = parseCommandFlags(args, ['--kubeconfig', '--namespace', '--metrics-address'], REDEEMER_USAGE);
    if (flags.positional.length > 0) {
      throw new Error(`unexpected argument ${JSON.stringify(flags.positional[0])}\n${REDEEMER_USAGE}`);
    }
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
    const listen = parseListenAddress(flags.values.get('--metrics-address') ?? DEFAULT_METRICS_ADDRESS);
    const kube = loadKubeContext({ kubeconfig: flags.values.get('--kubeconfig'), namespace: flags.values.get('--namespace') });
    log = log.with({ namespace: kube.namespace });
    options = { kube, listen, log };
  } catch (error) {
    log.error('cannot start', { error: (error as Error).message });
    return 1;
  }

  // Listening before start-up: a signal meanwhile still stops the redeemer cleanly.
  const signals = untilSignalled();
  let redeemer: RunningRedeemer;
  try {
    redeemer = await startRedeemer(options);
  } catch (error) {
    signals.cancel();
    log.error('cannot start', { error: (error as Error).message });
    return 1;
  }
  log.info('redeemer started', { metricsPort: redeemer.port });
  const signal = await signals.received;
  log.info('stopping redeemer', { signal });
  await redeemer.stop();
  log.info('redeemer stopped');
  return 0;
}

/** The first SIGTERM or SIGINT; the handlers go once it came (a second signal kills as usual). */
function untilSignalled(): { readonly received: Promise<NodeJS.Signals>; cancel(): void } {
  let handler: (signal: NodeJS.Signals) => void = () => undefined;
  const cancel = (): void => {
    process.off('SIGTERM', handler);
    process.off('SIGINT', handler);
  };
  const received = new Promise<NodeJS.Signals>(resolve => {
    handler = (signal: NodeJS.Signals): void => {
      cancel();
      resolve(signal);
    };
  });
  process.on('SIGTERM', handler);
  process.on('SIGINT', handler);
  return { received, cancel };
}
