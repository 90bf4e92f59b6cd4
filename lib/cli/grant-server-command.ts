import { RUNTIME_METRICS_PORT } from '../api/defaults';
import { GrantServerController } from '../controllers/grant-server/grant-server-controller';
import { CLIENT_KEY_TYPES, ClientKeyType, GrantServerOptions } from '../controllers/grant-server/grant-server-options';
import { Logger } from '../controllers/machinery/logger';
import { loadKubeContext } from '../kube-client/kube-config';
import { parseGoDuration } from '../validation/go-duration';
import { FlagTable, parseFlags, ParsedFlags, usageText } from './flags';
import { parseListenAddress } from './listen-address';
import { untilSignalled } from './signals';
import { UsageError } from './usage-error';

const FLAGS = {
  'port': { kind: 'value', required: true, placeholder: 'N', help: 'the HTTPS port' },
  'tls-secret': { kind: 'value', required: true, placeholder: 'NAME', help: 'the kubernetes.io/tls Secret with the server\'s certificate' },
  'base-url': { kind: 'value', required: true, placeholder: 'https://HOST[:PORT]', help: 'where redeemers reach it: grant URLs are <base-url>/<ns>/<grant>' },
  'namespace': { kind: 'value', placeholder: 'NS', help: 'the namespace of the LinkGrants (default: the pod\'s)' },
  'kubeconfig': { kind: 'value', placeholder: 'FILE', help: 'a kubeconfig (default: the in-cluster config)' },
  'bind-address': { kind: 'value', placeholder: 'ADDRESS', default: '0.0.0.0', help: 'the address the HTTPS port listens on' },
  'metrics-address': { kind: 'value', placeholder: '[HOST]:PORT', default: `:${RUNTIME_METRICS_PORT}`, help: 'where /healthz, /readyz and /metrics are served' },
  'headers-timeout': { kind: 'value', placeholder: 'DURATION', help: 'time for the request headers (default 10s, or --request-timeout if less)' },
  'request-timeout': { kind: 'value', placeholder: 'DURATION', default: '30s', help: 'time allowed for the whole request' },
  'max-body-bytes': { kind: 'value', placeholder: 'N', default: '4096', help: 'the largest request body (the code), else 413' },
  'failed-attempt-burst': { kind: 'value', placeholder: 'N', default: '10', help: 'failed attempts per client address in a burst, then 429' },
  'failed-attempt-interval': { kind: 'value', placeholder: 'DURATION', default: '6s', help: 'a client address regains one attempt per interval' },
  'client-key-type': { kind: 'value', placeholder: CLIENT_KEY_TYPES.join('|'), default: 'ecdsa-p256', help: 'the key type of issued client certificates' },
  'key-pool-size': { kind: 'value', placeholder: 'N', default: '4', help: 'with rsa-2048: keys made ahead, off the request path' },
} as const satisfies FlagTable;

/** The headers timeout when --headers-timeout is absent: this, or the request timeout if shorter. */
const HEADERS_TIMEOUT_MS = 10_000;

export const GRANT_SERVER_USAGE = usageText('grant-server', FLAGS, [
  'Serves Skupper\'s grant redemption protocol (POST /<namespace>/<grant>) for the LinkGrants of its',
  'namespace over HTTPS (TLS 1.3), and keeps their status. Flags take --flag=value or --flag value;',
  'a later flag overrides an earlier one. Runs until SIGTERM or SIGINT.',
]);

/** Parses the arguments after `grant-server`; returns 'help' for --help. Throws a UsageError (with the usage) for bad ones. */
export function parseGrantServerArgs(args: readonly string[]): GrantServerOptions | 'help' {
  const flags = parseFlags(args, FLAGS, GRANT_SERVER_USAGE);
  if (flags.help) return 'help';
  const value = (name: keyof typeof FLAGS): string => flags.value(name)!;
  const duration = (name: keyof typeof FLAGS): number => usage(() => parseGoDuration(`--${name}`, value(name)));
  const requestTimeoutMs = duration('request-timeout');
  // The default headers timeout shrinks with a shorter request timeout; an explicit one may not exceed it.
  const headersTimeoutMs = flags.given('headers-timeout') ? duration('headers-timeout') : Math.min(HEADERS_TIMEOUT_MS, requestTimeoutMs);
  if (headersTimeoutMs > requestTimeoutMs) {
    throw usageError(`--headers-timeout (${headersTimeoutMs} ms) must not exceed --request-timeout (${requestTimeoutMs} ms)`);
  }
  return {
    kubeconfig: flags.value('kubeconfig'),
    namespace: flags.value('namespace'),
    port: integer(flags, 'port', 1, 65535),
    bindAddress: value('bind-address'),
    tlsSecret: value('tls-secret'),
    baseUrl: parseBaseUrl(value('base-url')),
    metricsAddress: usage(() => parseListenAddress(value('metrics-address'))),
    headersTimeoutMs,
    requestTimeoutMs,
    maxBodyBytes: integer(flags, 'max-body-bytes', 1, 1 << 20),
    failedAttemptBurst: integer(flags, 'failed-attempt-burst', 1, 1_000_000),
    failedAttemptIntervalMs: duration('failed-attempt-interval'),
    clientKeyType: clientKeyType(value('client-key-type')),
    keyPoolSize: integer(flags, 'key-pool-size', 0, 256),
  };
}

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
    process.stderr.write(`cdk8s-skupper grant-server: ${error.message}\n`);
    return 2;
  }
  if (options === 'help') {
    process.stdout.write(GRANT_SERVER_USAGE + '\n');
    return 0;
  }
  const log = new Logger({ component: 'grant-server' });
  let controller: GrantServerController;
  try {
    const kube = loadKubeContext({ kubeconfig: options.kubeconfig, namespace: options.namespace });
    controller = new GrantServerController({ options, kube, log: log.with({ namespace: kube.namespace }) });
  } catch (error) {
    log.error('cannot start', { error: (error as Error).message });
    return 1;
  }

  const signals = untilSignalled();
  const started = controller.start().then(() => undefined, (error: unknown) => error);
  const first = await Promise.race([signals.received.then((signal) => ({ signal })), started.then((error) => ({ error }))]);
  if ('error' in first && first.error !== undefined) {
    signals.cancel();
    log.error('start-up failed', { error: (first.error as Error).message ?? String(first.error) });
    await controller.stop();
    return 1;
  }
  const signal = 'signal' in first ? first.signal : await signals.received;
  log.info('shutting down', { signal });
  await controller.stop();
  return 0;
}

/** `https://host[:port]` with no path, query or credentials; a trailing slash is dropped. */
export function parseBaseUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw usageError(`invalid --base-url ${JSON.stringify(value)}: expected https://HOST[:PORT]`);
  }
  if (url.protocol !== 'https:' || url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '' || url.pathname !== '/') {
    throw usageError(`invalid --base-url ${JSON.stringify(value)}: expected https://HOST[:PORT] (redeemers only accept https; no path)`);
  }
  return `https://${url.host}`;
}

function clientKeyType(value: string): ClientKeyType {
  if (!(CLIENT_KEY_TYPES as readonly string[]).includes(value)) {
    throw usageError(`invalid --client-key-type ${JSON.stringify(value)}: expected one of ${CLIENT_KEY_TYPES.join(', ')}`);
  }
  return value as ClientKeyType;
}

function integer(flags: ParsedFlags<typeof FLAGS>, name: keyof typeof FLAGS, min: number, max: number): number {
  const value = flags.value(name)!;
  const n = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw usageError(`invalid --${name} ${JSON.stringify(value)}: expected an integer from ${min} to ${max}`);
  }
  return n;
}

function usage<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw usageError((error as Error).message);
  }
}

function usageError(reason: string): UsageError {
  return new UsageError(`${reason}\n${GRANT_SERVER_USAGE}`);
}
