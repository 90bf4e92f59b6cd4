import { KubeApiReader, KubeResponse, KubeUnreachableError } from '../../../lib/commands/cluster/kube-api-reader';

/** What a route answers: an object (200, as JSON), a status with a message, raw text, or no answer at all. */
export type FakeAnswer =
  | { readonly json: unknown }
  | { readonly status: number; readonly message?: string }
  | { readonly text: string; readonly status?: number }
  | 'unreachable';

/** A GET as the fake saw it. */
export interface FakeRequest {
  readonly path: string;
  readonly query: URLSearchParams;
  readonly accept: string | undefined;
}

/**
 * An API server by REST path, for the operator commands' logic. Routes match the path without
 * the query; unknown paths answer 404 like the API server does for a resource that is not
 * served. Lists are returned whole (one page).
 */
export class FakeKubeApi implements KubeApiReader {
  public readonly requests: FakeRequest[] = [];
  private readonly routes = new Map<string, FakeAnswer | ((request: FakeRequest) => FakeAnswer)>();

  public constructor(public readonly context: string = 'fake') {
    this.on('/version', { json: { gitVersion: 'v1.36.3' } });
  }

  public on(path: string, answer: FakeAnswer | ((request: FakeRequest) => FakeAnswer)): this {
    this.routes.set(path, answer);
    return this;
  }

  /** A list answer for `path`. */
  public list(path: string, items: readonly unknown[]): this {
    return this.on(path, { json: { kind: 'List', metadata: {}, items } });
  }

  public async get(path: string, accept?: string): Promise<KubeResponse> {
    await new Promise((resolve) => setImmediate(resolve));
    const [bare, query = ''] = path.split('?');
    const request = { path: bare, query: new URLSearchParams(query), accept };
    this.requests.push(request);
    const route = this.routes.get(bare);
    const answer = typeof route === 'function' ? route(request) : route ?? { status: 404, message: 'the server could not find the requested resource' };
    if (answer === 'unreachable') {
      throw new KubeUnreachableError(this.context, `cannot reach the API server of context "${this.context}" (https://127.0.0.1:1): connect ECONNREFUSED 127.0.0.1:1`);
    }
    if ('json' in answer) return { status: 200, body: JSON.stringify(answer.json) };
    if ('text' in answer) return { status: answer.status ?? 200, body: answer.text };
    return { status: answer.status, body: JSON.stringify({ kind: 'Status', status: 'Failure', message: answer.message ?? '', code: answer.status }) };
  }
}
