import * as crypto from 'crypto';
import * as https from 'https';
import type { AddressInfo } from 'net';
import { KubeConfig } from '@kubernetes/client-node';
import { openssl } from '../../pki/pki-test-support';

/** What the fake API server answers: a status and a JSON body. */
export interface FakeAnswer {
  readonly status: number;
  readonly body: unknown;
}

/** A request as the fake API server saw it. */
export interface SeenRequest {
  readonly line: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
}

export interface FakeApiServer {
  readonly kubeConfig: KubeConfig;
  readonly requests: SeenRequest[];
  connections(): number;
  close(): Promise<void>;
}

/**
 * An HTTPS "API server" (its own certificate, trusted by the kubeconfig, which authenticates with a
 * bearer token) that answers every request with `answer(request)` (by default an empty Secret),
 * and counts TLS connections.
 */
export async function fakeApiServer(answer: (request: SeenRequest) => FakeAnswer = () => ({ status: 200, body: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' } } })): Promise<FakeApiServer> {
  const key = crypto.generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const cert = openssl(['req', '-x509', '-new', '-key', 'k.pem', '-subj', '/CN=127.0.0.1', '-days', '1', '-addext', 'subjectAltName=IP:127.0.0.1'], { 'k.pem': key });
  const requests: SeenRequest[] = [];
  let connections = 0;
  const server = https.createServer({ key, cert }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const seen = { line: `${req.method} ${req.url} ${req.headers.authorization ?? ''}`, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(seen);
      const { status, body } = answer(seen);
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body));
    });
  });
  server.on('secureConnection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromOptions({
    clusters: [{ name: 'c', server: `https://127.0.0.1:${(server.address() as AddressInfo).port}`, caData: Buffer.from(cert).toString('base64') }],
    users: [{ name: 'u', token: 'the-token' }],
    contexts: [{ name: 'x', cluster: 'c', user: 'u' }],
    currentContext: 'x',
  });
  return {
    kubeConfig, requests, connections: () => connections,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
