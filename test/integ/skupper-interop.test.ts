// Interoperability with stock Skupper 2.2.1, both ways, on real control planes, ending in real
// routers linked:
// (a) a stock AccessGrant, served by the real Skupper controller's own grant server on west, is
//     redeemed by OUR redeemer on east through a LinkToken written from the grant's status;
// (b) `cdk8s-skupper token export` of our token, applied as a stock AccessToken on an east site
//     where only the Skupper controller redeems, is redeemed against OUR grant server on west.
// Each ends with the Link Configured by Skupper on east and the two sites' routers linked.
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as YAML from 'yaml';
import { CLEANUP, CLI, CliProcess, spawnCli, stopCli, waitForReadyz } from '../harness/cli-process';
import { freePorts } from '../harness/free-ports';
import { getJson, kubectl } from '../harness/kubectl';
import { REPO_ROOT } from '../harness/paths';
import { waitForInboundInterRouterConnection } from '../harness/router-management';
import { runCommand } from '../harness/run-command';
import { SiteRouter, startSiteRouter } from '../harness/site-router';
import { conditionIsTrue, waitForLinkConfigured, waitForSkupperSite } from '../harness/skupper-site';
import type { TestCluster } from '../harness/test-cluster';
import { testClusters } from '../harness/test-clusters';
import { waitFor } from '../harness/wait-for';
import { applyExample, runSynthesizedWorkload } from '../support/synthesized-workload';

const { west, east } = testClusters();
const suffix = crypto.randomBytes(3).toString('hex');
const ns = {
  stockWest: `io-stock-west-${suffix}`, oursEast: `io-ours-east-${suffix}`,
  oursWest: `io-ours-west-${suffix}`, stockEast: `io-stock-east-${suffix}`,
};
const TOKEN = 'token-to-west';

let work: string;
const processes: CliProcess[] = [];
const routers: SiteRouter[] = [];

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-skupper-interop-'));
});

afterAll(async () => {
  for (const router of routers) await router.process.stop();
  for (const cli of processes) await stopCli(cli, CLEANUP);
  for (const [cluster, namespace] of [[west, ns.stockWest], [east, ns.oursEast], [west, ns.oursWest], [east, ns.stockEast]] as const) {
    await kubectl(cluster, ['delete', 'namespace', namespace, '--wait=false', '--ignore-not-found']).catch(() => undefined);
  }
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

async function createSite(cluster: TestCluster, namespace: string, name: string, linkAccess?: string): Promise<void> {
  await kubectl(cluster, ['create', 'namespace', namespace]);
  await kubectl(cluster, ['apply', '-f', '-'], { input: JSON.stringify({
    apiVersion: 'skupper.io/v2alpha1', kind: 'Site', metadata: { name, namespace }, spec: linkAccess ? { linkAccess } : {},
  }) });
}

/** Starts both sites' routers (listening first) and returns the listening router's view of the link. */
async function linkRouters(listening: [TestCluster, string], connecting: [TestCluster, string], link: string): Promise<Record<string, unknown>> {
  const listeningRouter = await startSiteRouter(listening[0], listening[1], { label: listening[1] });
  routers.push(listeningRouter);
  const connectingRouter = await startSiteRouter(connecting[0], connecting[1], { label: connecting[1], links: [link] });
  routers.push(connectingRouter);
  const connection = await waitForInboundInterRouterConnection(listeningRouter.managementPort, connectingRouter.id);
  expect(connection).toMatchObject({ isEncrypted: true, isAuthenticated: true, sslProto: 'TLSv1.3' });
  return connection;
}

test('(a) our redeemer redeems a stock AccessGrant served by Skupper\'s own grant server; the routers link', async () => {
  const grantServerPort = west.ports.skupperGrantServer;
  expect(grantServerPort).toBeGreaterThan(0);
  await createSite(west, ns.stockWest, 'west', 'default');
  const westSite = await waitForSkupperSite(west, ns.stockWest, work, { linkAccess: true });
  await kubectl(west, ['apply', '-f', '-'], { input: JSON.stringify({
    apiVersion: 'skupper.io/v2alpha1', kind: 'AccessGrant', metadata: { name: 'stock-grant', namespace: ns.stockWest },
    spec: { redemptionsAllowed: 1, expirationWindow: '1h' },
  }) });
  const grant = await waitFor('the stock AccessGrant to be ready', async () => {
    const current = await getJson(west, ns.stockWest, 'accessgrant', 'stock-grant');
    return current?.status?.url && current.status.code && current.status.ca ? current : undefined;
  }, { timeoutMs: 60_000, intervalMs: 500 });
  expect(grant.status.url).toBe(`https://127.0.0.1:${grantServerPort}/${grant.metadata.uid}`);

  // The LinkToken a user writes from the grant's status: URL and CA in the resource, code in a Secret.
  await createSite(east, ns.oursEast, 'east');
  await kubectl(east, ['apply', '-f', '-'], { input: [
    { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'stock-grant-code', namespace: ns.oursEast }, stringData: { code: grant.status.code } },
    { apiVersion: 'cdk8s-skupper.io/v1alpha1', kind: 'LinkToken', metadata: { name: 'from-stock', namespace: ns.oursEast },
      spec: { url: grant.status.url, ca: grant.status.ca, codeSecretRef: { name: 'stock-grant-code', key: 'code' } } },
  ].map((o) => JSON.stringify(o)).join('\n') });
  const eastSite = await waitForSkupperSite(east, ns.oursEast, work, { linkAccess: false });

  const [health] = await freePorts(1);
  // As admin: the synthesized Role names the Secrets of synthesized tokens only (proven in the e2e tests).
  const redeemer = spawnCli(east.logsDir, `redeemer-${ns.oursEast}`, ['redeemer', '--kubeconfig', east.kubeconfig, '--namespace', ns.oursEast,
    '--metrics-address', `127.0.0.1:${health}`]);
  processes.push(redeemer);
  await waitForReadyz(redeemer, health);

  const token = await waitFor('our LinkToken to be redeemed at the stock grant server', async () => {
    const current = await getJson(east, ns.oursEast, 'linktoken', 'from-stock');
    return current?.status?.redeemed === true ? current : undefined;
  }, { timeoutMs: 60_000, intervalMs: 500 });
  // Stock Skupper names the Secret and Link after the `name` header our redeemer sends: the token's name.
  expect(token.status).toMatchObject({ secretName: 'from-stock', links: ['from-stock'] });
  expect((await getJson(west, ns.stockWest, 'accessgrant', 'stock-grant')).status.redemptions).toBe(1);
  await waitForLinkConfigured(east, ns.oursEast, 'from-stock');

  const connection = await linkRouters([west, ns.stockWest], [east, ns.oursEast], 'from-stock');
  // Skupper's grant server issued the certificate to the subject our redeemer sent: east's Site UID.
  expect(connection.user).toBe(`CN=${eastSite.uid}`);
  expect(westSite.endpoints.length).toBeGreaterThan(0);
});

test('(b) `token export` of our token, applied as a stock AccessToken, is redeemed by Skupper against our grant server; the routers link', async () => {
  // West as synthesized (Site, grant server, LinkGrant). East: the synthesized folder too, but no
  // redeemer is run there (no kubelet runs its Deployment): only the Skupper controller redeems.
  const { outdir, grantServerPort: grantPort } = await applyExample({ west, east }, work, { west: ns.oursWest, east: ns.stockEast });
  const westSite = await waitForSkupperSite(west, ns.oursWest, work, { linkAccess: true });
  const eastSite = await waitForSkupperSite(east, ns.stockEast, work, { linkAccess: false });
  for (const [cluster, namespace, secret] of [[west, ns.oursWest, 'grant-west-code'], [west, ns.oursWest, 'cdk8s-skupper-grant-server-tls'], [east, ns.stockEast, `${TOKEN}-code`]] as const) {
    await waitFor(`${secret} to be unsealed`, async () => (await getJson(cluster, namespace, 'secret', secret)) !== undefined, { timeoutMs: 60_000 });
  }

  processes.push(await runSynthesizedWorkload(west, path.join(outdir, 'west'), ns.oursWest, 'cdk8s-skupper-grant-server'));

  // The documented manual path: export, carry, apply. The output holds the code: piped, never printed.
  const accessToken = await runCommand(process.execPath, [CLI, 'token', 'export', '--kubeconfig', east.kubeconfig, '--namespace', ns.stockEast, TOKEN], { cwd: REPO_ROOT });
  const parsed = YAML.parse(accessToken);
  expect(parsed).toMatchObject({ apiVersion: 'skupper.io/v2alpha1', kind: 'AccessToken', metadata: { name: TOKEN },
    spec: { url: `https://127.0.0.1:${grantPort}/${ns.oursWest}/grant-west`, ca: expect.stringMatching(/^-----BEGIN CERTIFICATE-----/) } });
  await kubectl(east, ['apply', '-n', ns.stockEast, '-f', '-'], { input: accessToken });

  const redeemed = await waitFor('Skupper\'s redeemer to redeem the AccessToken', async () => {
    const current = await getJson(east, ns.stockEast, 'accesstoken', TOKEN);
    return conditionIsTrue(current, 'Redeemed') ? current : undefined;
  }, { timeoutMs: 60_000, intervalMs: 500 });
  expect(redeemed.status.redeemed).toBe(true);
  const grant = await getJson(west, ns.oursWest, 'linkgrant', 'grant-west');
  expect(grant.status).toMatchObject({ redemptions: 1, redeemers: [expect.objectContaining({ name: TOKEN, subject: eastSite.uid })] });
  const link = await waitForLinkConfigured(east, ns.stockEast, TOKEN);
  expect(link.metadata.ownerReferences).toEqual([expect.objectContaining({ kind: 'Site', uid: eastSite.uid })]);
  expect(link.spec.endpoints).toEqual(westSite.endpoints);

  const connection = await linkRouters([west, ns.oursWest], [east, ns.stockEast], TOKEN);
  expect(connection.user).toBe(`CN=${eastSite.uid}`);
});
