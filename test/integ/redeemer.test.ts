// The redeemer on a real control plane: synthesize the example with the test clusters' sealing
// certificates, apply west (for the grant server's TLS key, unsealed by the real sealed-secrets
// controller) and east (Site, LinkToken, sealed code, the redeemer's ServiceAccount and Role),
// then run `cdk8s-skupper redeemer` (the bin entrypoint, with the synthesized Deployment's own
// args) as the synthesized ServiceAccount, so its Role is proven sufficient. The peer is a small
// grant server on 127.0.0.1 serving with the synthesized TLS key that misbehaves as each test
// needs (hostile answers a real grant server would never give); the Kubernetes API, RBAC, garbage
// collection, the unsealing and the Skupper controller that configures the Link are real.
import { spawn } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as http from 'http';
import * as https from 'https';
import * as os from 'os';
import * as path from 'path';
import * as YAML from 'yaml';
import { LinkGrant } from '../../lib';
import { CLEANUP, CLI, CliProcess, spawnCli, stopCli, waitForReadyz } from '../harness/cli-process';
import { freePorts } from '../harness/free-ports';
import { httpGet } from '../harness/http-get';
import { getJson as getObject, kubectl } from '../harness/kubectl';
import { REPO_ROOT } from '../harness/paths';
import { kubeconfigForServiceAccount } from '../harness/service-account-kubeconfig';
import { testClusters } from '../harness/test-clusters';
import { waitForLinkConfigured, waitForSkupperSite } from '../harness/skupper-site';
import { waitFor } from '../harness/wait-for';
import { readObjects } from '../support/example-synth';
import { applyExample, runSynthesizedWorkload } from '../support/synthesized-workload';
import { answerDocuments, Document, renderAnswer, throwawayPki } from '../unit/controllers/redeemer/redemption-fixtures';

const { west, east } = testClusters();
const suffix = crypto.randomBytes(3).toString('hex');
const ns = { west: `rd-west-${suffix}`, east: `rd-east-${suffix}` };
const TOKEN = 'token-to-west';
const SERVICE_ACCOUNT = 'cdk8s-skupper-redeemer';
const GRANT_SERVER_TLS_SECRET = 'cdk8s-skupper-grant-server-tls';
const LINK_COST = 3;

/** How the stub grant server answers. */
type StubMode = 'valid' | 'not-found-once' | 'invalid-yaml' | 'namespace-injection' | 'foreign-kind' | 'redirect' | 'slow';

interface StubPost {
  readonly mode: StubMode;
  readonly path: string;
  /** Compared, never kept: the code is secret. */
  readonly codeMatches: boolean;
  readonly name: string | undefined;
  readonly subject: string | undefined;
  readonly status: number;
  /** A 200 to a name and subject that had one before: a re-issue our grant server does not count. */
  readonly reissue: boolean;
}

/**
 * A grant server speaking Skupper's protocol on 127.0.0.1 with the synthesized grant server's
 * certificate, issuing real client certificates from a throwaway site CA. It counts redemptions
 * as our grant server does: once per name and subject.
 */
class GrantServerStub {
  public mode: StubMode = 'valid';
  public readonly posts: StubPost[] = [];
  private readonly issued = new Set<string>();
  private readonly server: https.Server;
  private readonly siteCa = throwawayPki().siteCa;

  public constructor(tlsKey: string, tlsCertificate: string, private readonly code: string) {
    this.server = https.createServer({ key: tlsKey, cert: tlsCertificate, minVersion: 'TLSv1.3' }, (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => this.answer(req, Buffer.concat(chunks).toString('utf8'), res));
    });
  }

  public listen(port: number): Promise<void> {
    return new Promise(resolve => this.server.listen(port, '127.0.0.1', resolve));
  }

  public close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise(resolve => this.server.close(() => resolve()));
  }

  /** Redemptions counted: distinct names and subjects answered 200. */
  public get counted(): number {
    return this.issued.size;
  }

  private answer(req: http.IncomingMessage, body: string, res: http.ServerResponse): void {
    const name = header(req, 'name');
    const subject = header(req, 'subject');
    const mode = this.mode;
    const record = (status: number, reissue = false): void => {
      this.posts.push({ mode, path: req.url ?? '', codeMatches: body === this.code, name, subject, status, reissue });
    };
    if (body !== this.code || !name || !subject) {
      record(403);
      res.writeHead(403).end('Redemption of access token refused\n');
      return;
    }
    const documents = (): Document[] => answerDocuments(this.siteCa, name, subject);
    switch (mode) {
      case 'valid': {
        const key = `${name}|${subject}`;
        const reissue = this.issued.has(key);
        this.issued.add(key);
        record(200, reissue);
        res.writeHead(200).end(renderAnswer(documents()));
        return;
      }
      case 'not-found-once':
        this.mode = 'valid';
        record(404);
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('No such claim\n');
        return;
      case 'invalid-yaml':
        record(200);
        res.writeHead(200).end(renderAnswer(documents()).replace('kind: Secret', 'kind: [Secret'));
        return;
      case 'namespace-injection': {
        const docs = documents();
        docs[0].metadata.namespace = 'kube-system';
        record(200);
        res.writeHead(200).end(renderAnswer(docs));
        return;
      }
      case 'foreign-kind': {
        const binding = {
          apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: TOKEN },
          roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'admin' },
          subjects: [{ kind: 'Group', name: 'system:authenticated' }],
        };
        record(200);
        res.writeHead(200).end(renderAnswer([...documents(), binding]));
        return;
      }
      case 'redirect':
        record(302);
        res.writeHead(302, { Location: `https://127.0.0.1:${(this.server.address() as { port: number }).port}/elsewhere` }).end();
        return;
      case 'slow':
        // Never answers: the redeemer's 10 s bound ends it (its message says so); nothing is issued (nor counted).
        record(0);
        return;
    }
  }
}

function header(req: http.IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

let work: string;
let stub: GrantServerStub;
let stubPort: number;
let metricsPort: number;
let outdir: string;
let deploymentArgs: string[];
let redeemerKubeconfig: string;
let siteUid: string;
let grantUrl: string;
let code: string; // secret: compared only as booleans, never printed

/** Every process started, stopped in afterAll whatever happened. */
const started: CliProcess[] = [];
const redeemers: CliProcess[] = [];

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-skupper-redeemer-'));
  [stubPort, metricsPort] = await freePorts(2);
  const { clusters } = await applyExample({ west, east }, work, ns, stubPort);
  outdir = path.join(work, 'dist');
  code = clusters.find(c => c.name === 'west')!.node.findAll().find((c): c is LinkGrant => c instanceof LinkGrant)!.code();
  const eastObjects = readObjects(path.join(outdir, 'east')).map(o => o.obj);
  deploymentArgs = eastObjects.find(o => o.kind === 'Deployment' && o.metadata.name === SERVICE_ACCOUNT).spec.template.spec.containers[0].args;
  grantUrl = eastObjects.find(o => o.kind === 'LinkToken').spec.url;

  const tls = await waitFor(`the grant server's TLS Secret unsealed on west`, () => secretData(west, ns.west, GRANT_SERVER_TLS_SECRET), { timeoutMs: 60_000 });
  await waitFor(`the token's code Secret unsealed on east`, () => secretData(east, ns.east, `${TOKEN}-code`), { timeoutMs: 60_000 });
  siteUid = await kubectl(east, ['get', 'site', 'east', '-n', ns.east, '-o', 'jsonpath={.metadata.uid}']);
  expect(siteUid).toMatch(/^[0-9a-f-]{36}$/);

  stub = new GrantServerStub(tls['tls.key'].toString(), tls['tls.crt'].toString(), code);
  stub.mode = 'invalid-yaml'; // what the first test starts with
  await stub.listen(stubPort);
  redeemerKubeconfig = await kubeconfigForServiceAccount(east, ns.east, SERVICE_ACCOUNT);
  await startRedeemer();
});

afterAll(async () => {
  for (const cli of started) await stopCli(cli, CLEANUP);
  await stub?.close();
  for (const [cluster, namespace] of [[west, ns.west], [east, ns.east]] as const) {
    await kubectl(cluster, ['delete', 'namespace', namespace, '--wait=false', '--ignore-not-found']).catch(() => undefined);
  }
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

async function secretData(cluster: typeof east, namespace: string, name: string): Promise<Record<string, Buffer> | undefined> {
  const out = await kubectl(cluster, ['get', 'secret', name, '-n', namespace, '-o', 'json', '--ignore-not-found']);
  if (out.trim() === '') return undefined;
  const data = (JSON.parse(out) as { data?: Record<string, string> }).data ?? {};
  return Object.fromEntries(Object.entries(data).map(([key, value]) => [key, Buffer.from(value, 'base64')]));
}

function getJson(kind: string, name: string): Promise<any | undefined> {
  return getObject(east, ns.east, kind, name);
}

const tokenStatus = async (): Promise<Record<string, any>> => (await getJson('linktoken', TOKEN))?.status ?? {};

/** The Events recorded for the token (the redeemer's Role allows creating them). */
async function tokenEvents(): Promise<Array<{ reason: string; message: string }>> {
  const list = JSON.parse(await kubectl(east, ['get', 'events', '-n', ns.east, '--field-selector', `involvedObject.name=${TOKEN},involvedObject.kind=LinkToken`, '-o', 'json']));
  return (list.items as Array<{ reason: string; message: string }>).map(({ reason, message }) => ({ reason, message }));
}

/** Changes the token's spec (its cost): a new generation, which the redeemer tries at once. */
async function touchToken(linkCost: number): Promise<void> {
  await kubectl(east, ['patch', 'linktoken', TOKEN, '-n', ns.east, '--type=merge', '-p', JSON.stringify({ spec: { linkCost } })]);
}

async function untilTokenMessage(pattern: RegExp): Promise<Record<string, any>> {
  return waitFor(`token message matching ${pattern}`, async () => {
    const status = await tokenStatus();
    return typeof status.message === 'string' && pattern.test(status.message) ? status : undefined;
  }, { timeoutMs: 60_000, intervalMs: 200 });
}

/** Runs the redeemer exactly as the Deployment would, plus what a run outside a pod needs. */
async function startRedeemer(): Promise<CliProcess> {
  const redeemer = spawnCli(east.logsDir, `redeemer-${ns.east}-${redeemers.length + 1}`, [...deploymentArgs, '--kubeconfig', redeemerKubeconfig,
    '--namespace', ns.east, '--metrics-address', `127.0.0.1:${metricsPort}`]);
  started.push(redeemer);
  redeemers.push(redeemer);
  await waitForReadyz(redeemer, metricsPort);
  return redeemer;
}

const nothingCreated = async (): Promise<void> => {
  expect(await getJson('secret', TOKEN)).toBeUndefined();
  expect(await getJson('link', TOKEN)).toBeUndefined();
};

describe('redeemer', () => {
  test('refuses bad answers with a clear message and creates nothing', async () => {
    // invalid-yaml was set before the redeemer started
    let status = await untilTokenMessage(/^Controller got invalid response/);
    expect(status).toMatchObject({ redeemed: false, status: 'Error', message: expect.stringMatching(/^Controller got invalid response: document 1 is not valid YAML \(/) });
    await nothingCreated();

    const cases: Array<[StubMode, RegExp]> = [
      ['namespace-injection', /^Controller got invalid response: document 1 \(Secret\) is for namespace "kube-system": objects are only created in this namespace "rd-east-/],
      ['foreign-kind', /^Controller got invalid response: document 3 must be a skupper\.io\/v2alpha1 Link, got a rbac\.authorization\.k8s\.io\/v1 RoleBinding$/],
      ['slow', /^Controller got error: no complete answer from the grant server within 10 s$/],
    ];
    for (const [index, [mode, message]] of cases.entries()) {
      stub.mode = mode;
      await touchToken(10 + index);
      status = await untilTokenMessage(message);
      expect(status).toMatchObject({ redeemed: false, status: 'Error' });
      await nothingCreated();
    }
    // An unreachable grant server is retried within a second, with no change to the token.
    stub.mode = 'redirect';
    status = await untilTokenMessage(/^Controller got failed response: 302 \(Found\) \(redirects are not followed\)$/);
    expect(status).toMatchObject({ redeemed: false, status: 'Error' });
    await nothingCreated();
    expect(await getJson('rolebinding', TOKEN)).toBeUndefined();
    expect(stub.posts.map(post => post.mode)).toEqual(['invalid-yaml', 'namespace-injection', 'foreign-kind', 'slow', 'redirect']);
    expect(stub.counted).toBe(0);
  });

  test('retries after a 404 and redeems: Secret and Link owned by the Site, with the cost; exactly one issuing POST', async () => {
    // The redirect above is a persistent failure (retried in 30 s): only the change of spec tries again.
    stub.mode = 'not-found-once';
    await touchToken(LINK_COST);
    const status = await waitFor('the token to be redeemed', async () => {
      const current = await tokenStatus();
      return current.redeemed === true ? current : undefined;
    }, { timeoutMs: 30_000, intervalMs: 200 });
    // The real Skupper controller may already have configured the Link by the time this is read.
    expect(status).toMatchObject({ redeemed: true, secretName: TOKEN, links: [TOKEN], status: 'Redeemed' });
    expect(status.message).toMatch(new RegExp(`^Link ${TOKEN} is (not configured yet|configured, not operational yet)`));
    const conditions = Object.fromEntries((status.conditions as any[]).map(c => [c.type, c]));
    expect(conditions.Redeemed).toMatchObject({ status: 'True', reason: 'Redeemed', observedGeneration: expect.any(Number) });
    expect(conditions.LinkReady).toMatchObject({ status: 'False', reason: expect.stringMatching(/^(NotConfigured|NotOperational)$/) });

    const owner = [{ apiVersion: 'skupper.io/v2alpha1', kind: 'Site', name: 'east', uid: siteUid }];
    const secret = await getJson('secret', TOKEN);
    expect(secret).toMatchObject({ type: 'kubernetes.io/tls', metadata: { ownerReferences: owner, labels: { 'cdk8s-skupper.io/token': TOKEN } } });
    expect(Object.keys(secret.data).sort()).toEqual(['ca.crt', 'tls.crt', 'tls.key']);
    expect(new crypto.X509Certificate(Buffer.from(secret.data['tls.crt'], 'base64')).subject).toBe(`CN=${siteUid}`);
    const link = await getJson('link', TOKEN);
    expect(link).toMatchObject({ metadata: { ownerReferences: owner, annotations: { 'cdk8s-skupper.io/token': TOKEN } } });
    expect(link.spec).toMatchObject({ tlsCredentials: TOKEN, cost: LINK_COST, endpoints: [{ name: 'inter-router', port: '55671' }] });

    const issuing = stub.posts.filter(post => post.status === 200 && post.mode === 'valid');
    expect(issuing).toEqual([{ mode: 'valid', path: new URL(grantUrl).pathname, codeMatches: true, name: TOKEN, subject: siteUid, status: 200, reissue: false }]);
    expect(stub.posts.slice(-2).map(post => post.status)).toEqual([404, 200]);
    expect(await tokenEvents()).toContainEqual({ reason: 'Error', message: 'Controller got failed response: 404 (Not Found) No such claim' });
    expect(stub.posts.every(post => post.codeMatches && post.name === TOKEN && post.subject === siteUid)).toBe(true);
  });

  test('follows the Link\'s status onto the token as the real Skupper controller sets it, never POSTing again', async () => {
    const posts = stub.posts.length;
    const link = await waitForLinkConfigured(east, ns.east, TOKEN);
    expect(link.spec.tlsCredentials).toBe(TOKEN);
    // Reconciled again after the Link changed (a later event than the redemption): still no new POST.
    const status = await untilTokenMessage(/configured, not operational yet/);
    expect(status).toMatchObject({ redeemed: true, status: 'Redeemed', message: expect.stringMatching(new RegExp(`^Link ${TOKEN} is configured, not operational yet`)) });
    expect((status.conditions as any[]).find(c => c.type === 'LinkReady')).toMatchObject({ status: 'False', reason: 'NotOperational' });
    expect(await kubectl(east, ['get', 'linktoken', TOKEN, '-n', ns.east])).toMatch(new RegExp(`${TOKEN}\\s+https://127\\.0\\.0\\.1:\\d+/${ns.west}/grant-west\\s+true\\s+Redeemed\\s+west\\s+Link ${TOKEN} is configured`));
    expect((await tokenEvents()).map(e => e.reason)).toEqual(expect.arrayContaining(['Error', 'Redeemed']));
    expect(stub.posts).toHaveLength(posts);
    expect(stub.posts.filter(post => post.status === 200 && post.mode === 'valid')).toHaveLength(1);
  });

  test('token export prints the stock Skupper AccessToken with the unsealed code', async () => {
    const out = await runCli(['token', 'export', '--namespace', ns.east, '--kubeconfig', east.kubeconfig, TOKEN]);
    expect(out.code).toBe(0);
    const document = YAML.parse(out.stdout);
    expect(Object.keys(document)).toEqual(['apiVersion', 'kind', 'metadata', 'spec']);
    expect(Object.keys(document.spec)).toEqual(['ca', 'code', 'linkCost', 'url']);
    const unsealed = (await secretData(east, ns.east, `${TOKEN}-code`))!.code.toString('utf8');
    const { code: exported, ...rest } = document.spec;
    expect({ codeMatchesUnsealedSecret: exported === unsealed, codeMatchesGrant: exported === code }).toEqual({ codeMatchesUnsealedSecret: true, codeMatchesGrant: true });
    expect(document).toMatchObject({ apiVersion: 'skupper.io/v2alpha1', kind: 'AccessToken', metadata: { name: TOKEN } });
    expect(rest).toEqual({ ca: (await getJson('linktoken', TOKEN)).spec.ca, linkCost: LINK_COST, url: grantUrl });

    const missing = await runCli(['token', 'export', '--namespace', ns.east, '--kubeconfig', east.kubeconfig, 'no-such-token']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`LinkToken no-such-token not found in namespace ${ns.east}`);
  });

  test('after a crash between creating the Secret and the Link, a restart finishes without another counted redemption', async () => {
    const killed = await stopCli(redeemers[redeemers.length - 1], { signal: 'SIGKILL' });
    expect(killed.signal).toBe('SIGKILL');
    // Rewind to what a crash right after creating the Secret leaves: the Secret, no Link, no status.
    const secretUid = (await getJson('secret', TOKEN)).metadata.uid;
    await kubectl(east, ['delete', 'link', TOKEN, '-n', ns.east]);
    await kubectl(east, ['patch', 'linktoken', TOKEN, '-n', ns.east, '--subresource=status', '--type=merge', '-p', '{"status":null}']);
    const postsBefore = stub.posts.length;

    await startRedeemer();
    const status = await waitFor('the token to be redeemed again', async () => {
      const current = await tokenStatus();
      return current.redeemed === true ? current : undefined;
    }, { timeoutMs: 60_000, intervalMs: 200 });
    expect(status).toMatchObject({ redeemed: true, secretName: TOKEN, links: [TOKEN] });
    expect(await getJson('link', TOKEN)).toMatchObject({ spec: { cost: LINK_COST, tlsCredentials: TOKEN } });
    expect((await getJson('secret', TOKEN)).metadata.uid).toBe(secretUid);

    const reposts = stub.posts.slice(postsBefore);
    expect(reposts).toEqual([{ mode: 'valid', path: new URL(grantUrl).pathname, codeMatches: true, name: TOKEN, subject: siteUid, status: 200, reissue: true }]);
    expect(stub.counted).toBe(1);
  });

  test('redeems against our own grant server (the real one, run as its synthesized ServiceAccount), not just the stub', async () => {
    // West's Site as the real Skupper controller made it: its CA signs, its endpoints go into the Link.
    const westSite = await waitForSkupperSite(west, ns.west, work, { linkAccess: true });
    const endpoints = westSite.endpoints;
    const westObjects = readObjects(path.join(outdir, 'west')).map(o => o.obj);
    const grantServerArgs: string[] = westObjects.find(o => o.kind === 'Deployment').spec.template.spec.containers[0].args;
    expect(grantServerArgs).toContain(`--port=${stubPort}`);
    await stub.close(); // the real one takes the port the token's URL names
    const grantServer = await runSynthesizedWorkload(west, path.join(outdir, 'west'), ns.west, 'cdk8s-skupper-grant-server');
    started.push(grantServer);

    // Redeem afresh: what the stub issued goes; the redeemer notices the Link go and redeems again.
    await kubectl(east, ['delete', 'secret,link', TOKEN, '-n', ns.east]);
    const status = await waitFor('the token to be redeemed at the real grant server', async () => {
      const current = await tokenStatus();
      const secret = current.redeemed === true ? await getJson('secret', TOKEN) : undefined;
      return secret && new crypto.X509Certificate(Buffer.from(secret.data['ca.crt'], 'base64')).fingerprint256 === new crypto.X509Certificate(westSite.caPem).fingerprint256
        ? { status: current, secret } : undefined;
    }, { timeoutMs: 60_000, intervalMs: 250 });
    expect(status.status).toMatchObject({ redeemed: true, links: [TOKEN], status: 'Redeemed' });
    const certificate = new crypto.X509Certificate(Buffer.from(status.secret.data['tls.crt'], 'base64'));
    expect(certificate.subject).toBe(`CN=${siteUid}`);
    expect(certificate.verify(new crypto.X509Certificate(westSite.caPem).publicKey)).toBe(true);
    expect((await getJson('link', TOKEN)).spec).toEqual({ endpoints, tlsCredentials: TOKEN, cost: LINK_COST });
    const grant = JSON.parse(await kubectl(west, ['get', 'linkgrant', 'grant-west', '-n', ns.west, '-o', 'json']));
    expect(grant.status.redemptions).toBe(1);
    expect(await stopCli(grantServer)).toEqual({ code: 0, signal: null });
  });

  test('serves health and metrics, and stops cleanly on SIGTERM', async () => {
    expect((await httpGet(`http://127.0.0.1:${metricsPort}/healthz`)).status).toBe(200);
    const metrics = (await httpGet(`http://127.0.0.1:${metricsPort}/metrics`)).body;
    // This process finished the crashed redemption, then redeemed at the real grant server; nothing failed.
    expect(metrics).toMatch(/^cdk8s_skupper_token_redemptions_total\{outcome="redeemed"\} 2$/m);
    expect(metrics).not.toMatch(/^cdk8s_skupper_reconcile_errors_total\{/m);
    const redeemer = redeemers[redeemers.length - 1];
    const exit = await stopCli(redeemer);
    expect(exit).toEqual({ code: 0, signal: null });
    const lines = fs.readFileSync(redeemer.log, 'utf8').split('\n').filter(line => line.startsWith('{'));
    expect(lines.map(line => JSON.parse(line).msg).slice(-2)).toEqual(['stopping redeemer', 'redeemer stopped']);
    for (const file of redeemers.map(r => r.log)) {
      expect(fs.readFileSync(file, 'utf8').includes(code)).toBe(false);
    }
  });
});

function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.once('error', reject);
    child.once('close', exitCode => resolve({ code: exitCode, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') }));
  });
}
