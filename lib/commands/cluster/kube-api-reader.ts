import * as http from 'http';
import * as https from 'https';
import type { KubeConfig } from '@kubernetes/client-node';
import { statusMessage } from '../../kube-client/api-errors';

/** An answer of the API server: any status, the body as text. */
export interface KubeResponse {
  readonly status: number;
  readonly body: string;
}

/**
 * Read-only access to one cluster's API server by REST path, which is all the operator
 * commands need (and what fakes in tests stand in for).
 */
export interface KubeApiReader {
  /** The kubeconfig context, for messages. */
  readonly context: string;
  /**
   * GETs `path` (with its query) from the API server. Resolves with any HTTP status; rejects
   * with a KubeUnreachableError when no complete answer came.
   */
  get(path: string, accept?: string): Promise<KubeResponse>;
}

/** No complete answer from a context's API server: refused, timed out, TLS failed, bad kubeconfig. */
export class KubeUnreachableError extends Error {
  public constructor(public readonly context: string, message: string) {
    super(message);
    this.name = 'KubeUnreachableError';
  }
}

/** The API server answered with an error status. */
export class KubeApiError extends Error {
  public constructor(
    public readonly context: string,
    public readonly status: number,
    public readonly path: string,
    /** The message of the API's Status object (or the start of the body). */
    public readonly detail: string,
  ) {
    super(`GET ${path}: ${status} ${detail}`.trimEnd());
    this.name = 'KubeApiError';
  }

  /** For messages: "forbidden (RBAC)" for a 403, else the status and the API's message. */
  public get reason(): string {
    return this.status === 403 ? 'forbidden (RBAC)' : `${this.status} ${this.detail}`.trimEnd();
  }
}

export const JSON_ACCEPT = 'application/json';

/** Generous for a list, short enough that a black-holed API server does not hang the command. */
const DEFAULT_TIMEOUT_MS = 15_000;

/** Lists are paged, so an answer far larger than this is not one we asked for. */
const MAX_BODY_BYTES = 64 * 1024 * 1024;

/**
 * A KubeApiReader over a KubeConfig: the server and credentials of its current context
 * (client certificates, tokens, exec plugins, proxy-url), applied by client-node's
 * applyToHTTPSOptions. Every request is bounded by `timeoutMs`.
 */
export class KubeConfigApiReader implements KubeApiReader {
  public constructor(
    public readonly context: string,
    private readonly kubeConfig: KubeConfig,
    private readonly timeoutMs: number = DEFAULT_TIMEOUT_MS,
  ) {}

  public async get(path: string, accept: string = JSON_ACCEPT): Promise<KubeResponse> {
    const server = this.kubeConfig.getCurrentCluster()?.server;
    if (!server) {
      throw new KubeUnreachableError(this.context, `context "${this.context}" has no cluster server in the kubeconfig`);
    }
    // The server may carry a path prefix (e.g. Rancher's /k8s/clusters/<id>), so append rather than resolve.
    const url = new URL(server.replace(/\/+$/, '') + path);
    const options: https.RequestOptions = { method: 'GET', headers: { Accept: accept }, timeout: this.timeoutMs };
    try {
      await this.kubeConfig.applyToHTTPSOptions(options);
    } catch (error) {
      throw new KubeUnreachableError(this.context, `cannot use the credentials of context "${this.context}": ${(error as Error).message.split('\n')[0]}`);
    }
    const unreachable = (why: string): KubeUnreachableError =>
      new KubeUnreachableError(this.context, `cannot reach the API server of context "${this.context}" (${server}): ${why}`);

    return new Promise<KubeResponse>((resolve, reject) => {
      let settled = false;
      const settle = (outcome: KubeResponse | Error): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (outcome instanceof Error) reject(outcome);
        else resolve(outcome);
      };
      const request = (url.protocol === 'http:' ? http : https).request(url, options, (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_BODY_BYTES) {
            settle(unreachable(`answer to GET ${url.pathname} is larger than ${MAX_BODY_BYTES} bytes`));
            request.destroy();
            return;
          }
          chunks.push(chunk);
        });
        response.on('error', (error) => settle(unreachable(error.message)));
        response.on('end', () => settle({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      });
      const timer = setTimeout(() => {
        settle(unreachable(`no answer within ${this.timeoutMs / 1000} s`));
        request.destroy();
      }, this.timeoutMs);
      request.on('error', (error) => settle(unreachable(error.message)));
      request.end();
    });
  }
}

/** GETs `path` and parses the JSON answer; throws a KubeApiError for an error status. */
export async function getJson<T>(reader: KubeApiReader, path: string, accept: string = JSON_ACCEPT): Promise<T> {
  const response = await reader.get(path, accept);
  if (response.status < 200 || response.status >= 300) {
    throw new KubeApiError(reader.context, response.status, path, statusMessage(response.body));
  }
  try {
    return JSON.parse(response.body) as T;
  } catch {
    throw new KubeApiError(reader.context, response.status, path, 'the answer is not JSON');
  }
}
