import * as crypto from 'crypto';
import * as fs from 'fs';
import { kubectl } from '../../test/harness/kubectl';
import { SKUPPER_NAMESPACE } from '../../test/harness/skupper-controller';
import { waitForSkupperSite } from '../../test/harness/skupper-site';
import type { TestCluster } from '../../test/harness/test-cluster';
import { waitFor } from '../../test/harness/wait-for';
import type { RedemptionTarget } from './load';

/** What both grant servers redeem against: one Site, and the one TLS certificate both serve. */
export interface BenchSite {
  readonly namespace: string;
  /** The CA both grant servers' certificate chains to (the cluster's test CA). */
  readonly serverCaPem: string;
  /** Our grant server's TLS Secret: a copy of the one Skupper's own grant server serves. */
  readonly tlsSecret: string;
  /** The code our LinkGrants share (secret: never printed). */
  readonly code: string;
}

const CODE_SECRET = 'bench-code';

/**
 * A listening site whose CA and endpoints the real Skupper controller made (nodeport access on
 * 127.0.0.1), our grant server's TLS Secret (the very certificate Skupper's grant server serves,
 * so both answer with the same TLS handshake), and a code Secret for our LinkGrants.
 */
export async function createBenchSite(cluster: TestCluster, dir: string, namespace: string): Promise<BenchSite> {
  fs.mkdirSync(dir, { recursive: true });
  if (!cluster.skupperGrantServerCa) throw new Error(`cluster ${cluster.name} runs no Skupper grant server`);
  const code = crypto.randomBytes(18).toString('base64url').slice(0, 24);
  const stockTls = JSON.parse(await kubectl(cluster, ['get', 'secret', 'skupper-grant-server', '-n', SKUPPER_NAMESPACE, '-o', 'json']));
  const tlsSecret = 'bench-grant-server-tls';
  const objects = [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } },
    { apiVersion: 'skupper.io/v2alpha1', kind: 'Site', metadata: { name: namespace, namespace }, spec: { linkAccess: 'default' } },
    { apiVersion: 'v1', kind: 'Secret', type: 'kubernetes.io/tls', metadata: { name: tlsSecret, namespace }, data: stockTls.data },
    { apiVersion: 'v1', kind: 'Secret', metadata: { name: CODE_SECRET, namespace }, data: { code: Buffer.from(code).toString('base64') } },
  ];
  await kubectl(cluster, ['apply', '-f', '-'], { input: objects.map((o) => JSON.stringify(o)).join('\n') });
  await waitForSkupperSite(cluster, namespace, dir, { linkAccess: true });
  return { namespace, serverCaPem: fs.readFileSync(cluster.skupperGrantServerCa, 'utf8'), tlsSecret, code };
}

/** Creates our LinkGrants (sharing the code), each allowing `redemptionsAllowed`; waits until the server marks them Ready. */
export async function createOurGrants(cluster: TestCluster, site: BenchSite, port: number, names: readonly string[], redemptionsAllowed: number): Promise<RedemptionTarget[]> {
  await kubectl(cluster, ['apply', '-f', '-'], { input: names.map((name) => JSON.stringify({
    apiVersion: 'cdk8s-skupper.io/v1alpha1', kind: 'LinkGrant', metadata: { name, namespace: site.namespace },
    spec: { redemptionsAllowed, expirationWindow: '1h', codeSecretRef: { name: CODE_SECRET, key: 'code' } },
  })).join('\n') });
  await waitFor(`our grants ${names.join(', ')} to be Ready`, async () => {
    const list = JSON.parse(await kubectl(cluster, ['get', 'linkgrants', '-n', site.namespace, '-o', 'json'])) as { items: Array<{ metadata: { name: string }; status?: { status?: string } }> };
    return names.every((name) => list.items.find((g) => g.metadata.name === name)?.status?.status === 'Ready');
  }, { timeoutMs: 60_000 });
  return names.map((name) => ({ url: new URL(`https://127.0.0.1:${port}/${site.namespace}/${name}`), code: site.code }));
}

/** Creates stock Skupper AccessGrants, each allowing `redemptionsAllowed`; waits for their URL and code. */
export async function createStockGrants(cluster: TestCluster, site: BenchSite, names: readonly string[], redemptionsAllowed: number): Promise<RedemptionTarget[]> {
  await kubectl(cluster, ['apply', '-f', '-'], { input: names.map((name) => JSON.stringify({
    apiVersion: 'skupper.io/v2alpha1', kind: 'AccessGrant', metadata: { name, namespace: site.namespace },
    spec: { redemptionsAllowed, expirationWindow: '1h' },
  })).join('\n') });
  return waitFor(`stock grants ${names.join(', ')} to have a URL and code`, async () => {
    const list = JSON.parse(await kubectl(cluster, ['get', 'accessgrants', '-n', site.namespace, '-o', 'json'])) as { items: Array<{ metadata: { name: string }; status?: { url?: string; code?: string } }> };
    const grants = names.map((name) => list.items.find((g) => g.metadata.name === name));
    if (!grants.every((g) => g?.status?.url && g.status.code)) return undefined;
    return grants.map((g) => ({ url: new URL(g!.status!.url!), code: g!.status!.code! }));
  }, { timeoutMs: 60_000 });
}
