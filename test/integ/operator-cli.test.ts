// The operator commands (fetch-cert, status, doctor) on the real test clusters, run exactly as a
// user runs them: `node bin/cdk8s-skupper.js <command>` with a kubeconfig holding the admin
// contexts of west and east. LinkGrants and LinkTokens are created with kubectl in namespaces of
// this test, and their status is written through the status subresource as our grant server and
// redeemer write it (neither runs in this file); Links get their status from the real Skupper
// controller of each cluster.
// The grant server doctor shakes hands with is a TLS 1.3 server on 127.0.0.1 started by this
// test with a throwaway CA.
//
// fetch-cert's default path goes through the API server's service proxy, which cannot reach the
// test bed's sealed-secrets controller: it runs out of cluster on 127.0.0.1 with no Service or
// pod, and endpoints may not be loopback addresses. Only its error path runs here; the proxy
// request itself is unit-tested against a fake API server. --from-key-secret is tested in full.
import { spawn } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as https from 'https';
import * as os from 'os';
import * as path from 'path';
import * as YAML from 'yaml';
import { freePorts } from '../harness/free-ports';
import { kubectl } from '../harness/kubectl';
import { REPO_ROOT } from '../harness/paths';
import { fetchSealingCertificate } from '../harness/sealed-secrets-controller';
import { kubeconfigForServiceAccount } from '../harness/service-account-kubeconfig';
import { waitForLinkConfigured } from '../harness/skupper-site';
import type { TestCluster } from '../harness/test-cluster';
import { testClusters } from '../harness/test-clusters';
import { throwawayPki } from '../unit/controllers/redeemer/redemption-fixtures';

const CLI = path.join(REPO_ROOT, 'bin', 'cdk8s-skupper.js');
const { west, east } = testClusters();
const suffix = crypto.randomBytes(3).toString('hex');
/** The same namespace names on both clusters, so one --namespace covers both contexts. */
const STATUS_NS = `opcli-status-${suffix}`;
const DOCTOR_NS = `opcli-doctor-${suffix}`;

let work: string;
/** west and east (admin), plus "gone": a cluster that does not answer. */
let kubeconfig: string;
let unreachablePort: number;
let grantServerPort: number;
const grantServerPki = throwawayPki('127.0.0.1');
let grantServer: https.Server | undefined;

interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI entrypoint; never the user's own kubeconfig (KUBECONFIG is ours unless given). */
function cli(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, KUBECONFIG: kubeconfig, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 120_000,
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') }));
  });
}

/** One kubeconfig with a context per cluster, named after it, built from the admin kubeconfigs. */
function writeMultiContextKubeconfig(file: string, clusters: readonly TestCluster[], extra: { name: string; server: string }): string {
  const docs = clusters.map((cluster) => ({ name: cluster.name, doc: YAML.parse(fs.readFileSync(cluster.kubeconfig, 'utf8')) }));
  const config = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      ...docs.map(({ name, doc }) => ({ name, cluster: doc.clusters[0].cluster })),
      { name: extra.name, cluster: { ...docs[0].doc.clusters[0].cluster, server: extra.server } },
    ],
    users: docs.map(({ name, doc }) => ({ name: `${name}-admin`, user: doc.users[0].user })),
    contexts: [
      ...docs.map(({ name }) => ({ name, context: { cluster: name, user: `${name}-admin` } })),
      { name: extra.name, context: { cluster: extra.name, user: `${docs[0].name}-admin` } },
    ],
    'current-context': clusters[0].name,
  };
  fs.writeFileSync(file, YAML.stringify(config), { mode: 0o600 });
  return file;
}

function apply(cluster: TestCluster, manifest: object): Promise<string> {
  return kubectl(cluster, ['apply', '-f', '-'], { input: JSON.stringify(manifest) });
}

/** Writes `status` through the status subresource, as the runtime and Skupper do. */
function setStatus(cluster: TestCluster, namespace: string, resource: string, name: string, status: object): Promise<string> {
  return kubectl(cluster, ['patch', resource, name, '-n', namespace, '--subresource=status', '--type=merge', '-p', JSON.stringify({ status })]);
}

const b64 = (text: string): string => Buffer.from(text).toString('base64');

function grantManifest(namespace: string, name: string, redemptionsAllowed: number): object {
  return {
    apiVersion: 'cdk8s-skupper.io/v1alpha1', kind: 'LinkGrant', metadata: { name, namespace },
    spec: { redemptionsAllowed, expirationWindow: '1h', codeSecretRef: { name: `${name}-code` } },
  };
}

function tokenManifest(namespace: string, name: string, url: string, ca: string): object {
  return {
    apiVersion: 'cdk8s-skupper.io/v1alpha1', kind: 'LinkToken', metadata: { name, namespace },
    spec: { url, ca, codeSecretRef: { name: `${name}-code` }, remoteSite: 'west', linkCost: 1 },
  };
}

function linkManifest(namespace: string, name: string): object {
  return {
    apiVersion: 'skupper.io/v2alpha1', kind: 'Link', metadata: { name, namespace },
    spec: { endpoints: [{ name: 'inter-router', host: '192.0.2.10', port: '55671', group: 'skupper-router' }], tlsCredentials: name, cost: 1 },
  };
}

function condition(type: string, status: 'True' | 'False', reason: string, message: string): object {
  return { type, status, reason, message, lastTransitionTime: new Date(Math.floor(Date.now() / 1000) * 1000).toISOString().replace('.000Z', 'Z') };
}

/** The data lines of a status table, without the header and the summary. */
function tableRows(stdout: string): string[][] {
  const lines = stdout.trimEnd().split('\n');
  return lines.slice(1, -1).map((line) => line.split(/ {3,}/));
}

/** doctor's lines as [outcome, context, check, rest]. */
function doctorLines(stdout: string): { outcome: string; context: string; check: string; text: string }[] {
  return stdout.trimEnd().split('\n').slice(0, -1).map((line) => {
    const [outcome, context, ...rest] = line.split(/ {2,}/);
    return { outcome, context, check: rest[0], text: rest.slice(1).join('  ') };
  });
}

function startGrantServer(): Promise<void> {
  grantServer = https.createServer({
    key: grantServerPki.server.serverPrivateKeyPem, cert: grantServerPki.server.serverCertificatePem, minVersion: 'TLSv1.3', maxVersion: 'TLSv1.3',
  }, (_req, res) => res.writeHead(404).end());
  return new Promise((resolve) => grantServer!.listen(grantServerPort, '127.0.0.1', resolve));
}

function stopGrantServer(): Promise<void> {
  const server = grantServer;
  grantServer = undefined;
  if (!server) return Promise.resolve();
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-skupper-operator-cli-'));
  [unreachablePort, grantServerPort] = await freePorts(2);
  kubeconfig = writeMultiContextKubeconfig(path.join(work, 'kubeconfig'), [west, east], { name: 'gone', server: `https://127.0.0.1:${unreachablePort}` });
  for (const cluster of [west, east]) {
    for (const namespace of [STATUS_NS, DOCTOR_NS]) {
      await kubectl(cluster, ['create', 'namespace', namespace]);
    }
  }
});

afterAll(async () => {
  await stopGrantServer();
  for (const cluster of [west, east]) {
    for (const namespace of [STATUS_NS, DOCTOR_NS]) {
      await kubectl(cluster, ['delete', 'namespace', namespace, '--wait=false', '--ignore-not-found']).catch(() => undefined);
    }
  }
  fs.rmSync(work, { recursive: true, force: true });
});

describe('fetch-cert', () => {
  test.each(['west', 'east'] as const)('--from-key-secret prints what the sealed-secrets controller of %s serves', async (name) => {
    const served = await fetchSealingCertificate(testClusters()[name]);
    const result = await cli(['fetch-cert', '--kubeconfig', kubeconfig, '--context', name, '--from-key-secret']);
    expect(result).toEqual({ code: 0, stdout: served.endsWith('\n') ? served : `${served}\n`, stderr: '' });
  });

  test('-o writes the file; KUBECONFIG and its current context are the default', async () => {
    const file = path.join(work, 'west.pem');
    const result = await cli(['fetch-cert', '--from-key-secret', '-o', file]);
    expect(result).toEqual({ code: 0, stdout: '', stderr: `wrote the sealing certificate of context "west" to ${file}\n` });
    expect(fs.readFileSync(file, 'utf8').trim()).toBe((await fetchSealingCertificate(west)).trim());
  });

  test('the default path looks up the Service first: without one it says what to pass instead', async () => {
    const result = await cli(['fetch-cert', '--kubeconfig', kubeconfig, '--context', 'east']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('cdk8s-skupper fetch-cert: no sealed-secrets controller: Service sealed-secrets-controller in namespace kube-system '
      + '(context "east") not found; if the controller is installed elsewhere, pass --controller-name and --controller-namespace '
      + '(the Helm chart names it after its release, e.g. sealed-secrets), or pass --from-key-secret to read the certificate from the '
      + 'controller\'s active key Secret instead (needs read access to Secrets there)\n');
  });

  test('a Service without endpoints: the real apiserver\'s proxy answers 404, reported with what to try', async () => {
    await apply(east, controllerService(STATUS_NS, 8080));
    const result = await cli(['fetch-cert', '--kubeconfig', kubeconfig, '--context', 'east', '--controller-namespace', STATUS_NS]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`cdk8s-skupper fetch-cert: the API server's service proxy answered 404 services "sealed-secrets-controller" not found for `
      + `/api/v1/namespaces/${STATUS_NS}/services/http:sealed-secrets-controller:http/proxy/v1/cert.pem: the Service is not there or has no ready `
      + 'endpoints (no running controller pod); if the controller is installed elsewhere, pass --controller-name and --controller-namespace '
      + '(the Helm chart names it after its release, e.g. sealed-secrets), or pass --from-key-secret to read the certificate from the '
      + 'controller\'s active key Secret instead (needs read access to Secrets there)\n');
  });

  test('why the default path cannot be proven end to end here: the apiserver refuses loopback endpoints', async () => {
    // The test controller runs on 127.0.0.1 (all test traffic stays on loopback), so it can never
    // sit behind the service proxy; the proxy path is covered by unit tests against a fake API server.
    await expect(apply(west, controllerEndpoints(STATUS_NS, '127.0.0.1', 8080))).rejects.toThrow('may not be in the loopback range');
  });
});

/** A Service like the controller's: port name http (what kubeseal's proxy URL names), no selector. */
function controllerService(namespace: string, targetPort: number): object {
  return {
    apiVersion: 'v1', kind: 'Service', metadata: { name: 'sealed-secrets-controller', namespace },
    spec: { ports: [{ name: 'http', port: 8080, targetPort }] },
  };
}

/**
 * Endpoints for it by hand (no endpoints controller here). The service proxy reads v1
 * Endpoints, and only proxies to an address that is the IP of the Pod its targetRef names.
 */
function controllerEndpoints(namespace: string, ip: string, port: number): object {
  return {
    apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'sealed-secrets-controller', namespace },
    subsets: [{ addresses: [{ ip, targetRef: { kind: 'Pod', name: 'sealed-secrets-controller', namespace } }], ports: [{ name: 'http', port, protocol: 'TCP' }] }],
  };
}

describe('status', () => {
  // A function: kubeconfig is only written in beforeAll.
  const statusArgs = (): string[] => ['status', '--kubeconfig', kubeconfig, '--context', 'west', '--context', 'east', '--namespace', STATUS_NS];
  const url = `https://grants.west.example.com:8443/${STATUS_NS}/grant-west`;

  beforeAll(async () => {
    await apply(west, grantManifest(STATUS_NS, 'grant-west', 2));
    await apply(east, tokenManifest(STATUS_NS, 'token-to-west', url, grantServerPki.server.caCertificatePem));
  });

  test('before any status: everything Pending, exit code 1 saying how many', async () => {
    const result = await cli(statusArgs());
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    expect(tableRows(result.stdout)).toEqual([
      ['west', STATUS_NS, 'LinkGrant', 'grant-west', 'Pending', '-', '0/2', '-', 'No status yet: is the grant server of this site running?'],
      ['east', STATUS_NS, 'LinkToken', 'token-to-west', 'Pending', 'west', '-', '-', 'No status yet: is the redeemer of this site running?'],
    ]);
    expect(result.stdout.split('\n')[0]).toMatch(/^CONTEXT +NAMESPACE +KIND +NAME +STATUS +REMOTE SITE +REDEMPTIONS +EXPIRES +MESSAGE$/);
    expect(result.stdout.trimEnd().split('\n').pop()).toBe('2 of 2 objects are not Ready');
  });

  test('a Link shows what the real Skupper controller reports; the exit code is 0 once every object listed is Ready', async () => {
    // Our runtime's statuses, written as the grant server and redeemer write them.
    const expires = new Date(Date.now() + 60 * 60 * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    await setStatus(west, STATUS_NS, 'linkgrants', 'grant-west', {
      status: 'Ready', message: 'OK', redemptions: 1, expirationTime: expires, url, conditions: [condition('Ready', 'True', 'Ready', 'OK')],
    });
    await setStatus(east, STATUS_NS, 'linktokens', 'token-to-west', {
      status: 'Ready', message: 'OK', redeemed: true, links: ['token-to-west'], secretName: 'token-to-west',
    });
    // A Link of a real Site: Skupper's controller configures it and owns its status (never Ready
    // here: Operational comes from the router pod's sidecar, and no kubelet runs pods).
    await apply(east, { apiVersion: 'skupper.io/v2alpha1', kind: 'Site', metadata: { name: 'east', namespace: STATUS_NS } });
    await apply(east, { apiVersion: 'v1', kind: 'Secret', type: 'kubernetes.io/tls', metadata: { name: 'token-to-west', namespace: STATUS_NS },
      data: { 'tls.crt': b64(grantServerPki.server.serverCertificatePem), 'tls.key': b64(grantServerPki.server.serverPrivateKeyPem), 'ca.crt': b64(grantServerPki.server.caCertificatePem) } });
    await apply(east, linkManifest(STATUS_NS, 'token-to-west'));
    const link = await waitForLinkConfigured(east, STATUS_NS, 'token-to-west');
    const halfway = await cli(statusArgs());
    expect(halfway.code).toBe(1);
    const linkStatus = link.status?.status && link.status.status !== 'Ready' ? link.status.status : 'Pending';
    expect(tableRows(halfway.stdout)).toEqual([
      ['west', STATUS_NS, 'LinkGrant', 'grant-west', 'Ready', '-', '1/2', expires, 'OK'],
      ['east', STATUS_NS, 'LinkToken', 'token-to-west', 'Ready', 'west', '-', '-', 'OK'],
      ['east', STATUS_NS, 'Link', 'token-to-west', linkStatus, link.status?.remoteSiteName ?? '-', '-', '-', expect.any(String)],
    ]);
    expect(halfway.stdout.trimEnd().split('\n').pop()).toBe('1 of 3 objects are not Ready');

    await kubectl(east, ['delete', 'links.skupper.io', 'token-to-west', '-n', STATUS_NS]);
    const ready = await cli(statusArgs());
    expect(ready.stderr).toBe('');
    expect(ready.code).toBe(0);
    expect(tableRows(ready.stdout)).toEqual([
      ['west', STATUS_NS, 'LinkGrant', 'grant-west', 'Ready', '-', '1/2', expires, 'OK'],
      ['east', STATUS_NS, 'LinkToken', 'token-to-west', 'Ready', 'west', '-', '-', 'OK'],
    ]);
    expect(ready.stdout.trimEnd().split('\n').pop()).toBe('all 2 objects are Ready');

    const json = await cli([...statusArgs(), '-o', 'json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({
      items: [
        { context: 'west', namespace: STATUS_NS, kind: 'LinkGrant', name: 'grant-west', status: 'Ready', ready: true, remoteSite: null, redemptions: { made: 1, allowed: 2 }, expires, message: 'OK' },
        { context: 'east', namespace: STATUS_NS, kind: 'LinkToken', name: 'token-to-west', status: 'Ready', ready: true, remoteSite: 'west', redemptions: null, expires: null, message: 'OK' },
      ],
      total: 2, notReady: 0, warnings: [], unreachable: [], exitCode: 0,
    });
  });

  test('all namespaces by default, in the current context', async () => {
    const result = await cli(['status', '--kubeconfig', kubeconfig]);
    expect([0, 1]).toContain(result.code); // other tests' objects may be anywhere
    const mine = tableRows(result.stdout).filter((row) => row[1] === STATUS_NS);
    expect(mine.map((row) => row.slice(0, 4))).toEqual([['west', STATUS_NS, 'LinkGrant', 'grant-west']]);
  });

  test('a context that cannot be reached is named, and the exit code is 3', async () => {
    const result = await cli([...statusArgs(), '--context', 'gone']);
    expect(result.code).toBe(3);
    expect(result.stderr).toBe(`error: cannot reach the API server of context "gone" (https://127.0.0.1:${unreachablePort}): connect ECONNREFUSED 127.0.0.1:${unreachablePort}\n`);
    expect(tableRows(result.stdout)).toHaveLength(2);
    expect(result.stdout.trimEnd().split('\n').pop()).toBe('all 2 objects are Ready; 1 context unreachable (gone)');
  });

  test('a list the credentials may not make is a warning and exit code 1', async () => {
    // A ServiceAccount that may list our kinds and Skupper's Listeners and Connectors in the namespace, but not its Links.
    await apply(west, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'viewer', namespace: STATUS_NS } });
    await apply(west, {
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'viewer', namespace: STATUS_NS },
      rules: [
        { apiGroups: ['cdk8s-skupper.io'], resources: ['linkgrants', 'linktokens'], verbs: ['list'] },
        { apiGroups: ['skupper.io'], resources: ['listeners', 'connectors'], verbs: ['list'] },
      ],
    });
    await apply(west, {
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'viewer', namespace: STATUS_NS },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'viewer' },
      subjects: [{ kind: 'ServiceAccount', name: 'viewer', namespace: STATUS_NS }],
    });
    const viewer = await kubeconfigForServiceAccount(west, STATUS_NS, 'viewer');
    const result = await cli(['status', '--kubeconfig', viewer, '-n', STATUS_NS]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`warning: cannot list Links in context "system:serviceaccount:${STATUS_NS}:viewer@west" namespace ${STATUS_NS}: forbidden (RBAC)\n`);
    expect(tableRows(result.stdout).map((row) => row.slice(2, 5))).toEqual([['LinkGrant', 'grant-west', 'Ready']]);
    expect(result.stdout.trimEnd().split('\n').pop()).toBe('the 1 object is Ready; 1 list failed');
  });

  test('bad arguments exit 2', async () => {
    const result = await cli(['status', '--kubeconfig', kubeconfig, '--context', 'north']);
    expect(result).toEqual({ code: 2, stdout: '', stderr: `cdk8s-skupper status: context "north" is not in the kubeconfig ${kubeconfig} (contexts: west, east, gone)\n` });
  });
});

describe('doctor', () => {
  const doctorArgs = (): string[] => ['doctor', '--kubeconfig', kubeconfig, '--context', 'west', '--context', 'east', '--namespace', DOCTOR_NS];
  const endpoint = (): string => `127.0.0.1:${grantServerPort}`;

  beforeAll(async () => {
    const url = `https://${endpoint()}/${DOCTOR_NS}/grant-west`;
    await apply(west, grantManifest(DOCTOR_NS, 'grant-west', 1));
    await setStatus(west, DOCTOR_NS, 'linkgrants', 'grant-west', { status: 'Ready', message: 'OK', redemptions: 0, url });
    await apply(east, tokenManifest(DOCTOR_NS, 'token-to-west', url, grantServerPki.server.caCertificatePem));
  });

  afterAll(() => stopGrantServer());

  function expectPreconditions(lines: ReturnType<typeof doctorLines>): void {
    for (const context of ['west', 'east']) {
      const mine = lines.filter((line) => line.context === context);
      expect(mine.slice(0, 6).map((line) => [line.outcome, line.check])).toEqual([
        ['OK', 'API server'],
        ['OK', 'Skupper CRDs'],
        ['WARN', 'Skupper controller'],
        ['OK', 'SealedSecret CRD'],
        ['OK', 'sealed-secrets controller'],
        ['OK', 'cdk8s-skupper CRDs'],
      ]);
      expect(mine[0].text).toBe('reachable, Kubernetes v1.36.3');
      expect(mine[1].text).toBe('12 of 12 established');
      expect(mine[2].text).toMatch(/^no Deployment named skupper-controller or labelled like the stock one in any namespace; .*cannot be known for sure \(hint: install the Skupper v2 controller/);
      expect(mine[4].text).toMatch(/^1 active sealing key Secret in namespace kube-system; no Service sealed-secrets-controller/);
    }
  }

  test('a token whose grant server does not answer FAILs (exit 1); once it answers TLS 1.3, OK (exit 0)', async () => {
    const down = await cli(doctorArgs());
    expect(down.stderr).toBe('');
    expect(down.code).toBe(1);
    const downLines = doctorLines(down.stdout);
    expectPreconditions(downLines);
    expect(downLines.filter((line) => line.check.startsWith('grant server') || line.check.startsWith('LinkToken')).map((l) => [l.outcome, l.context, l.check])).toEqual([
      ['FAIL', 'west', `grant server ${endpoint()}`],
      ['FAIL', 'east', `LinkToken ${DOCTOR_NS}/token-to-west`],
    ]);
    expect(downLines.find((line) => line.check.startsWith('LinkToken'))!.text)
      .toMatch(new RegExp(`^no trusted TLS 1\\.3 handshake with ${endpoint()}: connect ECONNREFUSED ${endpoint()} \\(hint: `));
    expect(down.stdout.trimEnd().split('\n').pop()).toBe('10 OK, 2 WARN, 2 FAIL');

    await startGrantServer();
    try {
      const up = await cli(doctorArgs());
      expect(up.code).toBe(0);
      const upLines = doctorLines(up.stdout);
      expectPreconditions(upLines);
      expect(upLines.filter((line) => line.check.startsWith('grant server') || line.check.startsWith('LinkToken')).map((l) => [l.outcome, l.context, l.check, l.text])).toEqual([
        ['OK', 'west', `grant server ${endpoint()}`, `TLS 1.3 handshake completed (LinkGrant ${DOCTOR_NS}/grant-west)`],
        ['OK', 'east', `LinkToken ${DOCTOR_NS}/token-to-west`, `TLS 1.3 handshake with ${endpoint()} completed, certificate trusted by spec.ca`],
      ]);
      expect(up.stdout.trimEnd().split('\n').pop()).toBe('12 OK, 2 WARN, 0 FAIL');
    } finally {
      await stopGrantServer();
    }
  });

  test('an unreachable context is one FAIL naming it', async () => {
    const result = await cli(['doctor', '--kubeconfig', kubeconfig, '--context', 'gone']);
    expect(result.code).toBe(1);
    expect(doctorLines(result.stdout)).toEqual([{
      outcome: 'FAIL', context: 'gone', check: 'API server',
      text: `cannot reach the API server of context "gone" (https://127.0.0.1:${unreachablePort}): connect ECONNREFUSED 127.0.0.1:${unreachablePort} `
        + '(hint: check the kubeconfig, the context name and the network path to the API server)',
    }]);
  });
});
