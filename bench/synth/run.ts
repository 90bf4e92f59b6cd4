// Synth time and peak memory of ApplicationNetwork topologies of 10, 100 and 1,000 links.
// Run from the repository root (see bench/synth/README.md):
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
  readonly totalMs: number; readonly baselineRssMb: number; readonly maxRssMb: number;
}

const REPO = path.join(__dirname, '..', '..');
const OUT = path.join(REPO, 'bench', 'out', 'synth');

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : fallback;
}
const flag = (name: string) => process.argv.includes(`--${name}`);

const KEY_ALGORITHMS = ['Ed25519', 'RSA-2048'];

function runOnce(topology: string, links: number, keyCacheDir: string, keyAlgorithm: string, profileDir?: string): RunResult {
  const outdir = path.join(OUT, 'output', `${topology}-${links}`);
  fs.rmSync(outdir, { recursive: true, force: true });
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
  const rows: string[] = [];
  const profiles: string[] = [];
  for (const topology of topologies) {
    for (const links of linkCounts) {
      // Cold: an empty key cache (with RSA-2048, every grant server derives its two keys; Ed25519 keys
      // are never cached) in a fresh process. Warm: the same cache again. A cache per algorithm, since
      // a cached RSA key makes the Ed25519 default refuse that grant server.
      const keyCacheDir = path.join(OUT, 'keys', keyAlgorithm, `${topology}-${links}`);
      let cold: RunResult | undefined;
      if (!warmOnly) {
        fs.rmSync(keyCacheDir, { recursive: true, force: true });
        process.stderr.write(`${topology} ${links}: cold run...\n`);
        cold = runOnce(topology, links, keyCacheDir, keyAlgorithm);
      } else if (keyAlgorithm === 'RSA-2048' && (!fs.existsSync(keyCacheDir) || fs.readdirSync(keyCacheDir).length === 0)) {
        process.stderr.write(`${topology} ${links}: priming the key cache...\n`);
        runOnce(topology, links, keyCacheDir, keyAlgorithm);
      }
      process.stderr.write(`${topology} ${links}: warm run...\n`);
      const warm = runOnce(topology, links, keyCacheDir, keyAlgorithm);
      if (warm.keysDerived > 0) {
        process.stderr.write(`${topology} ${links}: the warm run derived ${warm.keysDerived} keys: its cache was incomplete\n`);
      }
      // Profiling slows a run down, so it is an extra warm run whose times are not in the table.
      const profileDir = profile ? path.join(OUT, 'profiles', `${topology}-${links}`) : undefined;
      if (profileDir) {
        fs.rmSync(profileDir, { recursive: true, force: true });
        process.stderr.write(`${topology} ${links}: profiled warm run...\n`);
        runOnce(topology, links, keyCacheDir, keyAlgorithm, profileDir);
      }
      const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
      // Each run against the floor measured in its own process (the floor varies a lot here).
      const ratio = (run: RunResult) => `${(run.totalMs / run.floorMs).toFixed(1)}x`;
      const rss = (run: RunResult) => `${run.maxRssMb.toFixed(0)} MB (+${(run.maxRssMb - run.baselineRssMb).toFixed(0)})`;
      rows.push(`| ${topology} | ${warm.links} | ${warm.sites} | ${warm.grantServers} | ${warm.files} | ` +
        `${cold ? `${seconds(cold.totalMs)} (${cold.keysDerived} keys)` : 'n/a'} | ${seconds(warm.totalMs)} | ` +
        `${seconds(warm.declareMs)} / ${seconds(warm.buildMs)} / ${seconds(warm.synthMs)} | ` +
        `${cold ? `${cold.floorMs.toFixed(0)} ms` : 'n/a'} / ${warm.floorMs.toFixed(0)} ms | ` +
        `${cold ? ratio(cold) : 'n/a'} / ${ratio(warm)} | ${cold ? rss(cold) : 'n/a'} / ${rss(warm)} |`);
      if (profileDir) {
        const file = fs.readdirSync(profileDir).find(name => name.endsWith('.cpuprofile'))!;
        profiles.push(formatSummary(`${topology}, ${warm.links} links, warm`, summarizeProfile(path.join(profileDir, file))));
      }
    }
  }
  process.stdout.write([
    `Grant server keys: ${keyAlgorithm}. Floor: writing the same files from memory (mkdir + writeFileSync).`,
    '',
    '| topology | links | sites (= clusters) | grant servers | files | cold: total (keys derived) | warm: total | warm: declare / build / synth | floor cold / warm | cold / warm vs floor | peak RSS (growth) cold / warm |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows,
    '',
    ...profiles,
  ].join('\n') + '\n');
}

main();
