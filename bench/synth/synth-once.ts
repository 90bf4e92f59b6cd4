// One measured synthesis, run in a child process by run.ts so that runs never share a heap:
//   synth-once.ts <hub|mesh> <links> <outdir> <keyCacheDir>
// Prints one JSON line with the phase times, the peak RSS and what was written.
import * as fs from 'fs';
import * as path from 'path';
import { benchNetwork, BenchTopology } from './bench-network';

function countFiles(dir: string): number {
  return fs.readdirSync(dir, { withFileTypes: true })
    .reduce((n, entry) => n + (entry.isDirectory() ? countFiles(path.join(dir, entry.name)) : 1), 0);
}

const [topology, links, outdir, keyCacheDir] = process.argv.slice(2);
const cachedKeysBefore = fs.existsSync(keyCacheDir) ? fs.readdirSync(keyCacheDir).length : 0;
const baselineRssKb = process.memoryUsage().rss / 1024;
const t0 = process.hrtime.bigint();
const network = benchNetwork(topology as BenchTopology, Number(links), outdir, keyCacheDir);
const t1 = process.hrtime.bigint();
network.build();   // grant servers (RSA keys, certificates), grants, tokens, SealedSecrets
const t2 = process.hrtime.bigint();
network.synth();   // cdk8s validation and resolution, YAML, files, kustomizations
const t3 = process.hrtime.bigint();
const ms = (a: bigint, b: bigint) => Number(b - a) / 1e6;
const grantServers = network.sites.filter(site => site.node.tryFindChild('GrantServer')).length;
process.stdout.write(JSON.stringify({
  topology,
  links: network.links.length,
  sites: network.sites.length,
  clusters: network.clusters.length,
  grantServers,
  keysDerived: (fs.existsSync(keyCacheDir) ? fs.readdirSync(keyCacheDir).length : 0) - cachedKeysBefore,
  files: countFiles(outdir),
  declareMs: ms(t0, t1),
  buildMs: ms(t1, t2),
  synthMs: ms(t2, t3),
  totalMs: ms(t0, t3),
  baselineRssMb: baselineRssKb / 1024,
  maxRssMb: process.resourceUsage().maxRSS / 1024,
  heapUsedMb: process.memoryUsage().heapUsed / 1024 / 1024,
}) + '\n');
