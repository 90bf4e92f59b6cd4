// One measured synthesis, run in a child process by run.ts so that runs never share a heap:
//   synth-once.ts <hub|mesh> <links> <outdir> <keyCacheDir> [Ed25519|RSA-2048] [profile.cpuprofile]
// With a profile path, the measured part (declare, build, synth) is profiled with the inspector and
// written there; module loading and the floor measurement stay out of the profile.
// Prints one JSON line with the phase times, the peak RSS, what was written (and its digest, to check
// that runs write the same bytes), and the floor: the time this process takes to write the same
// files (same folders, same bytes) from memory into `<outdir>.floor`, which must not exist. Nothing is
// deleted here: run.ts moves outputs aside and deletes them after the last measurement (why: README).
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as inspector from 'inspector';
import * as path from 'path';
import { GrantServerKeyAlgorithm } from '../../lib';
import { benchNetwork, BenchTopology } from './bench-network';

/** Every file under `dir`, as relative path and content. */
function readTree(dir: string, prefix = ''): Array<[string, Buffer]> {
  return fs.readdirSync(path.join(dir, prefix), { withFileTypes: true }).flatMap(entry => {
    const relative = path.join(prefix, entry.name);
    return entry.isDirectory() ? readTree(dir, relative) : [[relative, fs.readFileSync(path.join(dir, relative))] as [string, Buffer]];
  });
}

/** One digest of every file's path and bytes, in path order. */
function treeDigest(files: Array<[string, Buffer]>): string {
  const hash = crypto.createHash('sha256');
  for (const [relative, content] of [...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    hash.update(`${relative}\0${content.length}\0`).update(content);
  }
  return hash.digest('hex');
}

/** Milliseconds to write `files` under `dir` (which must not exist) with plain mkdir + writeFileSync: the floor any synth pays. */
function writeFloorMs(files: Array<[string, Buffer]>, dir: string): number {
  if (fs.existsSync(dir)) throw new Error(`${dir} exists: run.ts moves it aside before each run`);
  const start = process.hrtime.bigint();
  const made = new Set<string>();
  for (const [relative, content] of files) {
    const folder = path.dirname(path.join(dir, relative));
    if (!made.has(folder)) {
      fs.mkdirSync(folder, { recursive: true });
      made.add(folder);
    }
    fs.writeFileSync(path.join(dir, relative), content);
  }
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Starts the CPU profiler; the returned function stops it and writes the profile to `file`. */
function startProfile(file: string): () => void {
  const session = new inspector.Session();
  session.connect();
  // A session in the main thread answers synchronously, so the profile spans exactly the measured code.
  session.post('Profiler.enable');
  session.post('Profiler.start');
  return () => session.post('Profiler.stop', (error, result) => {
    if (error) throw error;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(result.profile));
    session.disconnect();
  });
}

const [topology, links, outdir, keyCacheDir, keyAlgorithm, profileFile] = process.argv.slice(2);
const cachedKeysBefore = fs.existsSync(keyCacheDir) ? fs.readdirSync(keyCacheDir).length : 0;
const baselineRssKb = process.memoryUsage().rss / 1024;
const stopProfile = profileFile ? startProfile(profileFile) : undefined;
const cpu0 = process.cpuUsage();
const t0 = process.hrtime.bigint();
const network = benchNetwork(topology as BenchTopology, Number(links), outdir, keyCacheDir,
  (keyAlgorithm || GrantServerKeyAlgorithm.ED25519) as GrantServerKeyAlgorithm);
const t1 = process.hrtime.bigint();
network.build();   // grant servers (RSA keys, certificates), grants, tokens, SealedSecrets
const t2 = process.hrtime.bigint();
network.synth();   // cdk8s validation and resolution, YAML, files, kustomizations
const t3 = process.hrtime.bigint();
const cpu = process.cpuUsage(cpu0);
stopProfile?.();
const ms = (a: bigint, b: bigint) => Number(b - a) / 1e6;
// The peak RSS of the synth, before this process reads the output back for the floor measurement.
const maxRssMb = process.resourceUsage().maxRSS / 1024;
const tree = readTree(outdir);
const floorMs = writeFloorMs(tree, `${outdir}.floor`);
const grantServers = network.sites.filter(site => site.node.tryFindChild('GrantServer')).length;
process.stdout.write(JSON.stringify({
  topology,
  links: network.links.length,
  sites: network.sites.length,
  clusters: network.clusters.length,
  grantServers,
  keysDerived: (fs.existsSync(keyCacheDir) ? fs.readdirSync(keyCacheDir).length : 0) - cachedKeysBefore,
  files: tree.length,
  digest: treeDigest(tree),
  floorMs,
  declareMs: ms(t0, t1),
  buildMs: ms(t1, t2),
  synthMs: ms(t2, t3),
  totalMs: ms(t0, t3),
  // User + system time of the whole process (every thread) over the same span: varies less than wall time on a shared machine.
  cpuMs: (cpu.user + cpu.system) / 1000,
  baselineRssMb: baselineRssKb / 1024,
  maxRssMb,
}) + '\n');
