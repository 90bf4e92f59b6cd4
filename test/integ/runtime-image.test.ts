// The runtime image itself, not the checkout: built here from this checkout with podman
// (tools/image/build.sh; its bases come cached from tools/build-test-binaries.sh), then the
// synthesized grant server (west) and redeemer (east) run as containers of it, as the kubelet
// would run their pods: the image's ENTRYPOINT and user, the Deployments' own args, read-only
// root filesystem, no capabilities, host network with every listener on 127.0.0.1, and each
// ServiceAccount's token, CA and namespace mounted read-only where in-cluster configuration reads
// them. One real redemption end to end: the LinkToken Redeemed, the Link created and configured
// by the real Skupper controller, the grant counted. Then each container is checked from the host
// (uid, read-only root, what it runs) and stopped with SIGTERM, which it must exit 0 on (as PID 1
// with no init, a signal it does not handle would be ignored).
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { getJson, kubectl } from '../harness/kubectl';
import { REPO_ROOT } from '../harness/paths';
import { runCommand } from '../harness/run-command';
import { waitForLinkConfigured, waitForSkupperSite } from '../harness/skupper-site';
import { testClusters } from '../harness/test-clusters';
import { waitFor } from '../harness/wait-for';
import { applyExample, CONTAINER_PREFIX, podman, runGrantServerAndRedeemer, stopContainer, WorkloadProcess } from '../support/synthesized-workload';

/** CDK8S_SKUPPER_TEST_IMAGE: an image built already (e.g. by `npm run image`) to test instead. */
const PREBUILT = process.env.CDK8S_SKUPPER_TEST_IMAGE;
const IMAGE = PREBUILT ?? 'localhost/cdk8s-skupper/runtime:integ';
const IMAGE_UID = 65532;
const { west, east } = testClusters();
const suffix = crypto.randomBytes(3).toString('hex');
const namespaces = { west: `img-west-${suffix}`, east: `img-east-${suffix}` };
const TOKEN = 'token-to-west';

let work: string;
let outdir: string;
let containers: { grantServer: WorkloadProcess; redeemer: WorkloadProcess } | undefined;

beforeAll(async () => {
  // Rebuilt from this checkout every run (podman's layer cache keeps it short): what is tested is
  // the image of this code. Prints how long it took.
  if (!PREBUILT) {
    process.stdout.write(await runCommand('bash', [path.join(REPO_ROOT, 'tools', 'image', 'build.sh'), '--tag', IMAGE], { timeoutMs: 900_000 }));
  }
  // Containers of a crashed earlier run (integration runs take a lock, so none is running now).
  const leftovers = (await podman(['ps', '--all', '--quiet', '--filter', `name=^${CONTAINER_PREFIX}`])).split('\n').filter(Boolean);
  if (leftovers.length > 0) await podman(['rm', '--force', ...leftovers]);
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-skupper-image-'));
  ({ outdir } = await applyExample({ west, east }, work, namespaces));
}, 900_000);

afterAll(async () => {
  for (const container of Object.values(containers ?? {})) await stopContainer(container);
  for (const [cluster, namespace] of [[west, namespaces.west], [east, namespaces.east]] as const) {
    await kubectl(cluster, ['delete', 'namespace', namespace, '--wait=false', '--ignore-not-found']).catch(() => undefined);
  }
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

/** The host PID of a running container's first process. */
async function containerPid(container: WorkloadProcess): Promise<number> {
  return Number((await podman(['inspect', '--format', '{{.State.Pid}}', container.container!])).trim());
}

test('the grant server and redeemer containers, as their ServiceAccounts, redeem the token: Skupper configures the Link', async () => {
  const westSite = await waitForSkupperSite(west, namespaces.west, work, { linkAccess: true });
  await waitForSkupperSite(east, namespaces.east, work, { linkAccess: false });
  const [grantServer, redeemer] = await runGrantServerAndRedeemer(
    { cluster: west, outdir: path.join(outdir, 'west'), namespace: namespaces.west },
    { cluster: east, outdir: path.join(outdir, 'east'), namespace: namespaces.east },
    { image: IMAGE });
  containers = { grantServer, redeemer };

  const link = await waitForLinkConfigured(east, namespaces.east, TOKEN);
  expect(link.spec).toEqual({ endpoints: westSite.endpoints, tlsCredentials: TOKEN });
  // The redeemer copies the Link's state onto its token; the grant server counted one redemption.
  const token = await waitFor('the LinkToken Redeemed with its Link configured', async () => {
    const found = await getJson(east, namespaces.east, 'linktoken', TOKEN);
    return found?.status?.status === 'Redeemed' && /is configured/.test(found.status.message ?? '') ? found : undefined;
  }, { timeoutMs: 30_000 });
  expect(token.status).toMatchObject({ redeemed: true, message: expect.stringMatching(new RegExp(`^Link ${TOKEN} is configured`)) });
  const grant = await getJson(west, namespaces.west, 'linkgrant', 'grant-west');
  expect(grant.status.redemptions).toBe(1);
});

describe.each(['grantServer', 'redeemer'] as const)('the %s container', (role) => {
  const expectedCommand = { grantServer: 'grant-server', redeemer: 'redeemer' }[role];

  test('runs the image\'s compiled entrypoint as uid 65532, on a read-only root filesystem', async () => {
    const container = containers![role];
    const pid = await containerPid(container);
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    expect(status).toMatch(new RegExp(`^Uid:\\s+${IMAGE_UID}\\s+${IMAGE_UID}\\s+${IMAGE_UID}\\s+${IMAGE_UID}$`, 'm'));
    expect(status).toMatch(new RegExp(`^Gid:\\s+${IMAGE_UID}\\s`, 'm'));
    expect(status).toMatch(/^CapEff:\s+0+$/m);
    // The image's ENTRYPOINT with the Deployment's args, from the image's files: no TypeScript
    // sources there, so the compiled build/ runs (not the checkout through ts-node).
    const argv = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    expect(argv.slice(0, 3)).toEqual(['node', '/app/bin/cdk8s-skupper.js', expectedCommand]);
    const root = `/proc/${pid}/root`;
    expect(fs.existsSync(`${root}/app/build/lib/cli/main.js`)).toBe(true);
    expect(fs.existsSync(`${root}/app/lib`)).toBe(false);
    expect(fs.existsSync(`${root}/app/node_modules/typescript`)).toBe(false);
    // Nothing in the container can write to its filesystem, /tmp included.
    const probe = 'for (const d of ["/", "/app", "/tmp"]) { try { require("fs").writeFileSync(d + "/probe", "x"); console.log(d, "written") } catch (e) { console.log(d, e.code) } }';
    expect(await podman(['exec', container.container!, 'node', '-e', probe])).toBe('/ EROFS\n/app EROFS\n/tmp EROFS\n');
  });

  test('exits 0 on SIGTERM to the container', async () => {
    expect(await stopContainer(containers![role], {})).toEqual({ code: 0, signal: null });
  });
});
