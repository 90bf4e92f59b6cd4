// A real HTTPS server on 127.0.0.1 faking a kube-apiserver (throwaway CA, bearer
// token), and a kubeconfig pointing at it, so the commands run end to end through client-node's
// credential handling without a cluster.
import * as fs from 'fs';
import * as http from 'http';
import * as https from 'https';
import { AddressInfo } from 'net';
import * as path from 'path';
import * as YAML from 'yaml';
import { throwawayPki } from '../controllers/redeemer/redemption-fixtures';

export const FAKE_TOKEN = 'fake-bearer-token';

/** One route's answer: status and body (objects are sent as JSON). */
export interface FakeServerAnswer {
  readonly status?: number;
  readonly body: unknown;
  readonly contentType?: string;
}

export interface FakeApiServer {
  readonly url: string;
  /** Paths (with query) of the GETs received, and whether each carried the bearer token. */
  readonly received: { readonly path: string; readonly authorized: boolean; readonly accept?: string }[];
  /** TLS connections accepted so far. */
  connections(): number;
  close(): Promise<void>;
}

const pki = throwawayPki('127.0.0.1');

/** Starts the server; `routes` maps a path (without query) to its answer; anything else is a 404 Status. */
export async function startFakeApiServer(routes: Readonly<Record<string, FakeServerAnswer>>): Promise<FakeApiServer> {
  const received: FakeApiServer['received'] = [];
  const server = https.createServer({ key: pki.server.serverPrivateKeyPem, cert: pki.server.serverCertificatePem }, (req: http.IncomingMessage, res: http.ServerResponse) => {
    const requestPath = req.url ?? '';
    received.push({ path: requestPath, authorized: req.headers.authorization === `Bearer ${FAKE_TOKEN}`, accept: req.headers.accept });
    const answer = routes[requestPath.split('?')[0]] ?? { status: 404, body: { kind: 'Status', status: 'Failure', message: `${requestPath} not found`, code: 404 } };
    const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
    res.writeHead(answer.status ?? 200, { 'Content-Type': answer.contentType ?? (typeof answer.body === 'string' ? 'text/plain' : 'application/json') }).end(text);
  });
  let connections = 0;
  server.on('secureConnection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    connections: () => connections,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** Writes a kubeconfig with one context per `contexts` entry (name → server URL); returns its path. */
export function writeFakeKubeconfig(dir: string, contexts: Readonly<Record<string, string>>, current = Object.keys(contexts)[0]): string {
  const file = path.join(dir, 'kubeconfig');
  const names = Object.keys(contexts);
  fs.writeFileSync(file, YAML.stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: names.map((name) => ({ name, cluster: { server: contexts[name], 'certificate-authority-data': Buffer.from(pki.server.caCertificatePem).toString('base64') } })),
    users: [{ name: 'tester', user: { token: FAKE_TOKEN } }],
    contexts: names.map((name) => ({ name, context: { cluster: name, user: 'tester' } })),
    'current-context': current,
  }), { mode: 0o600 });
  return file;
}
