/** Everything the grant server is configured with (the CLI makes it from `cdk8s-skupper grant-server`'s flags). */
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
