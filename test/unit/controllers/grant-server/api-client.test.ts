import * as tls from 'tls';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { makeKeepAliveApiClient } from '../../../../lib/controllers/machinery/api-client';
import { FakeApiServer, startFakeApiServer, writeFakeKubeconfig } from '../../commands/fake-api-server';
import { makeTempDir } from '../../pki/pki-test-support';

const SECRET_PATH = '/api/v1/namespaces/ns/secrets/s';

afterEach(() => jest.restoreAllMocks());

/** A fake API server answering the Secret, and a kubeconfig for it (bearer token, its CA). */
async function fakeApiServer(): Promise<{ fake: FakeApiServer; kubeConfig: KubeConfig }> {
  const fake = await startFakeApiServer({ [SECRET_PATH]: { body: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' } } } });
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromFile(writeFakeKubeconfig(makeTempDir('api-client'), { fake: fake.url }));
  return { fake, kubeConfig };
}

test('API calls share a keep-alive connection, with the kubeconfig\'s authentication on each', async () => {
  const { fake, kubeConfig } = await fakeApiServer();
  try {
    const api = makeKeepAliveApiClient(kubeConfig, CoreV1Api);
    for (let i = 0; i < 3; i++) await api.readNamespacedSecret({ namespace: 'ns', name: 's' });
    // A second client of the same kubeconfig shares the agent.
    await makeKeepAliveApiClient(kubeConfig, CoreV1Api).readNamespacedSecret({ namespace: 'ns', name: 's' });
    expect(fake.received.map((r) => `GET ${r.path} ${r.authorized ? 'Bearer token' : 'no token'}`)).toEqual(Array(4).fill(`GET ${SECRET_PATH} Bearer token`));
    expect(fake.connections()).toBe(1);
  } finally {
    await fake.close();
  }
});

test('parallel calls open parallel connections, all with one secure context (the kubeconfig\'s PEMs parsed once)', async () => {
  const { fake, kubeConfig } = await fakeApiServer();
  try {
    const api = makeKeepAliveApiClient(kubeConfig, CoreV1Api);
    const contexts = jest.spyOn(tls, 'createSecureContext');
    await Promise.all(Array.from({ length: 4 }, () => api.readNamespacedSecret({ namespace: 'ns', name: 's' })));
    expect(fake.connections()).toBe(4);
    expect(contexts).toHaveBeenCalledTimes(1);
  } finally {
    await fake.close();
  }
});
