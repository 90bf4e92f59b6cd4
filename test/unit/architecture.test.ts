import * as fs from 'fs';
import * as path from 'path';

// The layers of lib/ and who may import whom (issue 13). Bottom: the API types and the shared
// libraries; beside each other and never importing one another: what synthesizes (constructs,
// gitops, synth), what runs in the cluster (controllers) and what a human runs (commands), the
// last two over kube-client; on top, the CLI, the only one to parse a command line.

const LIB = path.join(__dirname, '..', '..', 'lib');

/** What every layer may import: the API types, the shared libraries and lib/package-root.ts. */
const SHARED = ['api', 'pki', 'sealing', 'secrets', 'validation', 'topology', 'package-root'];
/** The synthesizing side, and the generated cdk8s imports (imports/ at the repository root). */
const SYNTHESIS = ['constructs', 'gitops', 'synth'];

/** Each part of lib/ (a folder, or a file at its top) and the parts it may import, itself included. */
const MAY_IMPORT: Readonly<Record<string, readonly string[]>> = {
  'api': ['api'],
  'pki': SHARED,
  'sealing': SHARED,
  'secrets': SHARED,
  'validation': SHARED,
  'topology': SHARED,
  'package-root': SHARED,
  'kube-client': [...SHARED, 'kube-client'],
  // One way: constructs -> gitops -> synth (synthesis takes an ISynthesizableCluster, not a Cluster).
  'constructs': [...SHARED, ...SYNTHESIS, '<repo>/imports'],
  'gitops': [...SHARED, 'gitops', 'synth'],
  'synth': [...SHARED, 'synth'],
  'controllers': [...SHARED, 'kube-client', 'controllers'],
  'commands': [...SHARED, 'kube-client', 'commands'],
  'cli': [...SHARED, 'kube-client', 'controllers', 'commands', 'cli'],
  // The package's entry point is the constructs' API: neither the runtime nor the commands.
  'index': [...SHARED, ...SYNTHESIS],
};

const CDK8S = /^(cdk8s|cdk8s-plus-\d+|constructs)(\/|$)/;
const KUBE_CLIENT = /^(@kubernetes\/client-node|prom-client)(\/|$)/;
/** Only the synthesizing side loads cdk8s: the runtime image (controllers, cli) never does. */
const MAY_LOAD_CDK8S = new Set([...SYNTHESIS, 'index']);
/** Only what talks to a cluster loads the Kubernetes client (and prom-client), never the constructs or the API types. */
const MAY_LOAD_KUBE_CLIENT = new Set(['kube-client', 'controllers', 'commands', 'cli']);

interface Import {
  readonly specifier: string;
  /** `import type` and `export type`: gone at run time. */
  readonly typeOnly: boolean;
  /** `import('...')`: loaded only when that code runs. */
  readonly dynamic: boolean;
}

function libFiles(dir: string = LIB): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    return entry.isDirectory() ? libFiles(file) : entry.name.endsWith('.ts') ? [file] : [];
  });
}

function importsOf(file: string): Import[] {
  const text = fs.readFileSync(file, 'utf8');
  const found: Import[] = [];
  for (const match of text.matchAll(/^\s*(import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm)) {
    found.push({ specifier: match[3], typeOnly: match[2] !== undefined, dynamic: false });
  }
  for (const match of text.matchAll(/\b(?:import|require)\(\s*['"]([^'"]+)['"]\s*\)/g)) {
    found.push({ specifier: match[1], typeOnly: false, dynamic: true });
  }
  return found;
}

/** The part of lib/ a file belongs to: its top folder, or its name for a file at the top. */
function partOf(file: string): string {
  const relative = path.relative(LIB, file);
  if (relative.startsWith('..')) return `<repo>/${path.relative(path.join(LIB, '..'), file).split(path.sep)[0]}`;
  const [first, ...rest] = relative.split(path.sep);
  return rest.length === 0 ? first.replace(/\.ts$/, '') : first;
}

function resolveRelative(from: string, specifier: string): string {
  const base = path.resolve(path.dirname(from), specifier);
  return [`${base}.ts`, path.join(base, 'index.ts')].find((candidate) => fs.existsSync(candidate)) ?? base;
}

const files = libFiles();
const imports = files.map((file) => ({ file, part: partOf(file), imports: importsOf(file) }));
const name = (file: string): string => path.relative(path.join(LIB, '..'), file);

test('every part of lib/ has a rule', () => {
  expect([...new Set(imports.map(({ part }) => part))].filter((part) => !(part in MAY_IMPORT))).toEqual([]);
});

test('each part of lib/ imports only the parts below it (constructs, controllers and commands never one another)', () => {
  const breaches = imports.flatMap(({ file, part, imports: found }) => found
    .filter(({ specifier }) => specifier.startsWith('.'))
    .map(({ specifier }) => partOf(resolveRelative(file, specifier)))
    .filter((target) => !MAY_IMPORT[part]?.includes(target))
    .map((target) => `${name(file)} (${part}) imports ${target}`));
  expect(breaches).toEqual([]);
});

test('only the constructs, gitops and synth load cdk8s; only kube-client, controllers, commands and the CLI load the Kubernetes client', () => {
  const breaches = imports.flatMap(({ file, part, imports: found }) => found.flatMap(({ specifier }) => [
    ...(CDK8S.test(specifier) && !MAY_LOAD_CDK8S.has(part) ? [`${name(file)} loads ${specifier}`] : []),
    ...(KUBE_CLIENT.test(specifier) && !MAY_LOAD_KUBE_CLIENT.has(part) ? [`${name(file)} loads ${specifier}`] : []),
  ]));
  expect(breaches).toEqual([]);
});

test('the CLI loads the Kubernetes client only in the commands that need it (construct users run seal and --help without it)', () => {
  const seen = new Set<string>();
  const loaded: string[] = [];
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const { specifier, typeOnly, dynamic } of importsOf(file)) {
      if (typeOnly || dynamic) continue;
      if (specifier.startsWith('.')) visit(resolveRelative(file, specifier));
      else if (KUBE_CLIENT.test(specifier) || CDK8S.test(specifier)) loaded.push(`${name(file)} loads ${specifier}`);
    }
  };
  visit(path.join(LIB, 'cli', 'main.ts'));
  expect(loaded).toEqual([]);
});

test('only the CLI parses a command line', () => {
  const parsers = imports.filter(({ part, file }) => part !== 'cli' && /\bparseArgs\b|process\.argv/.test(fs.readFileSync(file, 'utf8')));
  expect(parsers.map(({ file }) => name(file))).toEqual([]);
});
