import * as crypto from 'crypto';
import * as https from 'https';
import type { AddressInfo } from 'net';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { makeKeepAliveApiClient } from '../../../../lib/controllers/machinery/api-client';
import { openssl } from '../../pki/pki-test-support';

/** An HTTPS "API server" answering every GET with an empty Secret; counts connections and requests. */
async function fakeApiServer(): Promise<{ kubeConfig: KubeConfig; connections: () => number; requests: string[]; close: () => Promise<void> }> {
  const key = crypto.generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const cert = openssl(['req', '-x509', '-new', '-key', 'k.pem', '-subj', '/CN=127.0.0.1', '-days', '1', '-addext', 'subjectAltName=IP:127.0.0.1'], { 'k.pem': key });
  const requests: string[] = [];
  let connections = 0;
  const server = https.createServer({ key, cert }, (req, res) => {
    requests.push(`${req.method} ${req.url} ${req.headers.authorization ?? ''}`);
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' } }));
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

test('API calls share a keep-alive connection, with the kubeconfig\'s authentication on each', async () => {
  const fake = await fakeApiServer();
  try {
    const api = makeKeepAliveApiClient(fake.kubeConfig, CoreV1Api);
    for (let i = 0; i < 3; i++) await api.readNamespacedSecret({ namespace: 'ns', name: 's' });
    // A second client of the same kubeconfig shares the agent.
    await makeKeepAliveApiClient(fake.kubeConfig, CoreV1Api).readNamespacedSecret({ namespace: 'ns', name: 's' });
    expect(fake.requests).toEqual(Array(4).fill('GET /api/v1/namespaces/ns/secrets/s Bearer the-token'));
    expect(fake.connections()).toBe(1);
  } finally {
    await fake.close();
  }
});
