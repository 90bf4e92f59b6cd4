// The grant server on a real control plane: synthesize the example with the west cluster's
// sealing certificate, apply it, let the real sealed-secrets controller unseal the grant code and
// the server's TLS key, then run `cdk8s-skupper grant-server` (the bin entrypoint, with the
// synthesized Deployment's own args) as the synthesized ServiceAccount, so its Role is proven
// sufficient, and redeem over HTTPS on 127.0.0.1. The Site's CA and endpoints are the real Skupper
// controller's (nodeport access on 127.0.0.1).
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as https from 'https';
import * as os from 'os';
import * as path from 'path';
import * as tls from 'tls';
import * as YAML from 'yaml';
import { GrantServer, LinkGrant } from '../../lib';
import { CLEANUP, CliProcess, spawnCli, stopCli, StopCliOptions, waitForReadyz } from '../harness/cli-process';
import { freePorts } from '../harness/free-ports';
import { httpGet } from '../harness/http-get';
import { kubectl } from '../harness/kubectl';
import { runCommand } from '../harness/run-command';
import { kubeconfigForServiceAccount } from '../harness/service-account-kubeconfig';
import { testClusters } from '../harness/test-clusters';
import { routerConfig, routerEntity } from '../harness/site-router';
import { SiteEndpoint, waitForLinkConfigured, waitForSkupperSite } from '../harness/skupper-site';
import { waitFor } from '../harness/wait-for';
import { readObjects } from '../support/example-synth';
import { synthExample } from '../support/synthesized-workload';

const { west, east } = testClusters();
const suffix = crypto.randomBytes(3).toString('hex');
const ns = { west: `gs-west-${suffix}`, east: `gs-east-${suffix}` };
const SERVICE_ACCOUNT = 'cdk8s-skupper-grant-server';
const TLS_SECRET = 'cdk8s-skupper-grant-server-tls';
const CODE_SECRET = 'grant-west-code';
/** A redeeming Site's UID as the subject: Skupper's kube redeemer sends its Site's UID. */
const SITE_UID = '3f1c2a9e-5b7d-4e8f-9a0b-1c2d3e4f5a6b';

interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

let work: string;
let grantPort: number;
let metricsPort: number;
let code: string; // secret: never printed, compared only as booleans
let serverCaPem: string;
let siteCaFile: string;
/** What the Skupper controller resolved into the listening Site's status. */
let ENDPOINTS: readonly SiteEndpoint[];
let serverLog: string;
let serverStartedAt: number;
let server: CliProcess | undefined;
let deploymentArgs: string[];

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-skupper-grant-server-'));
  [grantPort, metricsPort] = await freePorts(2);
  const { outdir, clusters } = await synthExample({ west, east }, work, ns, grantPort);
  const constructs = clusters.find((c) => c.name === 'west')!.node.findAll();
  code = constructs.find((c): c is LinkGrant => c instanceof LinkGrant)!.code();
  serverCaPem = constructs.find((c): c is GrantServer => c instanceof GrantServer)!.caCertificatePem;
  const deployment = readObjects(path.join(outdir, 'west')).map((o) => o.obj).find((o) => o.kind === 'Deployment' && o.metadata.name === SERVICE_ACCOUNT);
  deploymentArgs = deployment.spec.template.spec.containers[0].args;

  await kubectl(west, ['apply', '-k', path.join(outdir, 'west')]);
  const site = await waitForSkupperSite(west, ns.west, work, { linkAccess: true });
  siteCaFile = site.caFile;
  ENDPOINTS = site.endpoints;
  // In Skupper's order, which varies from Site to Site.
  expect(ENDPOINTS.map((e) => [e.name, e.host]).sort()).toEqual([['edge', '127.0.0.1'], ['inter-router', '127.0.0.1']]);
  // Extra grants for the tests below. They share the example grant's code Secret, which the
  // synthesized Role already lets the server read: no RBAC is widened for them.
  await applyGrant('burst', { redemptionsAllowed: 3, expirationWindow: '1h' });
  await applyGrant('reissue', { redemptionsAllowed: 1, expirationWindow: '1h' });
  await applyGrant('generous', { redemptionsAllowed: 100, expirationWindow: '1h' });
  for (const secret of [CODE_SECRET, TLS_SECRET]) {
    await waitFor(`the sealed-secrets controller to unseal ${secret}`, async () =>
      (await kubectl(west, ['get', 'secret', secret, '-n', ns.west, '--ignore-not-found', '-o', 'name'])).trim() !== '', { timeoutMs: 60_000 });
  }
  // The grant server first sees the grant after this instant (whole seconds: the status has no finer).
  serverStartedAt = Math.floor(Date.now() / 1000) * 1000;
  await startServer();
});

afterAll(async () => {
  await stopServer(CLEANUP);
  for (const [cluster, namespace] of [[west, ns.west], [east, ns.east]] as const) {
    await kubectl(cluster, ['delete', 'namespace', namespace, '--wait=false', '--ignore-not-found']).catch(() => undefined);
  }
  fs.rmSync(work, { recursive: true, force: true });
});

async function applyGrant(name: string, spec: Record<string, unknown>): Promise<void> {
  await kubectl(west, ['apply', '-f', '-'], { input: JSON.stringify({
    apiVersion: 'cdk8s-skupper.io/v1alpha1', kind: 'LinkGrant', metadata: { name, namespace: ns.west },
    spec: { codeSecretRef: { name: CODE_SECRET, key: 'code' }, ...spec },
  }) });
}

async function grantStatus(name: string): Promise<Record<string, any>> {
  return JSON.parse(await kubectl(west, ['get', 'linkgrant', name, '-n', ns.west, '-o', 'json'])).status ?? {};
}

async function readyz(port: number): Promise<number> {
  return (await httpGet(`http://127.0.0.1:${port}/readyz`).catch(() => ({ status: 0 }))).status;
}

/** SIGTERM by PID; resolves to the exit code. */
async function stop(running: CliProcess | undefined, options: StopCliOptions = {}): Promise<number | null | undefined> {
  return running ? (await stopCli(running, options)).code : undefined;
}

/** Runs the grant server exactly as the Deployment would, as its ServiceAccount, plus the overrides a test run needs. */
async function startServer(): Promise<void> {
  const kubeconfig = await kubeconfigForServiceAccount(west, ns.west, SERVICE_ACCOUNT);
  server = spawnCli(west.logsDir, `grant-server-${ns.west}`, [...deploymentArgs,
    '--kubeconfig', kubeconfig, '--namespace', ns.west, '--bind-address', '127.0.0.1', '--metrics-address', `127.0.0.1:${metricsPort}`,
    // Test-sized limits: a slow client is cut off after 3 s; 1 failed attempt regained per second.
    '--headers-timeout=2s', '--request-timeout=3s', '--failed-attempt-burst=20', '--failed-attempt-interval=1s']);
  serverLog = server.log;
  await waitForReadyz(server, metricsPort);
}

async function stopServer(options: StopCliOptions = {}): Promise<number | null | undefined> {
  const running = server;
  server = undefined;
  return stop(running, options);
}

/** One request to the grant server, as Skupper's redeemer makes it (TLS 1.3, trusting only the token's CA). */
function request(pathName: string, body: string | Buffer, headers: Record<string, string> = {}, method = 'POST', port = grantPort): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = https.request({
      host: '127.0.0.1', port, path: pathName, method, headers, ca: serverCaPem, minVersion: 'TLSv1.3', agent: false, timeout: 30_000,
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('request timed out')));
    req.on('error', reject);
    req.end(body);
  });
}

const redeem = (grant: string, body: string, headers: Record<string, string> = {}) => request(`/${ns.west}/${grant}`, body, headers);

/** Everything of a response but its Date header: what a client could compare. */
function observable(res: RawResponse): object {
  const { date: _date, ...headers } = res.headers;
  return { status: res.status, headers, body: res.body };
}

/**
 * Decodes the answer as Skupper's redeemer does (apimachinery's YAMLOrJSONDecoder): documents
 * split at "---" lines, empty ones skipped; the first is taken as a Secret, the rest as Links.
 */
function decodeAsSkupperRedeemer(body: string): { secret: any; links: any[] } {
  const docs = body.split(/^---$\n?/m).filter((doc) => doc.trim() !== '').map((doc) => YAML.parse(doc));
  const [secret, ...links] = docs;
  return { secret, links };
}

function certificateOf(secret: any): crypto.X509Certificate {
  return new crypto.X509Certificate(Buffer.from(secret.data['tls.crt'], 'base64'));
}

describe('grant server', () => {
  test('runs as the synthesized ServiceAccount with the synthesized args, and marks the grant Ready', async () => {
    expect(deploymentArgs).toEqual(['grant-server', `--port=${grantPort}`, `--tls-secret=${TLS_SECRET}`, `--base-url=https://127.0.0.1:${grantPort}`, '--metrics-address=:9191']);
    const status = await waitFor('grant-west to be Ready', async () => {
      const s = await grantStatus('grant-west');
      return s.status === 'Ready' ? s : undefined;
    }, { timeoutMs: 30_000 });
    expect(status).toMatchObject({ url: `https://127.0.0.1:${grantPort}/${ns.west}/grant-west`, redemptions: 0, message: 'OK' });
    // The 25m window started when the grant server first saw the grant.
    // Bounded by two recorded instants, not by how long anything took.
    const expires = Date.parse(status.expirationTime);
    expect(expires).toBeGreaterThanOrEqual(serverStartedAt + 25 * 60_000);
    expect(expires).toBeLessThanOrEqual(Date.now() + 25 * 60_000);
    expect(status.conditions).toEqual([expect.objectContaining({ type: 'Ready', status: 'True', reason: 'Ready' })]);
  });

  test('a valid redemption returns the Secret and Link a stock Skupper redeemer accepts, chained to skupper-site-ca', async () => {
    const res = await redeem('grant-west', code, { name: 'token-to-west', subject: SITE_UID });
    expect(res.status).toBe(200);
    expect(res.body.startsWith('---\n')).toBe(true);
    const { secret, links } = decodeAsSkupperRedeemer(res.body);
    expect(secret).toMatchObject({ apiVersion: 'v1', kind: 'Secret', type: 'kubernetes.io/tls', metadata: { name: 'token-to-west' } });
    expect(Object.keys(secret.data).sort()).toEqual(['ca.crt', 'tls.crt', 'tls.key']);
    expect(Buffer.from(secret.data['ca.crt'], 'base64').toString()).toBe(fs.readFileSync(siteCaFile, 'utf8'));
    expect(links).toEqual([{
      apiVersion: 'skupper.io/v2alpha1', kind: 'Link', metadata: { name: 'token-to-west' },
      spec: { endpoints: ENDPOINTS, tlsCredentials: 'token-to-west' },
    }]);

    const certificate = certificateOf(secret);
    expect(certificate.subject).toBe(`CN=${SITE_UID}`);
    // Every endpoint host, an IP as both IP and DNS name (as Skupper's own certificates do).
    expect(certificate.subjectAltName!.split(', ').sort()).toEqual(['DNS:127.0.0.1', 'IP Address:127.0.0.1']);
    const leafFile = path.join(work, 'leaf.crt');
    fs.writeFileSync(leafFile, certificate.toString());
    expect(await runCommand('openssl', ['verify', '-purpose', 'sslclient', '-CAfile', siteCaFile, leafFile])).toBe(`${leafFile}: OK\n`);
    // The default client key: ECDSA P-256 (the example e2e test proves it links real routers).
    expect(crypto.createPrivateKey(Buffer.from(secret.data['tls.key'], 'base64')).asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    expect(Buffer.from(secret.data['tls.key'], 'base64').toString()).toMatch(/^-----BEGIN PRIVATE KEY-----/);

    // What the stock redeemer does next: create both, owned by its Site, in its namespace (east).
    await kubectl(east, ['create', 'namespace', ns.east]);
    const site = JSON.parse(await kubectl(east, ['create', '-o', 'json', '-f', '-'], { input: JSON.stringify({
      apiVersion: 'skupper.io/v2alpha1', kind: 'Site', metadata: { name: 'east', namespace: ns.east },
    }) }));
    const owned = (obj: any) => ({ ...obj, metadata: { ...obj.metadata, namespace: ns.east,
      ownerReferences: [{ apiVersion: 'skupper.io/v2alpha1', kind: 'Site', name: 'east', uid: site.metadata.uid }] } });
    await kubectl(east, ['create', '-f', '-'], { input: [secret, ...links].map((o) => JSON.stringify(owned(o))).join('\n') });
    const link = JSON.parse(await kubectl(east, ['get', 'link', 'token-to-west', '-n', ns.east, '-o', 'json']));
    expect(link.spec).toEqual({ endpoints: ENDPOINTS, tlsCredentials: 'token-to-west' });
    // The real Skupper controller on east accepts both: the Link lands in its router configuration.
    await waitForLinkConfigured(east, ns.east, 'token-to-west');
    const connector = routerEntity((await routerConfig(east, ns.east))!, 'connector', 'token-to-west');
    const endpoint = ENDPOINTS.find((e) => e.name === 'inter-router')!;
    expect(connector).toMatchObject({ role: 'inter-router', host: endpoint.host, port: endpoint.port, sslProfile: 'token-to-west-profile' });

    const status = await grantStatus('grant-west');
    expect(status.redemptions).toBe(1);
    expect(status.redeemers).toEqual([{ name: 'token-to-west', subject: SITE_UID, redeemedAt: expect.any(String) }]);
    // Events are aggregated per grant and reason over a second, written when it ends.
    const redeemed = await waitFor('the Redeemed event of grant-west', async () => {
      const events = JSON.parse(await kubectl(west, ['get', 'events', '-n', ns.west, '--field-selector', 'involvedObject.name=grant-west', '-o', 'json']));
      return (events.items as Array<{ reason: string; message: string }>).find((e) => e.reason === 'Redeemed');
    });
    expect(redeemed.message).toMatch(new RegExp(`^Redeemed for link "token-to-west" \\(subject "${SITE_UID}"\\): 1 of \\d+ redemptions made$`));
    expect(redeemed.message.includes(code)).toBe(false);
  });

  test('a repeat redemption with the same name and subject re-issues a fresh certificate without counting', async () => {
    const first = await redeem('reissue', code, { name: 'crashed-redeemer', subject: 'site-r' });
    const second = await redeem('reissue', code, { name: 'crashed-redeemer', subject: 'site-r' });
    expect([first.status, second.status]).toEqual([200, 200]);
    const [a, b] = [first, second].map((r) => decodeAsSkupperRedeemer(r.body).secret);
    expect(certificateOf(a).serialNumber).not.toBe(certificateOf(b).serialNumber);
    expect(a.data['tls.key']).not.toBe(b.data['tls.key']);
    expect(certificateOf(b).subject).toBe('CN=site-r');
    // The grant allows 1: someone else is refused, with Skupper's text.
    const other = await redeem('reissue', code, { name: 'someone-else', subject: 'site-x' });
    expect([other.status, other.body]).toEqual([404, 'No such access granted\n']);
    const status = await grantStatus('reissue');
    expect(status.redemptions).toBe(1);
    expect(status.redeemers).toHaveLength(1);
  });

  test('50 concurrent redemptions (distinct names) of a grant allowing 3: exactly 3 succeed and 3 are counted', async () => {
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => redeem('burst', code, { name: `racer-${i}`, subject: `site-${i}` })));
    const byStatus: Record<string, number> = {};
    for (const r of results) {
      const key = `${r.status} ${r.body.startsWith('---') ? 'bundle' : r.body.trim()}`;
      byStatus[key] = (byStatus[key] ?? 0) + 1;
    }
    expect(byStatus).toEqual({ '200 bundle': 3, '404 No such access granted': 47 });
    const status = await grantStatus('burst');
    expect(status.redemptions).toBe(3);
    expect(status.redeemers).toHaveLength(3);
    await waitFor('burst to show Exhausted', async () => (await grantStatus('burst')).status === 'Exhausted', { timeoutMs: 15_000 });
  });

  test('without the right code, unknown, wrong-code, expired and exhausted grants all get the same answer', async () => {
    // A grant that expires 2 s after the server first sees it.
    await applyGrant('short', { redemptionsAllowed: 5, expirationWindow: '2s' });
    const expired = await waitFor('short to be marked Expired', async () => {
      const s = await grantStatus('short');
      return s.status === 'Expired' ? s : undefined;
    }, { timeoutMs: 20_000 });
    expect(expired.message).toMatch(/^Expired at /);

    const wrongCode = code.slice(0, -1) + (code.endsWith('A') ? 'B' : 'A');
    const answers = [
      await redeem('grant-west', wrongCode),
      await redeem('no-such-grant', code),
      await redeem('no-such-grant', wrongCode),
      await redeem('short', wrongCode),
      await redeem('burst', wrongCode),
      await request(`/other-namespace/grant-west`, code),
      await request('/', code),
      await redeem('grant-west', code + '\n'), // nothing is trimmed, as Skupper
    ];
    const expected = { status: 404, headers: expect.anything(), body: 'No such claim\n' };
    for (const answer of answers) expect(answer).toEqual(expected);
    const shapes = answers.map(observable);
    for (const shape of shapes) expect(shape).toEqual(shapes[0]);
    expect(answers[0].headers).toMatchObject({ 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' });

    // With the right code, Skupper's answers: expired is "No such claim", exhausted "No such access granted".
    expect(observable(await redeem('short', code))).toEqual(shapes[0]);
    const exhausted = await redeem('burst', code, { name: 'late', subject: 'late' });
    expect([exhausted.status, exhausted.body]).toEqual([404, 'No such access granted\n']);
    expect((await grantStatus('short')).redemptions).toBe(0);
  });

  test('request limits: wrong method 405, oversized body 413, slow client cut off', async () => {
    const get = await request(`/${ns.west}/grant-west`, '', {}, 'GET');
    expect([get.status, get.body, get.headers['content-type']]).toEqual([405, 'Only POST is supported\n', 'text/plain; charset=utf-8']);
    const big = await redeem('grant-west', 'x'.repeat(5000));
    expect(big.status).toBe(413);
    const chunked = await request(`/${ns.west}/grant-west`, Buffer.alloc(0), { 'transfer-encoding': 'chunked' });
    expect(chunked.status).toBe(404); // an empty body is just a wrong code

    // Sends the headers and 5 of the 24 bytes announced, then stalls: the server cuts it off and
    // says why (408 is what its request timeout answers), so no clock is read here; a server that
    // never cut it off would hold the test until jest's timeout.
    const outcome = await new Promise<string>((resolve) => {
      const socket = tls.connect({ host: '127.0.0.1', port: grantPort, ca: serverCaPem, minVersion: 'TLSv1.3' }, () => {
        socket.write(`POST /${ns.west}/grant-west HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 24\r\n\r\nabcde`);
      });
      let received = '';
      socket.on('data', (chunk) => (received += chunk.toString()));
      socket.on('close', () => resolve(received.split('\r\n')[0] || 'closed'));
      socket.on('error', () => undefined);
    });
    expect(outcome).toBe('HTTP/1.1 408 Request Timeout');
  });

  test('refuses TLS 1.2 clients', async () => {
    const error = await new Promise<Error | undefined>((resolve) => {
      const socket = tls.connect({ host: '127.0.0.1', port: grantPort, ca: serverCaPem, maxVersion: 'TLSv1.2' }, () => {
        socket.destroy();
        resolve(undefined);
      });
      socket.on('error', resolve);
    });
    expect(error?.message).toMatch(/protocol version|alert/i);
    const ok = await new Promise<string | null>((resolve, reject) => {
      const socket = tls.connect({ host: '127.0.0.1', port: grantPort, ca: serverCaPem }, () => {
        resolve(socket.getProtocol());
        socket.destroy();
      });
      socket.on('error', reject);
    });
    expect(ok).toBe('TLSv1.3');
  });

  test('serves /readyz and /metrics with an outcome per redemption', async () => {
    expect((await httpGet(`http://127.0.0.1:${metricsPort}/readyz`)).status).toBe(200);
    expect((await httpGet(`http://127.0.0.1:${metricsPort}/healthz`)).status).toBe(200);
    const metrics = (await httpGet(`http://127.0.0.1:${metricsPort}/metrics`)).body;
    for (const outcome of ['issued', 'reissued', 'exhausted', 'refused', 'not_found', 'expired', 'method_not_allowed', 'too_large']) {
      expect(metrics).toMatch(new RegExp(`^cdk8s_skupper_redemptions_total\\{outcome="${outcome}"\\} [1-9]`, 'm'));
    }
    expect(metrics).toMatch(/^cdk8s_skupper_redemption_duration_seconds_count\{outcome="issued"\} [1-9]/m);
  });

  test('reloads its certificate when the TLS Secret changes', async () => {
    const served = () => new Promise<string>((resolve, reject) => {
      const socket = tls.connect({ host: '127.0.0.1', port: grantPort, rejectUnauthorized: false }, () => {
        resolve(socket.getPeerX509Certificate()!.fingerprint256);
        socket.destroy();
      });
      socket.on('error', reject);
    });
    const original = JSON.parse(await kubectl(west, ['get', 'secret', TLS_SECRET, '-n', ns.west, '-o', 'json']));
    const originalPem = Buffer.from(original.data['tls.crt'], 'base64').toString();
    expect(await served()).toBe(new crypto.X509Certificate(originalPem).fingerprint256);

    const keyFile = path.join(work, 'rotated.key');
    const certFile = path.join(work, 'rotated.crt');
    await runCommand('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile, '-out', certFile, '-days', '1',
      '-subj', '/CN=rotated', '-addext', 'subjectAltName=IP:127.0.0.1']);
    const rotatedPem = fs.readFileSync(certFile, 'utf8');
    const patch = (crt: string, key: string) => kubectl(west, ['patch', 'secret', TLS_SECRET, '-n', ns.west, '--type=merge', '-p', JSON.stringify({ data: { 'tls.crt': crt, 'tls.key': key } })]);
    await patch(Buffer.from(rotatedPem).toString('base64'), fs.readFileSync(keyFile).toString('base64'));
    await waitFor('the rotated certificate to be served', async () => (await served()) === new crypto.X509Certificate(rotatedPem).fingerprint256, { timeoutMs: 20_000 });

    // Back to the synthesized one (the sealed-secrets controller owns the Secret): tokens trust only that CA.
    await patch(original.data['tls.crt'], original.data['tls.key']);
    await waitFor('the original certificate to be served again', async () => (await served()) === new crypto.X509Certificate(originalPem).fingerprint256, { timeoutMs: 20_000 });
    expect((await request(`/${ns.west}/grant-west`, '', {}, 'GET')).status).toBe(405);
  });

  test('rate limits failed attempts per client address, refusing even the right code while limited', async () => {
    // A server of its own whose bucket never refills within the test (1 attempt per hour): the
    // outcome cannot depend on how long the requests take. Refill over time is unit-tested with
    // an injected clock (failed-attempt-limiter.test.ts).
    const [port, healthPort] = await freePorts(2);
    const kubeconfig = await kubeconfigForServiceAccount(west, ns.west, SERVICE_ACCOUNT);
    const limited = spawnCli(west.logsDir, `grant-server-limited-${ns.west}`, [...deploymentArgs, '--kubeconfig', kubeconfig, '--namespace', ns.west, '--bind-address', '127.0.0.1',
      `--port=${port}`, `--metrics-address=127.0.0.1:${healthPort}`, '--failed-attempt-burst=5', '--failed-attempt-interval=1h']);
    try {
      await waitForReadyz(limited, healthPort);
      const attempt = (body: string, headers: Record<string, string> = {}) => request(`/${ns.west}/generous`, body, headers, 'POST', port);
      const answers = [];
      for (let i = 0; i < 8; i++) answers.push(await attempt(`wrong-${i}`));
      expect(answers.map((a) => a.status)).toEqual([404, 404, 404, 404, 404, 429, 429, 429]);
      expect(answers[5].body).toBe('Too many failed attempts\n');
      expect(Number(answers[5].headers['retry-after'])).toBeGreaterThan(3000);
      expect((await attempt(code, { name: 'patient' })).status).toBe(429);
      expect((await grantStatus('generous')).redemptions ?? 0).toBe(0);
    } finally {
      await stop(limited, CLEANUP);
    }
  });

  test('is not ready, and does not listen, until its TLS Secret exists', async () => {
    const [port, healthPort] = await freePorts(2);
    const late = spawnCli(west.logsDir, `grant-server-late-${ns.west}`, ['grant-server', `--port=${port}`, '--tls-secret=late-tls', `--base-url=https://127.0.0.1:${port}`,
      // An admin kubeconfig: the synthesized Role (rightly) does not let the server read a Secret named late-tls.
      '--kubeconfig', west.kubeconfig, '--namespace', ns.west, '--bind-address=127.0.0.1', `--metrics-address=127.0.0.1:${healthPort}`]);
    try {
      // A condition, not a pause: it has synced its caches and says it waits for the Secret.
      await waitFor('the server to wait for its TLS Secret', () => fs.readFileSync(late.log, 'utf8').includes('"waiting for the TLS Secret"'), { timeoutMs: 30_000, intervalMs: 200 });
      expect(await readyz(healthPort)).toBe(503);
      expect((await httpGet(`http://127.0.0.1:${healthPort}/healthz`)).status).toBe(200);
      await expect(request(`/${ns.west}/grant-west`, '', {}, 'GET', port)).rejects.toThrow(/ECONNREFUSED/);

      const tlsSecret = JSON.parse(await kubectl(west, ['get', 'secret', TLS_SECRET, '-n', ns.west, '-o', 'json']));
      await kubectl(west, ['create', '-f', '-'], { input: JSON.stringify({
        apiVersion: 'v1', kind: 'Secret', type: 'kubernetes.io/tls', metadata: { name: 'late-tls', namespace: ns.west }, data: tlsSecret.data,
      }) });
      await waitForReadyz(late, healthPort);
      expect((await request(`/${ns.west}/grant-west`, '', {}, 'GET', port)).status).toBe(405);
    } finally {
      expect(await stop(late)).toBe(0);
    }
  });

  test('logs one JSON line per request and never the code; shuts down cleanly on SIGTERM', async () => {
    expect(await stopServer()).toBe(0);
    const log = fs.readFileSync(serverLog, 'utf8');
    expect(log.includes(code)).toBe(false);
    const lines = log.split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line));
    expect(lines.filter((l) => l.msg === 'redemption request' && l.outcome === 'issued').length).toBeGreaterThanOrEqual(5);
    expect(lines.find((l) => l.outcome === 'issued' && l.grant === 'grant-west')).toMatchObject({ name: 'token-to-west', subject: SITE_UID, status: 200 });
    expect(lines.some((l) => l.msg === 'TLS certificate loaded')).toBe(true);
    expect(lines[lines.length - 1].msg).toBe('grant server stopped');
    // Nothing the server wrote holds key material either.
    expect(log).not.toMatch(/PRIVATE KEY|BEGIN CERTIFICATE/);
  });
});
