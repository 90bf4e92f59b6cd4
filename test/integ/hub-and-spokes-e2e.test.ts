// The hub-and-spokes topology end to end over THREE real control planes: the shared west (the
// hub) and east (a spoke) clusters, plus a third cluster, north (the other spoke), started by this
// file with the harness's startCluster. The network is declared as apps/topologies/hub-and-spokes.ts
// declares it (hub west with the one grant server, spokes east and north, 2 redemptions within 1h
// per link), but built here, because the example fixes the grant server's host and port and the
// namespaces; here the host is 127.0.0.1 on a free port, so the redeemers reach the grant server
// over loopback, and every site has a namespace of its own (see beforeAll for why not through
// ApplicationNetwork itself, and how the result is checked against it).
//
// Each cluster's folder is applied with `kubectl apply -k`, the real sealed-secrets controllers
// unseal the codes and the grant server's TLS key, the grant server runs on west and a redeemer on
// each spoke, all through the bin entrypoint with the synthesized Deployments' own args and as the
// synthesized ServiceAccounts (so their Roles are proven sufficient). Every cluster runs the real
// Skupper controller (site CAs, endpoints, Link status, router configuration), and the proof ends
// at the data plane: a real skupper-router per site, started from what Skupper configured, and the
// hub's router sees both spokes' routers over TLS 1.3 with the client certificates we issued.
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApplicationNetwork, Cluster, GrantServer, LinkAccess, LinkedSitePair, Site, synthClusters } from '../../lib';
import { RunningCluster, startCluster, stopCluster } from '../harness/cluster';
import { CLEANUP, CliProcess, stopCli } from '../harness/cli-process';
import { freePorts } from '../harness/free-ports';
import { getJson as getObject, kubectl } from '../harness/kubectl';
import { claimRunDirectory } from '../harness/leftover-processes';
import { CLUSTER_RUNS_DIR } from '../harness/paths';
import { queryRouter, ROUTER_ENTITY } from '../harness/router-management';
import { runCommand } from '../harness/run-command';
import { fetchSealingCertificate } from '../harness/sealed-secrets-controller';
import { SiteRouter, startSiteRouter } from '../harness/site-router';
import { SiteEndpoint, waitForLinkConfigured, waitForSkupperSite } from '../harness/skupper-site';
import type { TestCluster } from '../harness/test-cluster';
import { testClusters } from '../harness/test-clusters';
import { waitFor } from '../harness/wait-for';
import { testBinaries } from '../support/binaries';
import { readObjects, TEST_KEY_CACHE, TEST_MASTER_SECRET } from '../support/example-synth';
import { runSynthesizedWorkload } from '../support/synthesized-workload';

const { west, east } = testClusters();
const suffix = crypto.randomBytes(3).toString('hex');
const ns = { west: `hs-west-${suffix}`, east: `hs-east-${suffix}`, north: `hs-north-${suffix}` };
const SPOKES = ['east', 'north'] as const;
type Spoke = typeof SPOKES[number];
/** The default names of ApplicationNetwork: grant `link-<spoke>` on the hub, token `link-to-<hub>` on each spoke. */
const TOKEN = 'link-to-west';
const grantName = (spoke: Spoke): string => `link-${spoke}`;
const GRANT_SERVER_SA = 'cdk8s-skupper-grant-server';
const REDEEMER_SA = 'cdk8s-skupper-redeemer';
const GRANT_SERVER_TLS_SECRET = 'cdk8s-skupper-grant-server-tls';

/** What the Skupper controller on the hub resolved into west's Site status (nodeport on 127.0.0.1). */
let ENDPOINTS: readonly SiteEndpoint[];

/** Every process started, stopped in afterAll whatever happened. */
const started: CliProcess[] = [];
const routers: SiteRouter[] = [];

let northRun: RunningCluster | undefined;
let north: TestCluster;
let work: string;
let outdir: string;
let grantPort: number;
let siteCaFile: string;
const clusterOf = (site: 'west' | Spoke): TestCluster => ({ west, east, north })[site];

beforeAll(async () => {
  const begun = Date.now();
  // The third cluster, in a run folder of its own (claimed by this process, so a later run kills
  // its processes if this one crashes); stopped by PID in afterAll.
  const runDir = path.join(CLUSTER_RUNS_DIR, `${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}-hub-and-spokes`);
  claimRunDirectory(runDir);
  northRun = await startCluster('north', runDir, testBinaries());
  north = northRun.info;
  console.log(`[hub-and-spokes] north ready in ${((Date.now() - begun) / 1000).toFixed(1)} s (logs in ${north.logsDir})`);

  work = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-skupper-hub-and-spokes-'));
  const certificateDir = path.join(work, 'certs');
  fs.mkdirSync(certificateDir);
  for (const site of ['west', 'east', 'north'] as const) {
    fs.writeFileSync(path.join(certificateDir, `${site}.pem`), await fetchSealingCertificate(clusterOf(site)));
  }
  [grantPort] = await freePorts(1);
  outdir = path.join(work, 'dist');

  // apps/topologies/hub-and-spokes.ts, with the grant server on 127.0.0.1:<free port> and test
  // namespaces. ApplicationNetwork refuses a loopback grantServerHost across clusters (rightly: a
  // real cluster cannot reach another's loopback), so the network is built here from the
  // constructs ApplicationNetwork.build() itself uses: the hub's Site (linkAccess default) with ONE
  // GrantServer, a Site per spoke, and one LinkedSitePair per spoke with the network's default names
  // (grant `link-<spoke>`, token `link-to-west`); each spoke's TokenRedeemer comes with its token.
  // That this is the same network is checked below against an ApplicationNetwork synthesized with
  // a routable host: the same objects (kind, namespace, name) in every cluster folder.
  const clustersFor = (dir: string): Record<'west' | Spoke, Cluster> => Object.fromEntries((['west', 'east', 'north'] as const).map(name => [name, new Cluster({
    name, sealingCertificateFile: path.join(certificateDir, `${name}.pem`), outdir: path.join(dir, name),
    masterSecret: TEST_MASTER_SECRET, keyCacheDir: TEST_KEY_CACHE,
  })])) as Record<'west' | Spoke, Cluster>;
  const clusters = clustersFor(outdir);
  const hub = new Site(clusters.west, 'west', { namespace: ns.west, linkAccess: LinkAccess.DEFAULT });
  new GrantServer(hub, 'GrantServer', { host: '127.0.0.1', port: grantPort, allowLocalHost: true });
  for (const spoke of SPOKES) {
    const site = new Site(clusters[spoke], spoke, { namespace: ns[spoke], linkAccess: LinkAccess.NONE });
    new LinkedSitePair(hub, `Link:west.west:${spoke}.${spoke}`, {
      listening: hub, connecting: site, grantName: grantName(spoke), tokenName: TOKEN, redemptionsAllowed: 2, expirationWindow: '1h',
    });
  }
  synthClusters(Object.values(clusters));

  const reference = path.join(work, 'reference');
  const referenceClusters = clustersFor(reference);
  const network = new ApplicationNetwork({ connected: true });
  network.addSite({ cluster: referenceClusters.west, name: 'west', namespace: ns.west, grantServerHost: 'grants.west.example.com', grantServerPort: grantPort });
  for (const spoke of SPOKES) network.addSite({ cluster: referenceClusters[spoke], name: spoke, namespace: ns[spoke] });
  network.hubAndSpokes('west', [...SPOKES], { redemptionsAllowed: 2, expirationWindow: '1h' });
  network.synth();
  expect(network.links.map(link => [link.listening.name, link.connecting.name, link.grantName, link.tokenName]))
    .toEqual(SPOKES.map(spoke => ['west', spoke, grantName(spoke), TOKEN]));
  const objectIds = (dir: string): string[] => readObjects(dir).map(({ obj }) => `${obj.kind} ${obj.metadata.namespace ?? ''}/${obj.metadata.name}`).sort();
  for (const site of ['west', 'east', 'north'] as const) {
    expect(objectIds(path.join(outdir, site))).toEqual(objectIds(path.join(reference, site)));
  }

  await Promise.all((['west', 'east', 'north'] as const).map(site => kubectl(clusterOf(site), ['apply', '-k', path.join(outdir, site)])));
  await Promise.all([
    waitFor(`the grant server's TLS Secret unsealed on west`, () => secretExists('west', GRANT_SERVER_TLS_SECRET), { timeoutMs: 60_000 }),
    ...SPOKES.map(spoke => waitFor(`the grant code unsealed on west for ${spoke}`, () => secretExists('west', `${grantName(spoke)}-code`), { timeoutMs: 60_000 })),
    ...SPOKES.map(spoke => waitFor(`the token's code unsealed on ${spoke}`, () => secretExists(spoke, `${TOKEN}-code`), { timeoutMs: 60_000 })),
  ]);
  // The real Skupper controller on the hub makes the site CA and resolves the endpoints.
  const hubSite = await waitForSkupperSite(west, ns.west, work, { linkAccess: true });
  siteCaFile = hubSite.caFile;
  ENDPOINTS = hubSite.endpoints;
  console.log(`[hub-and-spokes] synthesized, applied and unsealed at ${((Date.now() - begun) / 1000).toFixed(1)} s`);
});

afterAll(async () => {
  for (const router of routers) await router.process.stop();
  for (const cli of started) await stopCli(cli, CLEANUP);
  for (const [site, namespace] of Object.entries(ns) as Array<['west' | Spoke, string]>) {
    if (site === 'north' && !northRun) continue;
    await kubectl(clusterOf(site), ['delete', 'namespace', namespace, '--wait=false', '--ignore-not-found']).catch(() => undefined);
  }
  if (northRun) await stopCluster(northRun);
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

async function secretExists(site: 'west' | Spoke, name: string): Promise<boolean> {
  return (await kubectl(clusterOf(site), ['get', 'secret', name, '-n', ns[site], '--ignore-not-found', '-o', 'name'])).trim() !== '';
}

function getJson(site: 'west' | Spoke, kind: string, name: string): Promise<any | undefined> {
  return getObject(clusterOf(site), ns[site], kind, name);
}

/** The args of a synthesized Deployment. */
function deploymentArgs(site: 'west' | Spoke, name: string): string[] {
  const deployment = readObjects(path.join(outdir, site)).map(o => o.obj).find(o => o.kind === 'Deployment' && o.metadata.name === name);
  if (!deployment) throw new Error(`no Deployment ${name} synthesized for ${site}`);
  return deployment.spec.template.spec.containers[0].args;
}

describe('hub and spokes over three clusters', () => {
  test('both spokes redeem at the hub\'s grant server; the links carry client certificates of the hub\'s site CA', async () => {
    expect(deploymentArgs('west', GRANT_SERVER_SA)).toContain(`--port=${grantPort}`);
    // Each as its synthesized Deployment runs it, as its ServiceAccount; all at once.
    const running = [
      runSynthesizedWorkload(west, path.join(outdir, 'west'), ns.west, GRANT_SERVER_SA),
      ...SPOKES.map(spoke => runSynthesizedWorkload(clusterOf(spoke), path.join(outdir, spoke), ns[spoke], REDEEMER_SA)),
    ].map(async cli => started.push(await cli));
    await Promise.all(running);

    for (const spoke of SPOKES) {
      const token = await getJson(spoke, 'linktoken', TOKEN);
      expect(token.spec.url).toBe(`https://127.0.0.1:${grantPort}/${ns.west}/${grantName(spoke)}`);
      const status = await waitFor(`${spoke}'s token to be redeemed`, async () => {
        const current = (await getJson(spoke, 'linktoken', TOKEN))?.status;
        return current?.redeemed === true ? current : undefined;
      }, { timeoutMs: 60_000, intervalMs: 250 });
      expect(status).toMatchObject({ redeemed: true, secretName: TOKEN, links: [TOKEN] });

      const site = await getJson(spoke, 'site', spoke);
      const ownedBySite = { apiVersion: 'skupper.io/v2alpha1', kind: 'Site', name: spoke, uid: site.metadata.uid };
      const secret = await getJson(spoke, 'secret', TOKEN);
      const link = await getJson(spoke, 'link', TOKEN);
      expect(secret.metadata.ownerReferences).toEqual([expect.objectContaining(ownedBySite)]);
      expect(link.metadata.ownerReferences).toEqual([expect.objectContaining(ownedBySite)]);
      expect(link.spec).toMatchObject({ endpoints: ENDPOINTS, tlsCredentials: TOKEN });

      // The client certificate chains to the hub's skupper-site-ca, and names the spoke's Site.
      const clientCert = path.join(work, `${spoke}-client.crt`);
      fs.writeFileSync(clientCert, Buffer.from(secret.data['tls.crt'], 'base64'));
      expect((await runCommand('openssl', ['verify', '-CAfile', siteCaFile, clientCert])).trim()).toBe(`${clientCert}: OK`);
      expect(Buffer.from(secret.data['ca.crt'], 'base64').toString('utf8').trim()).toBe(fs.readFileSync(siteCaFile, 'utf8').trim());
      expect(new crypto.X509Certificate(fs.readFileSync(clientCert)).subject).toBe(`CN=${site.metadata.uid}`);
    }

    // One counted redemption per link on the hub.
    for (const spoke of SPOKES) {
      const grant = await waitFor(`grant ${grantName(spoke)} to count its redemption`, async () => {
        const current = await getJson('west', 'linkgrant', grantName(spoke));
        return current?.status?.redemptions === 1 ? current : undefined;
      }, { timeoutMs: 30_000, intervalMs: 250 });
      expect(grant.spec).toMatchObject({ redemptionsAllowed: 2, expirationWindow: '1h' });
    }
  });

  test('Skupper configures each spoke\'s Link into its router, and the token follows the Link\'s status', async () => {
    for (const spoke of SPOKES) {
      const link = await waitForLinkConfigured(clusterOf(spoke), ns[spoke], TOKEN);
      expect(link.spec.tlsCredentials).toBe(TOKEN);
      // Operational comes from the router pod's status sidecar, which no kubelet runs here.
      const status = await waitFor(`${spoke}'s token to show its Link configured`, async () => {
        const current = (await getJson(spoke, 'linktoken', TOKEN))?.status;
        return typeof current?.message === 'string' && current.message.startsWith(`Link ${TOKEN} is configured`) ? current : undefined;
      }, { timeoutMs: 30_000, intervalMs: 250 });
      expect(status).toMatchObject({ redeemed: true, status: 'Redeemed' });
    }
    // Still one redemption each: following the Link never redeems again.
    for (const spoke of SPOKES) {
      expect((await getJson('west', 'linkgrant', grantName(spoke))).status.redemptions).toBe(1);
    }
  });

  test('the hub\'s real router sees both spokes\' real routers, over TLS 1.3, authenticated by the certificates we issued', async () => {
    const hub = await startSiteRouter(west, ns.west, { label: `hub-${ns.west}` });
    routers.push(hub);
    const spokeRouters: Record<Spoke, SiteRouter> = {} as Record<Spoke, SiteRouter>;
    for (const spoke of SPOKES) {
      spokeRouters[spoke] = await startSiteRouter(clusterOf(spoke), ns[spoke], { label: `spoke-${ns[spoke]}`, links: [TOKEN] });
      routers.push(spokeRouters[spoke]);
    }
    const inbound = await waitFor('both spokes\' inter-router connections at the hub', async () => {
      const connections = (await queryRouter(hub.managementPort, ROUTER_ENTITY.connection)).filter(c => c.role === 'inter-router' && c.dir === 'in');
      return connections.length === SPOKES.length ? connections : undefined;
    }, { timeoutMs: 60_000, intervalMs: 500 });
    const spokeUids = await Promise.all(SPOKES.map(async spoke => (await getJson(spoke, 'site', spoke)).metadata.uid as string));
    expect(inbound.map(c => c.container).sort()).toEqual(SPOKES.map(spoke => spokeRouters[spoke].id).sort());
    for (const connection of inbound) {
      expect(connection).toMatchObject({ isEncrypted: true, isAuthenticated: true, sslProto: 'TLSv1.3', sasl: 'EXTERNAL' });
    }
    // The client certificate's CN is the spoke's Site UID, as our grant server issued it.
    expect(inbound.map(c => c.user).sort()).toEqual(spokeUids.map(uid => `CN=${uid}`).sort());
    // The wait is the assertion: it fails unless the hub's router lists both spoke routers.
    await waitFor('the hub\'s router to know both spoke routers', async () => {
      const ids = (await queryRouter(hub.managementPort, ROUTER_ENTITY.routerNode)).map(n => n.id as string);
      return SPOKES.every(spoke => ids.includes(spokeRouters[spoke].id));
    }, { timeoutMs: 60_000, intervalMs: 500 });
  });

  test('every process stops cleanly on SIGTERM', async () => {
    // They start concurrently, so compare as a set.
    expect(started.map(cli => cli.name).sort()).toEqual([`grant-server-${ns.west}`, `redeemer-${ns.east}`, `redeemer-${ns.north}`].sort());
    for (const cli of started) {
      expect({ name: cli.name, exit: await stopCli(cli) }).toEqual({ name: cli.name, exit: { code: 0, signal: null } });
    }
  });
});
