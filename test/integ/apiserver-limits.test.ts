// What the constructs accept, a real API server accepts, and what it refuses, they refuse first:
// names that are also label values (at most 63 characters), and our CRDs' own rules and columns.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as YAML from 'yaml';
import { Cluster, GrantServer, LinkAccess, LinkedSitePair, Site, synthClusters } from '../../lib';
import { kubectl } from '../harness/kubectl';
import { createTestNamespace } from '../harness/namespaces';
import { testClusters } from '../harness/test-clusters';
import { readObjects, TEST_KEY_CACHE, TEST_MASTER_SECRET } from '../support/example-synth';

const { west } = testClusters();
const CERTS = path.join(__dirname, '..', '..', 'apps', 'certs');

let work: string;
/** The listening and the connecting site's namespaces, both on the west API server. */
let ns: { listening: string; connecting: string };

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-skupper-apiserver-limits-'));
  ns = { listening: await createTestNamespace(west, 'limits-l'), connecting: await createTestNamespace(west, 'limits-c') };
});

afterAll(async () => {
  for (const namespace of Object.values(ns ?? {})) {
    await kubectl(west, ['delete', 'namespace', namespace, '--wait=false', '--ignore-not-found']).catch(() => undefined);
  }
  fs.rmSync(work, { recursive: true, force: true });
});

/** One link whose grant and token have the given names, synthesized; returns every object, as written. */
function synthLink(grantName: string, tokenName: string): any[] {
  const outdir = fs.mkdtempSync(path.join(work, 'out-'));
  // The CRDs are installed already, and cluster-wide: the output leaves them out.
  const cluster = (name: string) => new Cluster({
    name, sealingCertificateFile: path.join(CERTS, `${name}.pem`), outdir: path.join(outdir, name),
    masterSecret: TEST_MASTER_SECRET, keyCacheDir: TEST_KEY_CACHE, includeCrds: false,
  });
  const [listeningCluster, connectingCluster] = [cluster('west'), cluster('east')];
  const listening = new Site(listeningCluster, 'listening', { namespace: ns.listening, linkAccess: LinkAccess.DEFAULT, createNamespace: false });
  new GrantServer(listening, 'GrantServer', { host: 'grants.west.example.com' });
  const connecting = new Site(connectingCluster, 'connecting', { namespace: ns.connecting, createNamespace: false });
  new LinkedSitePair(listening, 'link', { listening, connecting, grantName, tokenName });
  synthClusters([listeningCluster, connectingCluster]);
  return readObjects(outdir).map(({ obj }) => obj);
}

/** `kubectl apply --dry-run=server` of `objects`: the API server validates everything, and stores nothing. */
function dryRunApply(objects: readonly object[]): Promise<string> {
  return kubectl(west, ['apply', '--dry-run=server', '-f', '-'], { input: objects.map(obj => YAML.stringify(obj)).join('---\n') });
}

/** The value of `column` in the one row of a `kubectl get` table (columns are aligned; empty cells stay empty). */
function cell(table: string, column: string): string {
  const [header, row] = table.split('\n');
  const start = header.indexOf(column);
  expect(start).toBeGreaterThanOrEqual(0);
  const next = header.slice(start + column.length).search(/ \S/);
  return row.slice(start, next < 0 ? undefined : start + column.length + next + 1).trim();
}

describe('names that are also label values', () => {
  test('the longest grant and token names the constructs accept (63 characters) are applied by the API server', async () => {
    const objects = synthLink('g'.repeat(63), 't'.repeat(63));
    const labelled = objects.filter(obj => obj.metadata.labels?.['cdk8s-skupper.io/grant'] ?? obj.metadata.labels?.['cdk8s-skupper.io/token']);
    expect(labelled.map(obj => obj.kind)).toEqual(['SealedSecret', 'SealedSecret']);
    await expect(dryRunApply(objects)).resolves.toContain(`linkgrant.cdk8s-skupper.io/${'g'.repeat(63)} created (server dry run)`);
  });

  test('one character more is refused by the constructs at once, as the API server refuses the label', async () => {
    expect(() => synthLink('g'.repeat(64), 'token')).toThrow(/invalid grant name "g{64}": it has 64 characters, but at most 63 are allowed/);
    expect(() => synthLink('grant', 't'.repeat(64))).toThrow(/invalid token name "t{64}": it has 64 characters, but at most 63 are allowed/);
    // What the API server would have said: the 63-character output with one more character in the label.
    const secret = synthLink('g'.repeat(63), 'token').find(obj => obj.kind === 'SealedSecret' && obj.metadata.labels?.['cdk8s-skupper.io/grant']);
    secret.metadata.labels['cdk8s-skupper.io/grant'] = 'g'.repeat(64);
    await expect(dryRunApply([secret])).rejects.toThrow(/metadata.labels: Invalid value: "g{64}": must be no more than 63 (bytes|characters)/);
  });
});

describe('the cdk8s-skupper CRDs', () => {
  const grant = (name: string, expirationWindow: string) => ({
    apiVersion: 'cdk8s-skupper.io/v1alpha1', kind: 'LinkGrant', metadata: { name, namespace: ns.listening },
    spec: { codeSecretRef: { name: 'code' }, expirationWindow },
  });

  test.each(['0s', '500ms', '999ms', '0.5s'])('the API server refuses expiration window %p, as synth does', async (window) => {
    await expect(dryRunApply([grant('short', window)])).rejects.toThrow(/spec.expirationWindow: Invalid value: .*must be at least 1s/);
  });

  test.each(['1s', '1000ms', '25m', '1h30m'])('the API server accepts expiration window %p', async (window) => {
    await expect(dryRunApply([grant('fine', window)])).resolves.toContain('linkgrant.cdk8s-skupper.io/fine created (server dry run)');
  });

  test('kubectl get shows a token\'s remote site, and when an open grant expires', async () => {
    const token = {
      apiVersion: 'cdk8s-skupper.io/v1alpha1', kind: 'LinkToken', metadata: { name: 'to-hub', namespace: ns.connecting },
      spec: { url: 'https://grants.example.com:9090/hub/g', ca: 'x', codeSecretRef: { name: 'code' }, remoteSite: 'hub' },
    };
    await kubectl(west, ['apply', '-f', '-'], { input: JSON.stringify(token) });
    expect(cell(await kubectl(west, ['get', 'linktoken', 'to-hub', '-n', ns.connecting]), 'REMOTE SITE')).toBe('hub');

    // Expiration stays a string column: as a date, kubectl shows "<invalid>" for a time in the future (any open grant).
    await kubectl(west, ['apply', '-f', '-'], { input: JSON.stringify(grant('open', '1h')) });
    const inFiveHours = new Date(Date.now() + 5 * 60 * 60 * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    await kubectl(west, ['patch', 'linkgrant', 'open', '-n', ns.listening, '--subresource=status', '--type=merge',
      '-p', JSON.stringify({ status: { expirationTime: inFiveHours, status: 'Ready' } })]);
    expect(cell(await kubectl(west, ['get', 'linkgrant', 'open', '-n', ns.listening]), 'EXPIRATION')).toBe(inFiveHours);
  });
});
