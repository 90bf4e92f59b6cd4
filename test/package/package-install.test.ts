// The package as a user gets it: `npm pack`, then `npm install` of the tarball (and its peers, from
// the npm registry) into a fresh app folder, used from plain Node with no ts-node and no checkout.
// Catches what only shows outside the repository: main/exports/types pointing at files that are
// not in the tarball, files shipped that must not be (tests, keys), CRDs or package.json looked up
// by a path that only exists in a checkout, and the runtime's dependencies leaking to construct users.
import { spawnSync, SpawnSyncReturns } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const REPO = path.join(__dirname, '..', '..');
const PKG = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
const RUNTIME_PEERS = ['@kubernetes/client-node', 'prom-client'];

let work: string;
let app: string;
let packedFiles: string[];

/**
 * The environment of a user's terminal: without the npm_* variables `npm test` sets, which would
 * otherwise configure the nested npm commands (e.g. npm_config_* from the command line).
 */
function userEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('npm_')));
}

function run(command: string, args: string[], cwd: string): SpawnSyncReturns<string> {
  return spawnSync(command, args, { cwd, env: userEnv(), encoding: 'utf8', timeout: 90_000 });
}

/** Runs a command that must succeed; its output is in the error if it does not. */
function ok(command: string, args: string[], cwd: string): string {
  const result = run(command, args, cwd);
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} exited ${result.status ?? result.signal}:\n${result.stdout}\n${result.stderr}`);
  }
  return result.stdout;
}

/** The version of a peer in the checkout, so the app gets what the tests ran against. */
function installedVersion(name: string): string {
  return JSON.parse(fs.readFileSync(path.join(REPO, 'node_modules', name, 'package.json'), 'utf8')).version;
}

/** The README's LinkedSitePair example (the "What you write" block) as CommonJS for plain Node. */
function readmeExample(): string {
  const readme = fs.readFileSync(path.join(REPO, 'README.md'), 'utf8');
  const block = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1])
    .find((code) => code.includes('new LinkedSitePair(') && code.includes('synthClusters('));
  if (block === undefined) throw new Error('README.md has no ts block with the LinkedSitePair example');
  return block.replace(/^import \{([^}]*)\} from 'cdk8s-skupper';$/m, "const {$1} = require('cdk8s-skupper');");
}

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-skupper-package-'));
  // prepack compiles a clean build/ first, so the tarball never holds stale modules.
  const [packed] = JSON.parse(ok('npm', ['pack', '--json', '--pack-destination', work], REPO));
  packedFiles = packed.files.map((f: { path: string }) => f.path);

  app = path.join(work, 'app');
  fs.mkdirSync(app);
  fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'user-app', private: true }));
  const peers = Object.keys(PKG.peerDependencies).filter((name) => !RUNTIME_PEERS.includes(name));
  ok('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts',
    path.join(work, packed.filename), ...peers.map((name) => `${name}@${installedVersion(name)}`)], app);
}, 120_000);

afterAll(() => {
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

test('the tarball holds the compiled package, its CRDs and CLI, and nothing of the repository besides', () => {
  for (const file of ['package.json', 'README.md', 'bin/cdk8s-skupper.js', 'build/lib/index.js', 'build/lib/index.d.ts',
    'build/lib/cli/main.js', 'crds/cdk8s-skupper/linkgrants.cdk8s-skupper.io.yaml', 'crds/cdk8s-skupper/linktokens.cdk8s-skupper.io.yaml']) {
    expect(packedFiles).toContain(file);
  }
  const unwanted = packedFiles.filter((f) => /^(test|tools|bench|apps|dist|node_modules|lib|imports)\//.test(f)
    || /\.(key|pem|tsbuildinfo)$/.test(f) || (f.endsWith('.ts') && !f.endsWith('.d.ts')) || /\.test\./.test(f));
  expect(unwanted).toEqual([]);
});

test('construct users do not get the runtime dependencies', () => {
  for (const name of RUNTIME_PEERS) {
    expect(fs.existsSync(path.join(app, 'node_modules', name))).toBe(false);
  }
});

test('plain Node requires the package and synthesizes the README example, CRDs included', () => {
  fs.cpSync(path.join(REPO, 'apps', 'certs'), path.join(app, 'apps', 'certs'), { recursive: true });
  fs.writeFileSync(path.join(app, 'example.js'), readmeExample());
  ok(process.execPath, ['example.js'], app);
  const dist = path.join(app, 'dist');
  expect(fs.readdirSync(path.join(dist, 'west', '0000-crds')).sort()).toEqual([
    'CustomResourceDefinition.linkgrants.cdk8s-skupper.io.k8s.yaml',
    'CustomResourceDefinition.linktokens.cdk8s-skupper.io.k8s.yaml',
    'kustomization.yaml',
  ]);
  expect(fs.existsSync(path.join(dist, 'west', 'west', 'LinkGrant.grant-west.k8s.yaml'))).toBe(true);
  expect(fs.existsSync(path.join(dist, 'east', 'east', 'LinkToken.token-to-west.k8s.yaml'))).toBe(true);
});

test('TypeScript users get the declarations through exports', () => {
  fs.writeFileSync(path.join(app, 'check.ts'), [
    "import { Cluster, LinkedSitePair, Site } from 'cdk8s-skupper';",
    "const cluster: Cluster = new Cluster({ name: 'west', sealingCertificateFile: 'apps/certs/west.pem' });",
    "export const site: Site = new Site(cluster, 'west');",
    'export const pair: typeof LinkedSitePair = LinkedSitePair;',
  ].join('\n'));
  // The checkout's compiler and Node types; node16 resolution is the one that honours exports.
  const tsc = path.join(REPO, 'node_modules', 'typescript', 'bin', 'tsc');
  ok(process.execPath, [tsc, '--noEmit', '--strict', '--skipLibCheck', '--module', 'node16', '--moduleResolution', 'node16',
    '--types', 'node', '--typeRoots', path.join(REPO, 'node_modules', '@types'), 'check.ts'], app);
});

test('the installed CLI runs without ts-node: --version, seal --help, review, and a clear error for a runtime command', () => {
  const cli = path.join(app, 'node_modules', '.bin', 'cdk8s-skupper');
  expect(ok(cli, ['--version'], app)).toBe(`cdk8s-skupper ${PKG.version}\n`);
  expect(ok(cli, ['seal', '--help'], app)).toMatch(/^usage: cdk8s-skupper seal /);
  // review needs no runtime dependency: the synthesized output against itself has nothing to say.
  expect(ok(cli, ['review', 'dist', 'dist', '--format', 'text'], app)).toBe('review dist -> dist\n\nNo change.\n');
  const status = run(cli, ['status'], app);
  expect(status.status).toBe(1);
  expect(status.stderr).toContain('the status command needs @kubernetes/client-node');
  expect(status.stderr).toContain('npm install @kubernetes/client-node@');
  expect(fs.existsSync(path.join(app, 'node_modules', 'ts-node'))).toBe(false);
});

test('with the runtime dependencies installed, the runtime commands load', () => {
  ok('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts',
    ...RUNTIME_PEERS.map((name) => `${name}@${installedVersion(name)}`)], app);
  const cli = path.join(app, 'node_modules', '.bin', 'cdk8s-skupper');
  expect(ok(cli, ['grant-server', '--help'], app)).toMatch(/usage: cdk8s-skupper grant-server /);
  expect(ok(cli, ['redeemer', '--help'], app)).toMatch(/usage: cdk8s-skupper redeemer /);
}, 120_000);
