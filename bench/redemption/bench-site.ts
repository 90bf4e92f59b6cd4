import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { kubectl } from '../../test/harness/kubectl';
import { runCommand } from '../../test/harness/run-command';
import type { HasKubeconfig } from '../../test/harness/test-cluster';
import { waitFor } from '../../test/harness/wait-for';

/** What the benchmark redeems against: the namespace, the server's CA (to trust) and a code. */
export interface BenchSite {
  readonly namespace: string;
  readonly serverCaPem: string;
  readonly code: string;
  readonly tlsSecret: string;
}

const CODE_SECRET = 'bench-code';

/**
 * A listening site as the grant server sees it, made directly with kubectl (no synth: the
 * benchmark measures the server): a Site whose status endpoints stand in for what Skupper would
 * resolve, skupper-site-ca as Skupper makes it, a self-signed server certificate for 127.0.0.1,
 * and a code Secret.
 */
export async function createBenchSite(cluster: HasKubeconfig, dir: string, namespace: string): Promise<BenchSite> {
  fs.mkdirSync(dir, { recursive: true });
  const file = (name: string) => path.join(dir, name);
  const pkcs1 = () => crypto.generateKeyPairSync('rsa', {
    modulusLength: 2048, privateKeyEncoding: { type: 'pkcs1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' },
  }).privateKey;
  fs.writeFileSync(file('site-ca.key'), pkcs1(), { mode: 0o600 });
  await runCommand('openssl', ['req', '-x509', '-new', '-key', file('site-ca.key'), '-subj', `/CN=${namespace} site CA`, '-days', '30',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign', '-out', file('site-ca.crt')]);
  await runCommand('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', file('server.key'), '-out', file('server.crt'),
    '-days', '30', '-subj', '/CN=bench grant server', '-addext', 'subjectAltName=IP:127.0.0.1']);
  const code = crypto.randomBytes(18).toString('base64url').slice(0, 24);
  const b64 = (name: string) => fs.readFileSync(file(name)).toString('base64');
  const tlsSecret = 'bench-grant-server-tls';
  const objects = [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } },
    { apiVersion: 'skupper.io/v2alpha1', kind: 'Site', metadata: { name: namespace, namespace }, spec: { linkAccess: 'default' } },
    { apiVersion: 'v1', kind: 'Secret', type: 'kubernetes.io/tls', metadata: { name: 'skupper-site-ca', namespace },
      data: { 'tls.crt': b64('site-ca.crt'), 'tls.key': b64('site-ca.key'), 'ca.crt': b64('site-ca.crt') } },
    { apiVersion: 'v1', kind: 'Secret', type: 'kubernetes.io/tls', metadata: { name: tlsSecret, namespace },
      data: { 'tls.crt': b64('server.crt'), 'tls.key': b64('server.key') } },
    { apiVersion: 'v1', kind: 'Secret', metadata: { name: CODE_SECRET, namespace }, data: { code: Buffer.from(code).toString('base64') } },
  ];
  await kubectl(cluster, ['apply', '-f', '-'], { input: objects.map((o) => JSON.stringify(o)).join('\n') });
  // Standing in for Skupper: the endpoints its RouterAccess would put into the Site's status.
  await kubectl(cluster, ['patch', 'site', namespace, '-n', namespace, '--subresource=status', '--type=merge', '-p', JSON.stringify({ status: { endpoints: [
    { name: 'inter-router', host: '127.0.0.1', port: '55671', group: 'skupper-router' },
    { name: 'edge', host: '127.0.0.1', port: '45671', group: 'skupper-router' },
  ] } })]);
  return { namespace, serverCaPem: fs.readFileSync(file('server.crt'), 'utf8'), code, tlsSecret };
}

/** Creates LinkGrants (sharing the code) that allow `redemptionsAllowed` each, and waits until the server marks them Ready. */
export async function createBenchGrants(cluster: HasKubeconfig, site: BenchSite, names: readonly string[], redemptionsAllowed: number): Promise<void> {
  await kubectl(cluster, ['apply', '-f', '-'], { input: names.map((name) => JSON.stringify({
    apiVersion: 'cdk8s-skupper.io/v1alpha1', kind: 'LinkGrant', metadata: { name, namespace: site.namespace },
    spec: { redemptionsAllowed, expirationWindow: '1h', codeSecretRef: { name: CODE_SECRET, key: 'code' } },
  })).join('\n') });
  await waitFor(`grants ${names.join(', ')} to be Ready`, async () => {
    const list = JSON.parse(await kubectl(cluster, ['get', 'linkgrants', '-n', site.namespace, '-o', 'json'])) as { items: Array<{ metadata: { name: string }; status?: { status?: string } }> };
    return names.every((name) => list.items.find((g) => g.metadata.name === name)?.status?.status === 'Ready');
  }, { timeoutMs: 30_000 });
}
