import { parseGoDuration } from '../../validation/go-duration';
import { parseListenAddress } from '../health-server';
import { CommandFlags, parseCommandFlags } from '../../cli/command-flags';

/** Everything `cdk8s-skupper grant-server` is configured with. */
export interface GrantServerOptions {
  readonly kubeconfig?: string;
  readonly namespace?: string;
  /** HTTPS port. */
  readonly port: number;
  readonly bindAddress: string;
  /** The kubernetes.io/tls Secret holding the server's certificate (tls.crt, tls.key). */
  readonly tlsSecret: string;
  /** `https://host[:port]`, without a path: grant URLs are `<baseUrl>/<namespace>/<name>`. */
  readonly baseUrl: string;
  readonly metricsAddress: { readonly host: string; readonly port: number };
  /** Time allowed for the request headers. */
  readonly headersTimeoutMs: number;
  /** Time allowed for the whole request (headers and body): slow clients are cut off. */
  readonly requestTimeoutMs: number;
  /** Largest accepted request body (the code); larger gets 413. */
  readonly maxBodyBytes: number;
  /** Failed attempts a client address may make in a burst before it gets 429. */
  readonly failedAttemptBurst: number;
  /** A client address regains one failed attempt per interval. */
  readonly failedAttemptIntervalMs: number;
  /** The key type of issued client certificates (see CLIENT_KEY_TYPES). */
  readonly clientKeyType: ClientKeyType;
  /** With rsa-2048: keys generated ahead of time, off the request path (0: each key on demand). */
  readonly keyPoolSize: number;
}

/**
 * ecdsa-p256 (the default): a key in well under a millisecond, linking skupper-router exactly like
 * RSA under the RSA site CA. rsa-2048: what Skupper's own grant server issues, for policies that
 * require RSA (~0.2 s of CPU per key, hence the key pool).
 */
export const CLIENT_KEY_TYPES = ['ecdsa-p256', 'rsa-2048'] as const;
export type ClientKeyType = typeof CLIENT_KEY_TYPES[number];

export const GRANT_SERVER_USAGE = [
  'usage: cdk8s-skupper grant-server --port N --tls-secret NAME --base-url https://HOST[:PORT]',
  '         [--namespace NS] [--kubeconfig FILE] [--bind-address 0.0.0.0] [--metrics-address :9191]',
  '         [--headers-timeout 10s] [--request-timeout 30s] [--max-body-bytes 4096]',
  '         [--failed-attempt-burst 10] [--failed-attempt-interval 6s]',
  '         [--client-key-type ecdsa-p256|rsa-2048] [--key-pool-size 4 (rsa-2048 only)]',
  '',
  'Serves Skupper\'s grant redemption protocol (POST /<namespace>/<grant>) for the LinkGrants of its',
  'namespace over HTTPS (TLS 1.3), and keeps their status. Flags take --flag=value or --flag value;',
  'a later flag overrides an earlier one. Runs until SIGTERM or SIGINT.',
].join('\n');

const FLAGS = [
  'kubeconfig', 'namespace', 'port', 'bind-address', 'tls-secret', 'base-url', 'metrics-address',
  'headers-timeout', 'request-timeout', 'max-body-bytes', 'failed-attempt-burst', 'failed-attempt-interval', 'client-key-type', 'key-pool-size',
] as const;
type Flag = typeof FLAGS[number];

/** Thrown for bad arguments: the command prints it with the usage and exits 2. */
export class UsageError extends Error {}

/** Parses the arguments after `grant-server`; returns 'help' for --help. */
export function parseGrantServerArgs(args: readonly string[]): GrantServerOptions | 'help' {
  let flags: CommandFlags;
  try {
    flags = parseCommandFlags(args, FLAGS.map(flag => `--${flag}`), '');
  } catch (error) {
    throw new UsageError((error as Error).message.trimEnd());
  }
  if (flags.help) return 'help';
  if (flags.positional.length > 0) {
    throw new UsageError(`unknown argument ${JSON.stringify(flags.positional[0])}`);
  }
  // Later flags win (parseCommandFlags keeps the last), so tests can append overrides.
  const values = new Map<Flag, string>([...flags.values].map(([flag, value]) => [flag.slice(2) as Flag, value]));
  const required = (flag: Flag): string => {
    const value = values.get(flag);
    if (value === undefined || value === '') throw new UsageError(`--${flag} is required`);
    return value;
  };
  const optional = (flag: Flag, fallback: string): string => values.get(flag) ?? fallback;
  const duration = (flag: Flag, fallback: string): number => usage(() => parseGoDuration(`--${flag}`, optional(flag, fallback)));

  const requestTimeoutMs = duration('request-timeout', '30s');
  // The default headers timeout shrinks with a shorter request timeout; an explicit one may not exceed it.
  const headersTimeoutMs = values.has('headers-timeout') ? duration('headers-timeout', '10s') : Math.min(10_000, requestTimeoutMs);
  if (headersTimeoutMs > requestTimeoutMs) {
    throw new UsageError(`--headers-timeout (${headersTimeoutMs} ms) must not exceed --request-timeout (${requestTimeoutMs} ms)`);
  }
  return {
    kubeconfig: values.get('kubeconfig'),
    namespace: values.get('namespace'),
    port: integer('--port', required('port'), 1, 65535),
    bindAddress: optional('bind-address', '0.0.0.0'),
    tlsSecret: required('tls-secret'),
    baseUrl: parseBaseUrl(required('base-url')),
    metricsAddress: usage(() => parseListenAddress(optional('metrics-address', ':9191'))),
    headersTimeoutMs,
    requestTimeoutMs,
    maxBodyBytes: integer('--max-body-bytes', optional('max-body-bytes', '4096'), 1, 1 << 20),
    failedAttemptBurst: integer('--failed-attempt-burst', optional('failed-attempt-burst', '10'), 1, 1_000_000),
    failedAttemptIntervalMs: duration('failed-attempt-interval', '6s'),
    clientKeyType: clientKeyType(optional('client-key-type', 'ecdsa-p256')),
    keyPoolSize: integer('--key-pool-size', optional('key-pool-size', '4'), 0, 256),
  };
}

/** `https://host[:port]` with no path, query or credentials; a trailing slash is dropped. */
export function parseBaseUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`invalid --base-url ${JSON.stringify(value)}: expected https://HOST[:PORT]`);
  }
  if (url.protocol !== 'https:' || url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '' || url.pathname !== '/') {
    throw new UsageError(`invalid --base-url ${JSON.stringify(value)}: expected https://HOST[:PORT] (redeemers only accept https; no path)`);
  }
  return `https://${url.host}`;
}

function clientKeyType(value: string): ClientKeyType {
  if (!(CLIENT_KEY_TYPES as readonly string[]).includes(value)) {
    throw new UsageError(`invalid --client-key-type ${JSON.stringify(value)}: expected one of ${CLIENT_KEY_TYPES.join(', ')}`);
  }
  return value as ClientKeyType;
}

function integer(what: string, value: string, min: number, max: number): number {
  const n = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw new UsageError(`invalid ${what} ${JSON.stringify(value)}: expected an integer from ${min} to ${max}`);
  }
  return n;
}

function usage<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
