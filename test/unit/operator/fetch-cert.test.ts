import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../../lib/cli/main';
import { fetchActiveKeyCertificate } from '../../../lib/operator/active-key-certificate';
import { DEFAULT_SEALED_SECRETS_CONTROLLER } from '../../../lib/operator/sealed-secrets-controller';
import { fetchCertificateThroughServiceProxy, serviceProxyCertificatePath } from '../../../lib/operator/service-proxy-certificate';
import { ecCertificate, rsaCertificate } from './certificates';
import { startFakeApiServer, writeFakeKubeconfig } from './fake-api-server';
import { FakeKubeApi } from './fake-kube-api';

const WEST_PEM = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'apps', 'certs', 'west.pem'), 'utf8');
const SERVICE_PATH = '/api/v1/namespaces/kube-system/services/sealed-secrets-controller';
const PROXY_PATH = '/api/v1/namespaces/kube-system/services/http:sealed-secrets-controller:http/proxy/v1/cert.pem';
const SECRETS_PATH = '/api/v1/namespaces/kube-system/secrets';
const SERVICE = { kind: 'Service', metadata: { name: 'sealed-secrets-controller' }, spec: { ports: [{ name: 'http', port: 8080, targetPort: 8080 }] } };

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

describe('cdk8s-skupper fetch-cert against a fake API server', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-skupper-fetch-cert-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    let stdout = '';
    let stderr = '';
    const code = await main(args, { stdout: (s) => { stdout += s; }, stderr: (s) => { stderr += s; }, readFile: (p) => fs.readFileSync(p) });
    return { code, stdout, stderr };
  }

  test('prints the certificate fetched through the service proxy with the kubeconfig\'s credentials', async () => {
    const server = await startFakeApiServer({ [SERVICE_PATH]: { body: SERVICE }, [PROXY_PATH]: { body: WEST_PEM, contentType: 'application/x-pem-file' } });
    try {
      const kubeconfig = writeFakeKubeconfig(dir, { elsewhere: 'https://127.0.0.1:1', west: server.url });
      const result = await run(['fetch-cert', '--kubeconfig', kubeconfig, '--context', 'west']);
      expect(result).toEqual({ code: 0, stdout: WEST_PEM, stderr: '' });
      expect(server.received.map((r) => [r.path, r.authorized])).toEqual([[SERVICE_PATH, true], [PROXY_PATH, true]]);

      const output = path.join(dir, 'west.pem');
      const written = await run(['fetch-cert', '--kubeconfig', kubeconfig, '--context=west', '-o', output]);
      expect(written).toEqual({ code: 0, stdout: '', stderr: `wrote the sealing certificate of context "west" to ${output}\n` });
      expect(fs.readFileSync(output, 'utf8')).toBe(WEST_PEM);
    } finally {
      await server.close();
    }
  });

  test('refuses what kubeseal could not seal with: a non-RSA certificate, or no certificate at all', async () => {
    const server = await startFakeApiServer({
      [SERVICE_PATH]: { body: SERVICE },
      [PROXY_PATH]: { body: ecCertificate() },
      '/api/v1/namespaces/other/services/sealed-secrets-controller': { body: SERVICE },
      '/api/v1/namespaces/other/services/http:sealed-secrets-controller:http/proxy/v1/cert.pem': { body: '<html>login</html>' },
    });
    try {
      const kubeconfig = writeFakeKubeconfig(dir, { west: server.url });
      const ec = await run(['fetch-cert', '--kubeconfig', kubeconfig]);
      expect(ec.code).toBe(1);
      expect(ec.stdout).toBe('');
      expect(ec.stderr).toBe('cdk8s-skupper fetch-cert: the certificate served by sealed-secrets-controller in namespace kube-system (context "west") '
        + 'has a ec (prime256v1) public key: sealed secrets need a certificate with an RSA key\n');
      const html = await run(['fetch-cert', '--kubeconfig', kubeconfig, '--controller-namespace', 'other']);
      expect(html.code).toBe(1);
      expect(html.stderr).toContain('is not a PEM certificate (found no PEM block)');
    } finally {
      await server.close();
    }
  });

  test('an unreachable API server names the context; bad arguments exit 2', async () => {
    const kubeconfig = writeFakeKubeconfig(dir, { west: 'https://127.0.0.1:1' });
    const down = await run(['fetch-cert', '--kubeconfig', kubeconfig]);
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(/^cdk8s-skupper fetch-cert: cannot reach the API server of context "west" \(https:\/\/127\.0\.0\.1:1\): connect ECONNREFUSED/);

    const unknownContext = await run(['fetch-cert', '--kubeconfig', kubeconfig, '--context', 'east']);
    expect(unknownContext).toEqual({ code: 2, stdout: '', stderr: `cdk8s-skupper fetch-cert: context "east" is not in the kubeconfig ${kubeconfig} (contexts: west)\n` });
    const badName = await run(['fetch-cert', '--kubeconfig', kubeconfig, '--controller-name', 'Sealed_Secrets']);
    expect(badName.code).toBe(2);
    expect(badName.stderr).toContain('invalid --controller-name "Sealed_Secrets": must be a DNS-1123 label');
    expect((await run(['fetch-cert', '--from-key-secret=yes'])).code).toBe(2);
    const help = await run(['fetch-cert', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^usage: cdk8s-skupper fetch-cert/);
  });
});
