// A service across the network, end to end on real parts: a TCP echo server "runs" on west (on
// 127.0.0.1), and a client on east reaches it through a synthesized Skupper Connector on west and
// a synthesized Listener on east, carried by two real skupper-routers over the link our grant
// server and redeemer made.
//
// The network is the smallest ApplicationNetwork with a service: west listens (one grant server),
// east connects, and `expose('echo', { from: 'west', to: ['east'], host: '127.0.0.1', port })`.
// ApplicationNetwork refuses a loopback grant server host across clusters (a real cluster cannot
// reach another's loopback), so, as in hub-and-spokes-e2e, the clusters applied here are built from
// the constructs the network itself uses (Site, GrantServer with allowLocalHost, LinkedSitePair,
// Connector, Listener), and checked against the ApplicationNetwork declaration synthesized with a
// routable host: the same objects in each cluster folder, and identical Connector and Listener.
//
// Each folder is applied with `kubectl apply -k`; the real sealed-secrets controllers unseal; the
// grant server and redeemer run through the bin entrypoint as their synthesized ServiceAccounts;
// the real Skupper 2.2.1 controller of each cluster configures the Site, the Link, the Connector
// and the Listener (conditions Configured, and the tcpConnector/tcpListener it writes into each
// site's router configuration); `status` reads them back. Matched (hasMatchingConnector/
// hasMatchingListener) never becomes true here: Skupper takes it from the network status that the
// router pod's sidecar publishes, and no kubelet runs pods. So matching is proven from the routers
// themselves: east's tcpListener goes up only once its address has a consumer across the link, and
// the echo round trip crosses both routers.
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  ApplicationNetwork, Cluster, Connector, GrantServer, LinkAccess, LinkedSitePair, Listener, Site, synthClusters,
} from '../../lib';
import { runStatusCommand } from '../../lib/cli/status-command';
import { CLEANUP, CliProcess, stopCli } from '../harness/cli-process';
import { freePorts } from '../harness/free-ports';
import { getJson as getObject, kubectl } from '../harness/kubectl';
import { queryRouter, ROUTER_ENTITY } from '../harness/router-management';
import { fetchSealingCertificate } from '../harness/sealed-secrets-controller';
import { routerConfig, routerEntity, SiteRouter, startSiteRouter } from '../harness/site-router';
import { conditionIsTrue, waitForLinkConfigured, waitForSkupperSite } from '../harness/skupper-site';
import type { TestCluster } from '../harness/test-cluster';
import { testClusters } from '../harness/test-clusters';
import { waitFor } from '../harness/wait-for';
import { readObjects, TEST_KEY_CACHE, TEST_MASTER_SECRET } from '../support/example-synth';
import { runGrantServerAndRedeemer } from '../support/synthesized-workload';
import { EchoServer, startEchoServer, waitForEchoRoundTrip } from '../support/tcp-echo';

const { west, east } = testClusters();
const suffix = crypto.randomBytes(3).toString('hex');
const ns = { west: `svc-west-${suffix}`, east: `svc-east-${suffix}` };
type SiteName = keyof typeof ns;
const clusterOf = (site: SiteName): TestCluster => ({ west, east })[site];
const SERVICE = 'echo';
/** ApplicationNetwork's default names for the link west <- east. */
const GRANT = 'link-east';
const TOKEN = 'link-to-west';
/** The names Skupper gives the router entities: `listener/<Listener>`, `connector/<Connector>@<host>`. */
const TCP_LISTENER = `listener/${SERVICE}`;
const TCP_CONNECTOR = `connector/${SERVICE}@127.0.0.1`;

const started: CliProcess[] = [];
const routers: Partial<Record<SiteName, SiteRouter>> = {};
let echo: EchoServer | undefined;
let work: string;
let outdir: string;

/** The synthesized object of `kind` named `name` in a cluster folder. */
function synthesized(dir: string, site: SiteName, kind: string, name: string): any {
  const found = readObjects(path.join(dir, site)).map(o => o.obj).find(o => o.kind === kind && o.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name} synthesized for ${site} in ${dir}`);
  return found;
}

function getJson(site: SiteName, resource: string, name: string): Promise<any | undefined> {
  return getObject(clusterOf(site), ns[site], resource, name);
}

beforeAll(async () => {
  const begun = Date.now();
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-skupper-services-'));
  const certificateDir = path.join(work, 'certs');
  fs.mkdirSync(certificateDir);
  for (const site of ['west', 'east'] as const) {
    fs.writeFileSync(path.join(certificateDir, `${site}.pem`), await fetchSealingCertificate(clusterOf(site)));
  }
  echo = await startEchoServer();
  const [grantPort] = await freePorts(1);
  outdir = path.join(work, 'dist');
  const clustersIn = (dir: string): Record<SiteName, Cluster> => ({
    west: new Cluster({ name: 'west', sealingCertificateFile: path.join(certificateDir, 'west.pem'), outdir: path.join(dir, 'west'),
      masterSecret: TEST_MASTER_SECRET, keyCacheDir: TEST_KEY_CACHE }),
    east: new Cluster({ name: 'east', sealingCertificateFile: path.join(certificateDir, 'east.pem'), outdir: path.join(dir, 'east'),
      masterSecret: TEST_MASTER_SECRET, keyCacheDir: TEST_KEY_CACHE }),
  });

  // What is applied: the network from its constructs, the grant server on 127.0.0.1.
  const clusters = clustersIn(outdir);
  const hub = new Site(clusters.west, 'west', { namespace: ns.west, linkAccess: LinkAccess.DEFAULT });
  new GrantServer(hub, 'GrantServer', { host: '127.0.0.1', port: grantPort, allowLocalHost: true });
  const spoke = new Site(clusters.east, 'east', { namespace: ns.east });
  new LinkedSitePair(hub, 'Link:west.west:east.east', { listening: hub, connecting: spoke, grantName: GRANT, tokenName: TOKEN });
  new Connector(hub, `Service:${SERVICE}`, { name: SERVICE, routingKey: SERVICE, host: '127.0.0.1', port: echo.port });
  new Listener(spoke, `Service:${SERVICE}`, { name: SERVICE, routingKey: SERVICE, host: SERVICE, port: echo.port });
  synthClusters(Object.values(clusters));

  // What it stands for: the ApplicationNetwork declaration, with a host other clusters can reach.
  const reference = path.join(work, 'reference');
  const referenceClusters = clustersIn(reference);
  const network = new ApplicationNetwork({ connected: true });
  network.addSite({ cluster: referenceClusters.west, name: 'west', namespace: ns.west, grantServerHost: 'grants.west.example.com', grantServerPort: grantPort });
  network.addSite({ cluster: referenceClusters.east, name: 'east', namespace: ns.east });
  network.link('west', 'east');
  const service = network.expose(SERVICE, { from: 'west', to: ['east'], host: '127.0.0.1', port: echo.port });
  network.synth();
  expect([service.routingKey, service.listenerHost, network.links[0].grantName, network.links[0].tokenName]).toEqual([SERVICE, SERVICE, GRANT, TOKEN]);
  const objectIds = (dir: string): string[] => readObjects(dir).map(({ obj }) => `${obj.kind} ${obj.metadata.namespace ?? ''}/${obj.metadata.name}`).sort();
  for (const site of ['west', 'east'] as const) {
    expect(objectIds(path.join(outdir, site))).toEqual(objectIds(path.join(reference, site)));
  }
  expect(synthesized(outdir, 'west', 'Connector', SERVICE)).toEqual(synthesized(reference, 'west', 'Connector', SERVICE));
  expect(synthesized(outdir, 'east', 'Listener', SERVICE)).toEqual(synthesized(reference, 'east', 'Listener', SERVICE));

  await Promise.all((['west', 'east'] as const).map(site => kubectl(clusterOf(site), ['apply', '-k', path.join(outdir, site)])));
  await Promise.all([
    waitFor('the grant server\'s TLS Secret and the grant code unsealed on west', async () =>
      (await getJson('west', 'secret', 'cdk8s-skupper-grant-server-tls')) && getJson('west', 'secret', `${GRANT}-code`), { timeoutMs: 60_000 }),
    waitFor('the token\'s code unsealed on east', () => getJson('east', 'secret', `${TOKEN}-code`), { timeoutMs: 60_000 }),
  ]);
  await waitForSkupperSite(west, ns.west, work, { linkAccess: true });
  await waitForSkupperSite(east, ns.east, work, { linkAccess: false });
  console.log(`[services-e2e] synthesized, applied, unsealed and Sites configured at ${((Date.now() - begun) / 1000).toFixed(1)} s`);
});

afterAll(async () => {
  for (const router of Object.values(routers)) await router?.process.stop();
  for (const cli of started) await stopCli(cli, CLEANUP);
  await echo?.close();
  for (const site of ['west', 'east'] as const) {
    await kubectl(clusterOf(site), ['delete', 'namespace', ns[site], '--wait=false', '--ignore-not-found']).catch(() => undefined);
  }
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

describe('a service exposed on west and consumed on east', () => {
  test('the apiserver stores the synthesized Connector and Listener as written (valid against Skupper\'s CRDs)', async () => {
    expect((await getJson('west', 'connectors.skupper.io', SERVICE)).spec).toEqual(synthesized(outdir, 'west', 'Connector', SERVICE).spec);
    expect((await getJson('east', 'listeners.skupper.io', SERVICE)).spec).toEqual(synthesized(outdir, 'east', 'Listener', SERVICE).spec);
    expect(synthesized(outdir, 'west', 'Connector', SERVICE).spec).toEqual({ routingKey: SERVICE, host: '127.0.0.1', port: echo!.port });
    expect(synthesized(outdir, 'east', 'Listener', SERVICE).spec).toEqual({ routingKey: SERVICE, host: SERVICE, port: echo!.port });
  });

  test('our grant server and redeemer, as their ServiceAccounts, link east to west', async () => {
    started.push(...await runGrantServerAndRedeemer(
      { cluster: west, outdir: path.join(outdir, 'west'), namespace: ns.west },
      { cluster: east, outdir: path.join(outdir, 'east'), namespace: ns.east }));
    const link = await waitForLinkConfigured(east, ns.east, TOKEN);
    expect(link.spec.tlsCredentials).toBe(TOKEN);
  });

  test('the real Skupper controller configures both: a tcpConnector on west\'s router, a tcpListener and its Service on east', async () => {
    const connector = await waitFor('west\'s router configuration to hold the tcpConnector', async () => {
      const config = await routerConfig(west, ns.west);
      return config && routerEntity(config, 'tcpConnector', TCP_CONNECTOR);
    }, { timeoutMs: 60_000, intervalMs: 500 });
    expect(connector).toMatchObject({ address: SERVICE, host: '127.0.0.1', port: String(echo!.port) });
    const listener = await waitFor('east\'s router configuration to hold the tcpListener', async () => {
      const config = await routerConfig(east, ns.east);
      return config && routerEntity(config, 'tcpListener', TCP_LISTENER);
    }, { timeoutMs: 60_000, intervalMs: 500 });
    expect(listener).toMatchObject({ address: SERVICE });

    // Skupper's own status: Configured (written into the router configuration).
    for (const [site, resource] of [['west', 'connectors.skupper.io'], ['east', 'listeners.skupper.io']] as const) {
      await waitFor(`${resource} ${SERVICE} on ${site} to be Configured`, async () => conditionIsTrue(await getJson(site, resource, SERVICE), 'Configured'),
        { timeoutMs: 60_000, intervalMs: 500 });
    }
    // On Kubernetes the Listener's host:port is a Service the controller makes: the Listener's port,
    // forwarded to the port it gave the router's tcpListener.
    const service = await waitFor(`the Service ${SERVICE} on east`, () => getJson('east', 'service', SERVICE), { timeoutMs: 60_000, intervalMs: 500 });
    expect(service.spec.ports.map((p: { port: number; targetPort: number | string }) => [p.port, String(p.targetPort)]))
      .toEqual([[echo!.port, String(listener!.port)]]);
  });

  test('status shows the Connector and the Listener beside the grant, token and Link, with Skupper\'s conditions', async () => {
    const rowsOf = async (site: SiteName): Promise<any[]> => {
      let stdout = '';
      await runStatusCommand(['--kubeconfig', clusterOf(site).kubeconfig, '-n', ns[site], '-o', 'json'],
        { stdout: (text) => { stdout += text; }, stderr: () => undefined });
      return JSON.parse(stdout).items;
    };
    const westRows = await rowsOf('west');
    expect(westRows.map((row) => `${row.kind} ${row.name}`)).toEqual([`LinkGrant ${GRANT}`, `Connector ${SERVICE}`]);
    expect(westRows[1]).toMatchObject({ routingKey: SERVICE, configured: true });
    expect(westRows[1].message).toMatch(/^routing key echo: Configured, (not )?Matched/);
    const eastRows = await rowsOf('east');
    expect(eastRows.map((row) => `${row.kind} ${row.name}`)).toEqual([`LinkToken ${TOKEN}`, `Link ${TOKEN}`, `Listener ${SERVICE}`]);
    expect(eastRows[2]).toMatchObject({ routingKey: SERVICE, configured: true });
    // Ready means Configured and Matched, exactly as Skupper's Ready condition says.
    for (const row of [westRows[1], eastRows[2]]) expect(row.ready).toBe(row.matched);
  });

  test('the real routers link, east\'s tcpListener goes up once west\'s Connector is reachable, and TCP crosses both routers', async () => {
    // The listening router first: the connecting one would otherwise back off before retrying.
    routers.west = await startSiteRouter(west, ns.west, { label: `svc-west-${suffix}`, tcpConnectors: [TCP_CONNECTOR] });
    routers.east = await startSiteRouter(east, ns.east, { label: `svc-east-${suffix}`, links: [TOKEN], tcpListeners: [TCP_LISTENER] });
    await waitFor('west\'s router to know east\'s', async () =>
      (await queryRouter(routers.west!.managementPort, ROUTER_ENTITY.routerNode)).some((n) => n.id === routers.east!.id), { timeoutMs: 60_000, intervalMs: 500 });

    // The router's own matching: a tcpListener is "up" only while its address has a consumer.
    const tcpListener = await waitFor('east\'s tcpListener to be up', async () => {
      const found = (await queryRouter(routers.east!.managementPort, ROUTER_ENTITY.tcpListener)).find((l) => l.name === TCP_LISTENER);
      return found?.operStatus === 'up' ? found : undefined;
    }, { timeoutMs: 60_000, intervalMs: 500 });
    expect(tcpListener).toMatchObject({ address: SERVICE });

    const port = routers.east.tcpListenerPorts[SERVICE];
    const payload = crypto.randomBytes(256 * 1024);
    const echoed = await waitForEchoRoundTrip(port, payload);
    expect(echoed.equals(payload)).toBe(true);

    // Both routers counted the connection: it went through east's listener and west's connector.
    const opened = async (site: SiteName, type: string, name: string): Promise<number> =>
      Number((await queryRouter(routers[site]!.managementPort, type)).find((e) => e.name === name)?.connectionsOpened ?? 0);
    await waitFor('both routers to count the connection', async () =>
      (await opened('east', ROUTER_ENTITY.tcpListener, TCP_LISTENER)) >= 1 && (await opened('west', ROUTER_ENTITY.tcpConnector, TCP_CONNECTOR)) >= 1,
    { timeoutMs: 30_000, intervalMs: 500 });
  });

  test('the grant server and redeemer stop cleanly on SIGTERM', async () => {
    for (const cli of started.splice(0)) {
      expect({ name: cli.name, exit: await stopCli(cli) }).toEqual({ name: cli.name, exit: { code: 0, signal: null } });
    }
  });
});
