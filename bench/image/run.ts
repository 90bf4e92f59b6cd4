// The runtime image: its size, and per role (grant server, redeemer) the time from start to ready
// and the idle RSS, beside the same code run from the checkout compiled, with plain node (no
// container, no ts-node), in one run on the integration harness's two clusters. Each mode gets
// its own namespaces, so each does one real redemption, then idles.
// Run (the lock: it starts clusters and containers like the integration tests):
//   flock /tmp/cdk8s-skupper-integ.lock npm run bench:image [-- --image TAG] [-- --idle-seconds N]
import { execFileSync } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { httpGet } from '../../test/harness/http-get';
import { REPO_ROOT } from '../../test/harness/paths';
import { runCommand } from '../../test/harness/run-command';
import { waitForLinkConfigured, waitForSkupperSite } from '../../test/harness/skupper-site';
import { stopTestRun, startTestRun } from '../../test/harness/test-run';
import { applyExample, podman, runGrantServerAndRedeemer, stopWorkload, WorkloadOptions, WorkloadProcess } from '../../test/support/synthesized-workload';

const GOAL_IMAGE_MB = 200;
const GOAL_IDLE_RSS_MIB = 80;
const TOKEN = 'token-to-west';

function flag(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

/** podman's image size (uncompressed, bytes), in MB as podman prints it. */
async function imageMb(tag: string): Promise<number> {
  return Number((await podman(['image', 'inspect', '--format', '{{.Size}}', tag])).trim()) / 1e6;
}

/** Resident set of a workload's node process, MiB (a container's from its host PID). */
async function rssMib(workload: WorkloadProcess): Promise<number> {
  const pid = workload.container ? Number((await podman(['inspect', '--format', '{{.State.Pid}}', workload.container])).trim()) : workload.child.pid!;
  const kib = Number(/^VmRSS:\s+(\d+) kB$/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))![1]);
  return kib / 1024;
}

/** The checkout compiled as the image holds it (build/, bin/, package.json, node_modules linked). */
function compiledCheckout(dir: string): string {
  execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json', '--outDir', path.join(dir, 'build')], { cwd: REPO_ROOT, stdio: 'inherit' });
  fs.cpSync(path.join(REPO_ROOT, 'bin'), path.join(dir, 'bin'), { recursive: true });
  fs.copyFileSync(path.join(REPO_ROOT, 'package.json'), path.join(dir, 'package.json'));
  fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  return path.join(dir, 'bin', 'cdk8s-skupper.js');
}

interface RoleResult { readonly readyMs: number; readonly idleRssMib: number; readonly heapUsedMib: number }

/** The V8 heap in use, MiB, from the workload's Prometheus default metrics. */
async function heapUsedMib(workload: WorkloadProcess): Promise<number> {
  const metrics = (await httpGet(`http://127.0.0.1:${workload.metricsPort}/metrics`)).body;
  return Number(/^nodejs_heap_size_used_bytes (\S+)$/m.exec(metrics)?.[1] ?? NaN) / 1024 / 1024;
}

async function measure(workload: WorkloadProcess): Promise<RoleResult> {
  return { readyMs: workload.readyMs, idleRssMib: await rssMib(workload), heapUsedMib: await heapUsedMib(workload) };
}

async function main(): Promise<void> {
  const idleSeconds = Number(flag('--idle-seconds') ?? 20);
  let image = flag('--image');
  if (!image) {
    image = 'localhost/cdk8s-skupper/runtime:bench';
    process.stderr.write(await runCommand('bash', [path.join(REPO_ROOT, 'tools', 'image', 'build.sh'), '--tag', image], { timeoutMs: 900_000 }));
  }
  const bases = Object.fromEntries((await runCommand('bash', [path.join(REPO_ROOT, 'tools', 'image', 'build-base.sh')]))
    .trim().split('\n').map((line) => line.split('=')));
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-skupper-bench-image-'));
  const running: WorkloadProcess[] = [];
  try {
    const entrypoint = compiledCheckout(path.join(work, 'compiled'));
    const clusters = await startTestRun();
    const modes: Array<[string, WorkloadOptions]> = [['checkout, compiled, plain node', { entrypoint }], ['image (podman)', { image }]];
    const results: Record<string, { grantServer: RoleResult; redeemer: RoleResult }> = {};
    for (const [label, options] of modes) {
      const suffix = crypto.randomBytes(3).toString('hex');
      const namespaces = { west: `bench-west-${suffix}`, east: `bench-east-${suffix}` };
      const { outdir } = await applyExample(clusters, path.join(work, suffix), namespaces);
      await waitForSkupperSite(clusters.west, namespaces.west, work, { linkAccess: true });
      await waitForSkupperSite(clusters.east, namespaces.east, work, { linkAccess: false });
      const [grantServer, redeemer] = await runGrantServerAndRedeemer(
        { cluster: clusters.west, outdir: path.join(outdir, 'west'), namespace: namespaces.west },
        { cluster: clusters.east, outdir: path.join(outdir, 'east'), namespace: namespaces.east }, options);
      running.push(grantServer, redeemer);
      await waitForLinkConfigured(clusters.east, namespaces.east, TOKEN);
      console.error(`${label}: redeemed; idle for ${idleSeconds} s`);
      await new Promise((resolve) => setTimeout(resolve, idleSeconds * 1000));
      results[label] = {
        grantServer: await measure(grantServer),
        redeemer: await measure(redeemer),
      };
      for (const workload of running.splice(0)) await stopWorkload(workload);
    }

    const size = await imageMb(image);
    const goal = (ok: boolean): string => (ok ? 'met' : 'NOT met');
    const rows = Object.entries(results).flatMap(([label, roles]) => Object.entries(roles).map(([role, r]) =>
      `| ${role} | ${label} | ${r.readyMs} | ${r.idleRssMib.toFixed(1)} | ${r.heapUsedMib.toFixed(1)} |`));
    const imageRss = Object.values(results[modes[1][0]]).map((r) => r.idleRssMib);
    console.log([
      `Runtime image on ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}, host Node ${process.version}.`,
      '',
      `| image | MB (podman, uncompressed) |`,
      '|---|---:|',
      `| ${image} | ${size.toFixed(0)} |`,
      `| floor: its runtime base (libc, libstdc++, node), ${bases.RUNTIME_BASE} | ${(await imageMb(bases.RUNTIME_BASE)).toFixed(0)} |`,
      `| the build base, node:20-bookworm-slim's equivalent, ${bases.BUILD_BASE} | ${(await imageMb(bases.BUILD_BASE)).toFixed(0)} |`,
      '',
      `Start to ready (spawn to first /readyz 200, polled every 200 ms) and RSS after one redemption and ${idleSeconds} s idle:`,
      '',
      '| role | run as | start to ready (ms) | idle RSS (MiB) | of which V8 heap used (MiB) |',
      '|---|---|---:|---:|---:|',
      ...rows,
      '',
      `Goals: image under ${GOAL_IMAGE_MB} MB: ${goal(size < GOAL_IMAGE_MB)}; idle RSS of each role in the image under ${GOAL_IDLE_RSS_MIB} MiB: ` +
        `${goal(imageRss.every((r) => r < GOAL_IDLE_RSS_MIB))}.`,
    ].join('\n'));
  } finally {
    for (const workload of running) await stopWorkload(workload);
    await stopTestRun();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().then(() => { process.exitCode = 0; }, (error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
