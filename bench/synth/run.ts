// Synth time and peak memory of ApplicationNetwork topologies of 10, 100 and 1,000 links: cold,
// warm and re-synth, each beside the floor measured in the same run. Run from the repository root
// (see bench/synth/README.md for the protocol):
//   npx ts-node --transpile-only bench/synth/run.ts [--links 10,100,1000] [--topologies hub,mesh] [--key-algorithm Ed25519|RSA-2048]
//     [--warm-only] [--profile]
// Each measured synthesis runs in a child process of its own (synth-once.ts), so runs never share
// a heap and maxRSS is that run's peak.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { formatSummary, summarizeProfile } from './profile-summary';

interface RunResult {
  readonly topology: string; readonly links: number; readonly sites: number; readonly clusters: number; readonly grantServers: number;
  readonly keysDerived: number; readonly files: number; readonly floorMs: number; readonly declareMs: number; readonly buildMs: number; readonly synthMs: number;
  readonly totalMs: number; readonly cpuMs: number; readonly baselineRssMb: number; readonly maxRssMb: number; readonly digest: string;
}

const REPO = path.join(__dirname, '..', '..');
const OUT = path.join(REPO, 'bench', 'out', 'synth');
/** Where earlier outputs are moved (renamed) until the last measurement is over. */
const TRASH = path.join(OUT, 'trash');
/** When this benchmark last deleted its trash. */
const TRASH_DELETED_AT = path.join(OUT, 'trash-deleted-at');
/** How long ext4 without a journal skips a freed inode when creating one (60 s, 360 s while its table block is dirty). */
const RECENTLY_DELETED_S = 360;

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : fallback;
}
const flag = (name: string) => process.argv.includes(`--${name}`);

const KEY_ALGORITHMS = ['Ed25519', 'RSA-2048'];

/**
 * Moves `target` (if there) into the trash by a rename: deleting thousands of files right before a
 * measured run would make its creates ~15x slower on ext4 without a journal (README).
 */
function moveAside(target: string): void {
  if (!fs.existsSync(target)) return;
  fs.mkdirSync(TRASH, { recursive: true });
  fs.renameSync(target, fs.mkdtempSync(path.join(TRASH, `${path.basename(target)}-`)) + '/moved');
}

/** One measured synthesis into `outdir` in a fresh process; its floor goes to `<outdir>.floor`. */
function runOnce(topology: string, links: number, outdir: string, keyCacheDir: string, keyAlgorithm: string, profileDir?: string): RunResult {
  moveAside(`${outdir}.floor`);
  const profileArgs = profileDir ? [path.join(profileDir, 'synth.cpuprofile')] : [];
  const stdout = execFileSync(process.execPath, [
    '-r', 'ts-node/register/transpile-only', path.join(__dirname, 'synth-once.ts'), topology, String(links), outdir, keyCacheDir, keyAlgorithm, ...profileArgs,
  ], { cwd: REPO, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24 });
  return JSON.parse(stdout.trim().split('\n').pop()!) as RunResult;
}

function main(): void {
  const linkCounts = option('links', '10,100,1000').split(',').map(Number);
  const topologies = option('topologies', 'hub,mesh').split(',');
  const keyAlgorithm = option('key-algorithm', 'Ed25519');
  if (!KEY_ALGORITHMS.includes(keyAlgorithm)) {
    throw new Error(`invalid --key-algorithm ${keyAlgorithm}: expected one of ${KEY_ALGORITHMS.join(', ')}`);
  }
  const warmOnly = flag('warm-only');
  const profile = flag('profile');
  const sinceCleanup = fs.existsSync(TRASH_DELETED_AT) ? (Date.now() - fs.statSync(TRASH_DELETED_AT).mtimeMs) / 1000 : Infinity;
  if (sinceCleanup < RECENTLY_DELETED_S) {
    process.stderr.write(`warning: the last run of this benchmark deleted its outputs ${sinceCleanup.toFixed(0)} s ago; on ext4 without ` +
      `a journal, files created in the next ${RECENTLY_DELETED_S - Math.round(sinceCleanup)} s may be slower (README)\n`);
  }
  const rows: string[] = [];
  const profiles: string[] = [];
  for (const topology of topologies) {
    for (const links of linkCounts) {
      const outdir = path.join(OUT, 'output', `${topology}-${links}`);
      // A key cache per algorithm, since a cached RSA key makes the Ed25519 default refuse that grant server.
      const keyCacheDir = path.join(OUT, 'keys', keyAlgorithm, `${topology}-${links}`);
      // Cold: a fresh clone (dist/ not committed): empty key cache, no previous output.
      let cold: RunResult | undefined;
      if (!warmOnly) {
        moveAside(keyCacheDir);
        moveAside(outdir);
        process.stderr.write(`${topology} ${links}: cold run...\n`);
        cold = runOnce(topology, links, outdir, keyCacheDir, keyAlgorithm);
      } else if (keyAlgorithm === 'RSA-2048' && (!fs.existsSync(keyCacheDir) || fs.readdirSync(keyCacheDir).length === 0)) {
        process.stderr.write(`${topology} ${links}: priming the key cache...\n`);
        moveAside(outdir);
        runOnce(topology, links, outdir, keyCacheDir, keyAlgorithm);
      }
      // Warm: the key cache of an earlier synth (a CI runner that keeps it), no previous output.
      moveAside(outdir);
      process.stderr.write(`${topology} ${links}: warm run...\n`);
      const warm = runOnce(topology, links, outdir, keyCacheDir, keyAlgorithm);
      if (warm.keysDerived > 0) {
        process.stderr.write(`${topology} ${links}: the warm run derived ${warm.keysDerived} keys: its cache was incomplete\n`);
      }
      // Re-synth: the warm run's output is still there (a clone with dist/ committed, every day's synth).
      process.stderr.write(`${topology} ${links}: re-synth...\n`);
      const resynth = runOnce(topology, links, outdir, keyCacheDir, keyAlgorithm);
      // Profiling slows a run down, so it is an extra warm run whose times are not in the table.
      const profileDir = profile ? path.join(OUT, 'profiles', `${topology}-${links}`) : undefined;
      if (profileDir) {
        moveAside(profileDir);
        moveAside(outdir);
        process.stderr.write(`${topology} ${links}: profiled warm run...\n`);
        runOnce(topology, links, outdir, keyCacheDir, keyAlgorithm, profileDir);
      }
      const runs = [cold, warm, resynth].filter((run): run is RunResult => run !== undefined);
      const identical = runs.every(run => run.digest === warm.digest) ? 'yes' : '**NO**';
      const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
      // Each run beside the floor measured in its own process (the floor varies a lot here).
      const vsFloor = (run: RunResult | undefined) => run === undefined ? 'n/a'
        : `${seconds(run.totalMs)} (CPU ${seconds(run.cpuMs)}) / ${run.floorMs.toFixed(0)} ms = ${(run.totalMs / run.floorMs).toFixed(1)}x`;
      const rss = (run: RunResult | undefined) => run === undefined ? 'n/a' : `${run.maxRssMb.toFixed(0)} (+${(run.maxRssMb - run.baselineRssMb).toFixed(0)})`;
      rows.push(`| ${topology} | ${warm.links} | ${warm.sites} | ${warm.clusters} | ${warm.grantServers} | ${warm.files} | ` +
        `${vsFloor(cold)}${cold ? ` (${cold.keysDerived} keys)` : ''} | ${vsFloor(warm)} | ${vsFloor(resynth)} | ` +
        `${seconds(warm.declareMs)} / ${seconds(warm.buildMs)} / ${seconds(warm.synthMs)} | ` +
        `${rss(cold)} / ${rss(warm)} / ${rss(resynth)} | ${identical} |`);
      if (profileDir) {
        const file = fs.readdirSync(profileDir).find(name => name.endsWith('.cpuprofile'))!;
        profiles.push(formatSummary(`${topology}, ${warm.links} links, warm`, summarizeProfile(path.join(profileDir, file))));
      }
    }
  }
  // Deleted only now, after the last measurement.
  fs.rmSync(TRASH, { recursive: true, force: true });
  fs.writeFileSync(TRASH_DELETED_AT, `${new Date().toISOString()}\n`);
  process.stdout.write([
    `Grant server keys: ${keyAlgorithm}. Each run: total (its CPU time, every thread) / floor (writing the same files from memory, in the same process) = ratio.`,
    '',
    '| topology | links | sites | clusters | grant servers | files | cold (keys derived) | warm | re-synth (same output on disk) | ' +
      'warm: declare / build / synth | peak RSS MB (growth) cold / warm / re-synth | output identical |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
    ...rows,
    '',
    ...profiles,
  ].join('\n') + '\n');
}

main();
