import { fetchActiveKeyCertificate } from '../../../../lib/commands/fetch-cert/active-key-certificate';
import { DEFAULT_SEALED_SECRETS_CONTROLLER } from '../../../../lib/commands/cluster/sealed-secrets-controller';
import { fetchCertificateThroughServiceProxy, serviceProxyCertificatePath } from '../../../../lib/commands/fetch-cert/service-proxy-certificate';
import { rsaCertificate } from '../certificates';
import { FakeKubeApi } from '../fake-kube-api';
import { PROXY_PATH, SECRETS_PATH, SERVICE, SERVICE_PATH, WEST_PEM } from './fetch-cert-fixtures';

describe('the service proxy path (as kubeseal --fetch-cert)', () => {
  test('is http:<name>:<first port name> under the controller namespace\'s services', () => {
    expect(serviceProxyCertificatePath(DEFAULT_SEALED_SECRETS_CONTROLLER, 'http')).toBe(PROXY_PATH);
    expect(serviceProxyCertificatePath({ name: 'sealed-secrets', namespace: 'sealed-secrets' }, 'http'))
      .toBe('/api/v1/namespaces/sealed-secrets/services/http:sealed-secrets:http/proxy/v1/cert.pem');
    // client-go's ProxyGet with an unnamed port (a Service with a single port).
    expect(serviceProxyCertificatePath(DEFAULT_SEALED_SECRETS_CONTROLLER, '')).toBe('/api/v1/namespaces/kube-system/services/http:sealed-secrets-controller:/proxy/v1/cert.pem');
  });

  test('reads the Service for its first port name, then GETs the certificate as PEM', async () => {
    const api = new FakeKubeApi('west')
      .on(SERVICE_PATH, { json: { ...SERVICE, spec: { ports: [{ name: 'web', port: 8080 }, { name: 'metrics', port: 8081 }] } } })
      .on('/api/v1/namespaces/kube-system/services/http:sealed-secrets-controller:web/proxy/v1/cert.pem', { text: WEST_PEM });
    expect(await fetchCertificateThroughServiceProxy(api, DEFAULT_SEALED_SECRETS_CONTROLLER)).toBe(WEST_PEM);
    expect(api.requests.map((r) => [r.path, r.accept])).toEqual([
      [SERVICE_PATH, 'application/json'],
      ['/api/v1/namespaces/kube-system/services/http:sealed-secrets-controller:web/proxy/v1/cert.pem', 'application/x-pem-file, */*'],
    ]);
  });

  test('a 404 (no such Service, or nothing behind the proxy) says where it looked and what to pass instead', async () => {
    const noService = new FakeKubeApi('west');
    const error = fetchCertificateThroughServiceProxy(noService, DEFAULT_SEALED_SECRETS_CONTROLLER);
    await expect(error).rejects.toThrow('no sealed-secrets controller: Service sealed-secrets-controller in namespace kube-system (context "west") not found; '
      + 'if the controller is installed elsewhere, pass --controller-name and --controller-namespace (the Helm chart names it after its release, e.g. sealed-secrets), '
      + 'or pass --from-key-secret to read the certificate from the controller\'s active key Secret instead');

    const proxy404 = new FakeKubeApi('west').on(SERVICE_PATH, { json: SERVICE }).on(PROXY_PATH, { status: 404, message: 'page not found' });
    const message = await fetchCertificateThroughServiceProxy(proxy404, DEFAULT_SEALED_SECRETS_CONTROLLER).catch((e: Error) => e.message);
    expect(message).toContain(`the API server's service proxy answered 404 page not found for ${PROXY_PATH}: the Service is not there or has no ready endpoints`);
    expect(message).toContain('--controller-name and --controller-namespace');
    expect(message).toContain('--from-key-secret');
  });

  test('other proxy failures say the status and point at --from-key-secret', async () => {
    const api = new FakeKubeApi('west').on(SERVICE_PATH, { json: SERVICE })
      .on(PROXY_PATH, { status: 503, message: 'no endpoints available for service "http:sealed-secrets-controller:http"' });
    await expect(fetchCertificateThroughServiceProxy(api, DEFAULT_SEALED_SECRETS_CONTROLLER)).rejects.toThrow(
      `cannot fetch the certificate through the API server's service proxy (GET ${PROXY_PATH}: 503 no endpoints available for service "http:sealed-secrets-controller:http"); `
      + 'is the controller running behind Service sealed-secrets-controller in namespace kube-system (context "west")? Pass --from-key-secret');
    const forbidden = new FakeKubeApi('west').on(SERVICE_PATH, { status: 403, message: 'services "sealed-secrets-controller" is forbidden' });
    await expect(fetchCertificateThroughServiceProxy(forbidden, DEFAULT_SEALED_SECRETS_CONTROLLER)).rejects.toThrow(
      'cannot read Service sealed-secrets-controller in namespace kube-system (context "west"): forbidden (RBAC)');
    const noPorts = new FakeKubeApi('west').on(SERVICE_PATH, { json: { ...SERVICE, spec: { ports: [] } } });
    await expect(fetchCertificateThroughServiceProxy(noPorts, DEFAULT_SEALED_SECRETS_CONTROLLER)).rejects.toThrow('has no ports');
  });
});

describe('--from-key-secret', () => {
  const keySecret = (name: string, pem: string, creationTimestamp = '2026-01-01T00:00:00Z'): object => ({
    metadata: { name, namespace: 'kube-system', creationTimestamp, labels: { 'sealedsecrets.bitnami.com/sealed-secrets-key': 'active' } },
    type: 'kubernetes.io/tls',
    data: { 'tls.crt': Buffer.from(pem).toString('base64'), 'tls.key': Buffer.from('not for anyone').toString('base64') },
  });

  test('takes the active key whose certificate is newest, as the controller does', async () => {
    const older = rsaCertificate(new Date('2026-01-01T00:00:00Z'), 'older');
    const newer = rsaCertificate(new Date('2026-02-01T00:00:00Z'), 'newer');
    const api = new FakeKubeApi('west').list(SECRETS_PATH, [keySecret('sealed-secrets-keyaaaaa', older, '2026-03-01T00:00:00Z'), keySecret('sealed-secrets-keybbbbb', newer)]);
    expect(await fetchActiveKeyCertificate(api, DEFAULT_SEALED_SECRETS_CONTROLLER)).toBe(newer);
    expect(api.requests[0].query.get('labelSelector')).toBe('sealedsecrets.bitnami.com/sealed-secrets-key=active');
  });

  test('says so when there is no active key, or it may not read them', async () => {
    await expect(fetchActiveKeyCertificate(new FakeKubeApi('west').list(SECRETS_PATH, []), DEFAULT_SEALED_SECRETS_CONTROLLER)).rejects.toThrow(
      'no active sealing key Secret (label sealedsecrets.bitnami.com/sealed-secrets-key=active, with a tls.crt) in namespace kube-system (context "west"); '
      + 'if the controller is installed elsewhere, pass --controller-name and --controller-namespace');
    const forbidden = new FakeKubeApi('west').on(SECRETS_PATH, { status: 403, message: 'secrets is forbidden' });
    await expect(fetchActiveKeyCertificate(forbidden, DEFAULT_SEALED_SECRETS_CONTROLLER)).rejects.toThrow(
      'cannot list the sealing key Secrets in namespace kube-system (context "west"): forbidden: reading the key Secrets needs list access to Secrets there');
  });
});
