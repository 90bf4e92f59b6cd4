// Summarizes a V8 .cpuprofile (the inspector's, or node --cpu-prof): where the time goes, by phase, category and function.
//   npx ts-node --transpile-only bench/synth/profile-summary.ts <file.cpuprofile>
import * as fs from 'fs';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly children?: number[];
}
interface Profile { readonly nodes: ProfileNode[]; readonly samples: number[]; readonly timeDeltas: number[] }

const FILE_SYSTEM_CALLS = /^(writeFileSync|writeSync|openSync|closeSync|mkdirSync|mkdtempSync|rmSync|renameSync|linkSync|readSync|readdirSync|lstatSync)$/;

/** Categories, matched against each sample's stack from the leaf up: the innermost match wins. */
const CATEGORIES: Array<{ readonly name: string; readonly match: (node: ProfileNode) => boolean }> = [
  { name: 'garbage collection', match: n => n.callFrame.functionName === '(garbage collector)' },
  { name: 'RSA key derivation (forge, pure JS)', match: n => n.callFrame.functionName === 'deriveRsaKeyPair' },
  { name: 'grant server certificates (forge)', match: n => n.callFrame.functionName === 'createGrantServerCertificates' },
  { name: 'sealing (native RSA-OAEP 4096 + AES-GCM)', match: n => n.callFrame.functionName === 'sealValue' },
  { name: 'HKDF derivations (master secret)', match: n => n.callFrame.functionName === 'derive' && n.callFrame.url.includes('master-secret') },
  { name: 'file system (writes; reads of the previous output)', match: n => FILE_SYSTEM_CALLS.test(n.callFrame.functionName) },
  { name: 'YAML stringify', match: n => n.callFrame.url.includes('node_modules/yaml/') },
  { name: 'construct tree walks (findAll)', match: n => n.callFrame.functionName === 'findAll' && n.callFrame.url.includes('node_modules/constructs/') },
  { name: 'cdk8s resolution / toJson / validation', match: n => n.callFrame.url.includes('node_modules/cdk8s/') || n.callFrame.url.includes('node_modules/cdk8s-plus-28/') },
  { name: 'module loading (lazy require, ts transpile)', match: n => n.callFrame.functionName === 'require' },
];

/** Phases of a synth, matched from the root down: the outermost match wins. */
const PHASES: Array<{ readonly name: string; readonly match: (node: ProfileNode) => boolean }> = [
  { name: 'declare (clusters, sites, links)', match: n => n.callFrame.functionName === 'benchNetwork' },
  { name: 'build (grant servers, grants, tokens, sealing)', match: n => n.callFrame.functionName === 'build' && n.callFrame.url.includes('application-network') },
  { name: 'render (validation, toJson, YAML)', match: n => n.callFrame.functionName === 'renderClusters' },
  { name: 'write (comparing, staging, renames, cleanup)', match: n => n.callFrame.functionName === 'writeOutputFolders' },
];

export interface ProfileSummary {
  readonly totalMs: number;
  readonly phases: Array<{ name: string; ms: number }>;
  readonly categories: Array<{ name: string; ms: number }>;
  readonly topSelf: Array<{ name: string; ms: number }>;
}

export function summarizeProfile(file: string): ProfileSummary {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map(node => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) {
    for (const child of node.children ?? []) {
      parent.set(child, node.id);
    }
  }
  const categoryOf = new Map<number, string>();
  const categorize = (id: number): string => {
    const cached = categoryOf.get(id);
    if (cached !== undefined) {
      return cached;
    }
    const node = byId.get(id)!;
    const own = CATEGORIES.find(category => category.match(node))?.name;
    const result = own ?? (parent.has(id) ? categorize(parent.get(id)!) : 'other (construct code, ts-node, idle)');
    categoryOf.set(id, result);
    return result;
  };
  const phaseOf = new Map<number, string>();
  const phaseOfNode = (id: number): string => {
    const cached = phaseOf.get(id);
    if (cached !== undefined) return cached;
    const outer = parent.has(id) ? phaseOfNode(parent.get(id)!) : 'other';
    const result = outer !== 'other' ? outer : PHASES.find(phase => phase.match(byId.get(id)!))?.name ?? 'other';
    phaseOf.set(id, result);
    return result;
  };
  const phaseMs = new Map<string, number>();
  const categoryMs = new Map<string, number>();
  const selfMs = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, index) => {
    const ms = (profile.timeDeltas[index] ?? 0) / 1000;
    total += ms;
    const phase = phaseOfNode(id);
    phaseMs.set(phase, (phaseMs.get(phase) ?? 0) + ms);
    const category = categorize(id);
    categoryMs.set(category, (categoryMs.get(category) ?? 0) + ms);
    const frame = byId.get(id)!.callFrame;
    const where = frame.url.replace(/^.*node_modules\//, '').replace(/^.*\/(lib|bench|apps)\//, '$1/').replace(/^file:\/\//, '');
    const key = `${frame.functionName || '(anonymous)'} ${where}${frame.url ? `:${frame.lineNumber + 1}` : ''}`;
    selfMs.set(key, (selfMs.get(key) ?? 0) + ms);
  });
  const sorted = (map: Map<string, number>) => [...map].map(([name, ms]) => ({ name, ms })).sort((a, b) => b.ms - a.ms);
  return { totalMs: total, phases: sorted(phaseMs), categories: sorted(categoryMs), topSelf: sorted(selfMs).slice(0, 20) };
}

export function formatSummary(title: string, summary: ProfileSummary): string {
  const pct = (ms: number) => `${((100 * ms) / summary.totalMs).toFixed(1)}%`;
  return [
    `### ${title} (${(summary.totalMs / 1000).toFixed(1)} s sampled)`,
    '',
    '| phase (outermost match on the stack) | time | share |',
    '|---|---:|---:|',
    ...summary.phases.map(p => `| ${p.name} | ${(p.ms / 1000).toFixed(2)} s | ${pct(p.ms)} |`),
    '',
    '| category (innermost match on the stack) | time | share |',
    '|---|---:|---:|',
    ...summary.categories.map(c => `| ${c.name} | ${(c.ms / 1000).toFixed(2)} s | ${pct(c.ms)} |`),
    '',
    '| top self time | time |',
    '|---|---:|',
    ...summary.topSelf.map(f => `| \`${f.name}\` | ${(f.ms / 1000).toFixed(2)} s |`),
    '',
  ].join('\n');
}

if (require.main === module) {
  for (const file of process.argv.slice(2)) {
    process.stdout.write(formatSummary(file, summarizeProfile(file)) + '\n');
  }
}
