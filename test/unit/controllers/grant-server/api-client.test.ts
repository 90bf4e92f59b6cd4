import * as tls from 'tls';
import { CoreV1Api } from '@kubernetes/client-node';
import { makeKeepAliveApiClient } from '../../../../lib/controllers/machinery/api-client';
import { fakeApiServer } from '../machinery/fake-api-server';

afterEach(() => jest.restoreAllMocks());

test('API calls share a keep-alive connection, with the kubeconfig\'s authentication on each', async () => {
  const fake = await fakeApiServer();
  try {
    const api = makeKeepAliveApiClient(fake.kubeConfig, CoreV1Api);
    for (let i = 0; i < 3; i++) await api.readNamespacedSecret({ namespace: 'ns', name: 's' });
    // A second client of the same kubeconfig shares the agent.
    await makeKeepAliveApiClient(fake.kubeConfig, CoreV1Api).readNamespacedSecret({ namespace: 'ns', name: 's' });
    expect(fake.requests.map((r) => r.line)).toEqual(Array(4).fill('GET /api/v1/namespaces/ns/secrets/s Bearer the-token'));
    expect(fake.connections()).toBe(1);
  } finally {
    await fake.close();
  }
});

test('parallel calls open parallel connections, all with one secure context (the kubeconfig\'s PEMs parsed once)', async () => {
  const fake = await fakeApiServer();
  try {
    const api = makeKeepAliveApiClient(fake.kubeConfig, CoreV1Api);
    const contexts = jest.spyOn(tls, 'createSecureContext');
    await Promise.all(Array.from({ length: 4 }, () => api.readNamespacedSecret({ namespace: 'ns', name: 's' })));
    expect(fake.connections()).toBe(4);
    expect(contexts).toHaveBeenCalledTimes(1);
  } finally {
    await fake.close();
  }
});
