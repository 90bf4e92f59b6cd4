// `cdk8s synth` (for users who run it; `npm run synth` runs the app directly) deletes its output folder before it runs the app: these
// tests run the real cdk8s CLI with this repository's cdk8s.yaml (only the app command points
// into the repository) in a project folder of their own, and the app itself, as a user would.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';
import { CDK8S_CLI_RECEIPT } from '../../../lib/synth/cdk8s-cli-outdir';
import { readTree, TEST_KEY_CACHE, TEST_MASTER_SECRET_HEX } from '../../support/example-synth';
import { tempDir } from '../topology/topology-test-support';

const REPO = path.join(__dirname, '..', '..', '..');
const CDK8S = path.join(REPO, 'node_modules', '.bin', 'cdk8s');
const APP = `node -r ${path.join(REPO, 'node_modules', 'ts-node', 'register', 'transpile-only')} ${path.join(REPO, 'apps', 'main.ts')}`;
/** Starting node, ts-node and the CLI takes seconds; deriving keys on a cold cache takes longer. */
const TIMEOUT_MS = 180_000;
const MASTER_SECRET_ERROR = 'synth failed: invalid master secret in environment variable CDK8S_SKUPPER_MASTER_SECRET: ' +
  'expected 64 hexadecimal characters (32 bytes), got 3 characters\n';

/** A project folder with the repository's cdk8s.yaml and a dist/ holding earlier output and files of others. */
function project(): string {
  const dir = tempDir('cdk8s-cli');
  const config = YAML.parse(fs.readFileSync(path.join(REPO, 'cdk8s.yaml'), 'utf8'));
  fs.writeFileSync(path.join(dir, 'cdk8s.yaml'), YAML.stringify({ ...config, app: APP }));
  if (fs.existsSync(TEST_KEY_CACHE)) {
    fs.cpSync(TEST_KEY_CACHE, path.join(dir, '.cdk8s-skupper', 'keys'), { recursive: true });
  }
  fs.mkdirSync(path.join(dir, 'dist', 'topologies', 'hub'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'dist', 'topologies', 'hub', 'Site.hub.k8s.yaml'), 'kind: Site\n');
  fs.writeFileSync(path.join(dir, 'dist', 'README.md'), 'rendered by CI\n');
  return dir;
}

function run(dir: string, command: string, args: string[], masterSecret: string): { status: number | null; stdout: string; stderr: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, CDK8S_CHECK_UPGRADE: 'false', CDK8S_SKUPPER_MASTER_SECRET: masterSecret, TS_NODE_PROJECT: path.join(REPO, 'tsconfig.json') };
  delete env.CDK8S_OUTDIR;
  const result = spawnSync(command, args, { cwd: dir, env, encoding: 'utf8', shell: false });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const cdk8sSynth = (dir: string, masterSecret: string) => run(dir, CDK8S, ['synth', '--no-check-upgrade'], masterSecret);

// One project for the two CLI runs: the first synthesizes, the second fails on top of its output.
const cli = { dir: '', first: { status: null as number | null, stdout: '', stderr: '' } };
beforeAll(() => {
  cli.dir = project();
  cli.first = cdk8sSynth(cli.dir, TEST_MASTER_SECRET_HEX);
}, TIMEOUT_MS);

test('cdk8s synth writes the cluster folders into dist/ and leaves everything else in dist/ alone', () => {
  const { dir, first } = cli;
  expect({ status: first.status, stderr: first.stderr }).toEqual({ status: 0, stderr: '' });
  const tree = readTree(path.join(dir, 'dist'));
  expect(tree.get('topologies/hub/Site.hub.k8s.yaml')).toBe('kind: Site\n');
  expect(tree.get('README.md')).toBe('rendered by CI\n');
  expect(tree.get('west/west/LinkGrant.grant-west.k8s.yaml')).toMatch(/^apiVersion: cdk8s-skupper.io\/v1alpha1\nkind: LinkGrant\n/);
  expect(fs.readdirSync(path.join(dir, 'dist')).sort()).toEqual(['README.md', 'east', 'topologies', 'west']);
  // What the CLI lists is the receipt naming the folders written.
  expect(first.stdout).toContain(`.cdk8s-skupper/cdk8s-cli/${CDK8S_CLI_RECEIPT}`);
  expect(YAML.parse(fs.readFileSync(path.join(dir, '.cdk8s-skupper', 'cdk8s-cli', CDK8S_CLI_RECEIPT), 'utf8')))
    .toEqual({ written: [path.join('dist', 'west'), path.join('dist', 'east')] });
});

test('a failed cdk8s synth leaves dist/ byte-for-byte as it was, and the app reports the error in one line', () => {
  const before = readTree(path.join(cli.dir, 'dist'));
  expect(before.size).toBeGreaterThan(2);
  const result = cdk8sSynth(cli.dir, 'xyz');
  expect(result.status).not.toBe(0);
  expect(readTree(path.join(cli.dir, 'dist'))).toEqual(before);
  // The app's part of stderr, before the CLI's own report of the exit code: the message, no source excerpt, no stack.
  const cliReport = result.stderr.indexOf('Error: command');
  expect(cliReport).toBeGreaterThan(0);
  expect(result.stderr.slice(0, cliReport)).toBe(MASTER_SECRET_ERROR);
}, TIMEOUT_MS);

test('the app run on its own prints a user error as one line and exits 1', () => {
  const [node, ...args] = APP.split(' ');
  expect(run(project(), node, args, 'xyz')).toEqual({ status: 1, stdout: '', stderr: MASTER_SECRET_ERROR });
}, TIMEOUT_MS);
