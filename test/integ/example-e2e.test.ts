// The example end to end, as GitOps would run it, on real parts all the way to the data plane:
// synthesize the example with each test cluster's own sealing certificate (its grant server on
// 127.0.0.1 and a free port), apply each cluster's folder with `kubectl apply -k` (what Argo CD's
// kustomize source or `flux build` applies), and let the real sealed-secrets controller unseal.
// Then our grant server (west) and redeemer (east) run through the bin entrypoint with their
// synthesized Deployments' args, as their synthesized ServiceAccounts; the real Skupper controller
// on each cluster configures its Site and, on east, the Link the redeemer created; and one real
// skupper-router per site, started from the configuration Skupper wrote, links over TLS 1.3 with
// the client certificate our grant server issued and carries TCP from a Skupper Listener on east
// to a Skupper Connector on west.
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Cluster, SealedSecret } from '../../lib';
import { CLEANUP, CliProcess, stopCli } from '../harness/cli-process';
import { getJson, kubectl } from '../harness/kubectl';
import { queryRouter, ROUTER_ENTITY, waitForInboundInterRouterConnection } from '../harness/router-management';
import { runCommand } from '../harness/run-command';
import { routerConfig, routerEntity, SiteRouter, startSiteRouter } from '../harness/site-router';
import { SkupperSite, waitForLinkConfigured, waitForSkupperSite } from '../harness/skupper-site';
import { testClusters } from '../harness/test-clusters';
import { waitFor } from '../harness/wait-for';
import { readObjects } from '../support/example-synth';
import { applyExample, runGrantServerAndRedeemer } from '../support/synthesized-workload';
import { EchoServer, startEchoServer, waitForEchoRoundTrip } from '../support/tcp-echo';

const { west, east } = testClusters();
const suffix = crypto.randomBytes(3).toString('hex');
const namespaces = { west: `e2e-west-${suffix}`, east: `e2e-east-${suffix}` };
/** A second connecting site on east whose certificate chains to a CA other than west's. */
const foreignNamespace = `e2e-foreign-${suffix}`;
const TOKEN = 'token-to-west';
const ROUTING_KEY = 'echo';

let work: string;
let outdir: string;
let grantPort: number;
let synthesized: Cluster[];
let westSite: SkupperSite;
const processes: CliProcess[] = [];
const routers: Partial<Record<'west' | 'east' | 'foreign', SiteRouter>> = {};
let echoServer: EchoServer | undefined;

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-skupper-e2e-'));
  ({ outdir, clusters: synthesized, grantServerPort: grantPort } = await applyExample({ west, east }, work, namespaces));
});

afterAll(async () => {
  for (const router of Object.values(routers)) await router?.process.stop();
  for (const cli of processes) await stopCli(cli, CLEANUP);
  await echoServer?.close();
  for (const [cluster, namespace] of [[west, namespaces.west], [east, namespaces.east], [east, foreignNamespace]] as const) {
    await kubectl(cluster, ['delete', 'namespace', namespace, '--wait=false', '--ignore-not-found']).catch(() => undefined);
  }
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

describe('the example applied as GitOps would apply it', () => {
  test.each(['west', 'east'] as const)('the sealed-secrets controller of %s unseals every SealedSecret into exactly what synth derived', async (name) => {
    const cluster = testClusters()[name];
    const sealedSecrets = synthesized.find(c => c.name === name)!.node.findAll().filter((c): c is SealedSecret => c instanceof SealedSecret);
    expect(sealedSecrets.length).toBeGreaterThan(0);
    for (const sealed of sealedSecrets) {
      const secret = await waitFor(`Secret ${namespaces[name]}/${sealed.name} unsealed on ${name}`, () => getJson(cluster, namespaces[name], 'secret', sealed.name), { timeoutMs: 60_000 });
      const unsealed = Object.fromEntries(Object.entries(secret.data as Record<string, string>).map(([k, v]) => [k, Buffer.from(v, 'base64')]));
      // Compared as booleans so a mismatch never prints secret values.
      const expected = sealed.unsealedData();
      expect(Object.keys(unsealed).sort()).toEqual(Object.keys(expected).sort());
      for (const key of Object.keys(expected)) {
        expect({ secret: sealed.name, key, equal: unsealed[key].equals(expected[key]) }).toEqual({ secret: sealed.name, key, equal: true });
      }
      // Owned by its SealedSecret, so pruning the SealedSecret from git removes the Secret.
      expect(secret.metadata.ownerReferences?.[0]?.kind).toBe('SealedSecret');
    }
  });

  test('the apiserver accepted every synthesized object as valid against its CRD and stored it', async () => {
    for (const { obj } of readObjects(outdir)) {
      if (obj.kind === 'CustomResourceDefinition') continue;
      const cluster = obj.metadata.namespace === namespaces.east || obj.metadata.name === namespaces.east ? east : west;
      const args = ['get', `${obj.kind.toLowerCase()}.${obj.apiVersion.includes('/') ? obj.apiVersion.split('/')[0] : ''}`.replace(/\.$/, ''),
        obj.metadata.name, '-o', 'name'];
      if (obj.metadata.namespace) args.push('-n', obj.metadata.namespace);
      expect(await kubectl(cluster, args)).toContain(obj.metadata.name);
    }
    // Server-side validation rejects what the CRD schema forbids: prove the schema is live.
    const bad = { apiVersion: 'cdk8s-skupper.io/v1alpha1', kind: 'LinkGrant', metadata: { name: 'bad', namespace: namespaces.west },
      spec: { redemptionsAllowed: 0, codeSecretRef: { name: 'x' } } };
    await expect(kubectl(west, ['apply', '-f', '-'], { input: JSON.stringify(bad) })).rejects.toThrow(/redemptionsAllowed/);
  });

  test('the real Skupper controller configures both Sites: site CA, and west\'s endpoints on 127.0.0.1 node ports', async () => {
    westSite = await waitForSkupperSite(west, namespaces.west, work, { linkAccess: true });
    expect(westSite.endpoints.map((e) => e.name).sort()).toEqual(['edge', 'inter-router']);
    for (const endpoint of westSite.endpoints) {
      expect(endpoint.host).toBe('127.0.0.1');
      const [low, high] = west.nodePortRange.split('-').map(Number);
      expect(Number(endpoint.port)).toBeGreaterThanOrEqual(low);
      expect(Number(endpoint.port)).toBeLessThanOrEqual(high);
    }
    expect(westSite.caPem).toMatch(/^-----BEGIN CERTIFICATE-----/);
    await waitForSkupperSite(east, namespaces.east, work, { linkAccess: false });
  });

  test('our grant server and redeemer, as their ServiceAccounts, link east to west: Skupper configures the Link with its sslProfile', async () => {
    processes.push(...await runGrantServerAndRedeemer(
      { cluster: west, outdir: path.join(outdir, 'west'), namespace: namespaces.west },
      { cluster: east, outdir: path.join(outdir, 'east'), namespace: namespaces.east }));

    const link = await waitForLinkConfigured(east, namespaces.east, TOKEN);
    expect(link.spec).toEqual({ endpoints: westSite.endpoints, tlsCredentials: TOKEN });
    const config = (await routerConfig(east, namespaces.east))!;
    const interRouter = westSite.endpoints.find((e) => e.name === 'inter-router')!;
    expect(routerEntity(config, 'connector', TOKEN)).toMatchObject({
      role: 'inter-router', host: interRouter.host, port: interRouter.port, sslProfile: `${TOKEN}-profile`,
    });
    expect(routerEntity(config, 'sslProfile', `${TOKEN}-profile`)).toMatchObject({
      caCertFile: `/etc/skupper-router-certs/${TOKEN}-profile/ca.crt`,
      certFile: `/etc/skupper-router-certs/${TOKEN}-profile/tls.crt`,
      privateKeyFile: `/etc/skupper-router-certs/${TOKEN}-profile/tls.key`,
    });
    // The token follows the Link: configured; Operational needs the router pod's sidecar (no kubelet here).
    const status = await waitFor('the token to show its Link configured', async () => {
      const current = (await getJson(east, namespaces.east, 'linktoken', TOKEN))?.status;
      return typeof current?.message === 'string' && current.message.startsWith(`Link ${TOKEN} is configured`) ? current : undefined;
    }, { timeoutMs: 30_000 });
    expect(status).toMatchObject({ redeemed: true, status: 'Redeemed' });
    expect((await getJson(west, namespaces.west, 'linkgrant', 'grant-west')).status.redemptions).toBe(1);
  });

  test('the printer columns of LinkGrant and LinkToken mirror Skupper\'s', async () => {
    const grants = await kubectl(west, ['get', 'linkgrants', '-n', namespaces.west]);
    expect(grants.split('\n')[0]).toMatch(/^NAME\s+REDEMPTIONS ALLOWED\s+REDEMPTIONS MADE\s+EXPIRATION\s+STATUS\s+MESSAGE/);
    expect(grants).toMatch(/grant-west\s+2\s+1\s/);
    const tokens = await kubectl(east, ['get', 'linktokens', '-n', namespaces.east]);
    expect(tokens.split('\n')[0]).toMatch(/^NAME\s+URL\s+REDEEMED\s+STATUS\s+REMOTE SITE\s+MESSAGE/);
    expect(tokens).toContain(`https://127.0.0.1:${grantPort}/${namespaces.west}/grant-west`);
  });

  test('a Skupper Connector on west and a Listener on east become the routers\' tcpConnector and tcpListener', async () => {
    echoServer = await startEchoServer();
    const echoPort = echoServer.port;
    await kubectl(west, ['apply', '-f', '-'], { input: JSON.stringify({
      apiVersion: 'skupper.io/v2alpha1', kind: 'Connector', metadata: { name: ROUTING_KEY, namespace: namespaces.west },
      spec: { routingKey: ROUTING_KEY, host: '127.0.0.1', port: echoPort },
    }) });
    await kubectl(east, ['apply', '-f', '-'], { input: JSON.stringify({
      apiVersion: 'skupper.io/v2alpha1', kind: 'Listener', metadata: { name: ROUTING_KEY, namespace: namespaces.east },
      spec: { routingKey: ROUTING_KEY, host: ROUTING_KEY, port: 9000 },
    }) });
    const connector = await waitFor('west\'s router configuration to hold the tcpConnector', async () => {
      const config = await routerConfig(west, namespaces.west);
      return config && config.find(([type, attrs]) => type === 'tcpConnector' && attrs.address === ROUTING_KEY)?.[1];
    }, { timeoutMs: 60_000, intervalMs: 500 });
    expect(connector).toMatchObject({ host: '127.0.0.1', port: String(echoPort), address: ROUTING_KEY });
    const listener = await waitFor('east\'s router configuration to hold the tcpListener', async () => {
      const config = await routerConfig(east, namespaces.east);
      return config && config.find(([type, attrs]) => type === 'tcpListener' && attrs.address === ROUTING_KEY)?.[1];
    }, { timeoutMs: 60_000, intervalMs: 500 });
    expect(listener).toMatchObject({ address: ROUTING_KEY });
  });

  test('the real routers link: west sees east\'s router over TLS 1.3, authenticated by the certificate our grant server issued', async () => {
    // The listening router first: the connecting one would otherwise back off before retrying.
    routers.west = await startSiteRouter(west, namespaces.west, { label: `e2e-west-${suffix}` });
    routers.east = await startSiteRouter(east, namespaces.east, { label: `e2e-east-${suffix}`, links: [TOKEN] });
    const eastUid = (await getJson(east, namespaces.east, 'site', 'east')).metadata.uid;
    const inbound = await waitForInboundInterRouterConnection(routers.west.managementPort, routers.east.id);
    expect(inbound).toMatchObject({ container: routers.east.id, isEncrypted: true, isAuthenticated: true, sslProto: 'TLSv1.3', sasl: 'EXTERNAL', user: `CN=${eastUid}` });
    // The certificate east presents is the one in the Secret the redeemer made from our answer.
    const secret = await getJson(east, namespaces.east, 'secret', TOKEN);
    const clientCert = path.join(work, 'east-client.crt');
    fs.writeFileSync(clientCert, Buffer.from(secret.data['tls.crt'], 'base64'));
    expect((await runCommand('openssl', ['verify', '-CAfile', westSite.caFile, clientCert])).trim()).toBe(`${clientCert}: OK`);
    // The wait is the assertion: it fails unless west's router lists east's.
    await waitFor('west\'s router to know east\'s', async () =>
      (await queryRouter(routers.west!.managementPort, ROUTER_ENTITY.routerNode)).some((n) => n.id === routers.east!.id), { timeoutMs: 30_000, intervalMs: 500 });
  });

  test('TCP crosses the link: a client of east\'s Listener reaches the echo server behind west\'s Connector', async () => {
    const port = routers.east!.tcpListenerPorts[ROUTING_KEY];
    expect(port).toBeGreaterThan(0);
    const payload = crypto.randomBytes(256 * 1024);
    const echoed = await waitForEchoRoundTrip(port, payload);
    expect(echoed.equals(payload)).toBe(true);
  });

  test('a token whose certificate chains to another site\'s CA never links', async () => {
    // A second connecting site on east, given a Link to west whose client certificate its OWN
    // site CA (made by Skupper) signed, while it trusts west's CA for the server.
    await kubectl(east, ['create', 'namespace', foreignNamespace]);
    await kubectl(east, ['apply', '-f', '-'], { input: JSON.stringify({
      apiVersion: 'skupper.io/v2alpha1', kind: 'Site', metadata: { name: 'foreign', namespace: foreignNamespace },
    }) });
    await waitForSkupperSite(east, foreignNamespace, work, { linkAccess: false });
    const foreignCa = (await getJson(east, foreignNamespace, 'secret', 'skupper-site-ca')).data;
    const file = (name: string, b64: string): string => {
      const full = path.join(work, `foreign-${name}`);
      fs.writeFileSync(full, Buffer.from(b64, 'base64'), { mode: 0o600 });
      return full;
    };
    const caCert = file('ca.crt', foreignCa['tls.crt']);
    const caKey = file('ca.key', foreignCa['tls.key']);
    const key = path.join(work, 'foreign-client.key');
    const csr = path.join(work, 'foreign-client.csr');
    const cert = path.join(work, 'foreign-client.crt');
    await runCommand('openssl', ['req', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=foreign', '-keyout', key, '-out', csr]);
    await runCommand('openssl', ['x509', '-req', '-in', csr, '-CA', caCert, '-CAkey', caKey, '-set_serial', '0x01', '-days', '1', '-out', cert]);
    const b64 = (f: string): string => fs.readFileSync(f).toString('base64');
    const siteUid = (await getJson(east, foreignNamespace, 'site', 'foreign')).metadata.uid;
    const owner = [{ apiVersion: 'skupper.io/v2alpha1', kind: 'Site', name: 'foreign', uid: siteUid }];
    await kubectl(east, ['apply', '-f', '-'], { input: [
      { apiVersion: 'v1', kind: 'Secret', type: 'kubernetes.io/tls', metadata: { name: 'foreign-link', namespace: foreignNamespace, ownerReferences: owner },
        data: { 'tls.crt': b64(cert), 'tls.key': b64(key), 'ca.crt': Buffer.from(westSite.caPem).toString('base64') } },
      { apiVersion: 'skupper.io/v2alpha1', kind: 'Link', metadata: { name: 'foreign-link', namespace: foreignNamespace, ownerReferences: owner },
        spec: { endpoints: westSite.endpoints, tlsCredentials: 'foreign-link' } },
    ].map((o) => JSON.stringify(o)).join('\n') });
    await waitForLinkConfigured(east, foreignNamespace, 'foreign-link');
    routers.foreign = await startSiteRouter(east, foreignNamespace, { label: `e2e-foreign-${suffix}`, links: ['foreign-link'] });

    // The foreign router tries and is refused: wait until its connector reports a failed attempt
    // (the message stays; the state goes back to CONNECTING for the retry), then look at west.
    const failed = await waitFor('the foreign router\'s connection attempt to fail', async () => {
      const connector = (await queryRouter(routers.foreign!.managementPort, ROUTER_ENTITY.connector)).find((c) => c.name === 'foreign-link');
      return connector && /failed/.test(String(connector.connectionMsg)) ? connector : undefined;
    }, { timeoutMs: 60_000, intervalMs: 500 });
    // West's router refuses the client certificate: TLS alert "unknown ca".
    expect(String(failed.connectionMsg)).toMatch(/unknown ca/);
    expect(failed.connectionStatus).not.toBe('SUCCESS');
    const westConnections = (await queryRouter(routers.west!.managementPort, ROUTER_ENTITY.connection)).filter((c) => c.role === 'inter-router');
    expect(westConnections.map((c) => c.container)).toEqual([routers.east!.id]);
    const ids = (await queryRouter(routers.west!.managementPort, ROUTER_ENTITY.routerNode)).map((n) => n.id);
    expect(ids).not.toContain(routers.foreign.id);
  });
});
