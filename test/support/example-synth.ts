import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as YAML from 'yaml';
import { exampleClusters, ExampleOptions } from '../../apps/example';
import { MasterSecret, synthClusters } from '../../lib';

/** The fixed master secret of the tests, as hex (e.g. for $CDK8S_SKUPPER_MASTER_SECRET of an app run in a test). */
export const TEST_MASTER_SECRET_HEX = '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff';

/** A fixed master secret for tests, so outputs are comparable across runs. */
export const TEST_MASTER_SECRET = MasterSecret.fromHex(TEST_MASTER_SECRET_HEX);

/**
 * The key cache of tests on default (Ed25519) grant servers. They derive no RSA key, so it stays
 * empty: a cache holding a grant server's RSA key would make its synth refuse the Ed25519 default.
 */
export const TEST_KEY_CACHE = path.join(os.tmpdir(), 'cdk8s-skupper-test-keys-default');

/**
 * Derived RSA keys of tests that choose GrantServerKeyAlgorithm.RSA_2048, cached across test runs
 * (the derivation is what is tested, not the 4 s it takes).
 */
export const TEST_RSA_KEY_CACHE = path.join(os.tmpdir(), 'cdk8s-skupper-test-keys');

const synthesizedDirs: string[] = [];
// Remove the synthesized folders after the importing test file, so runs do not pile up in /tmp
// (this module is imported at collection time, where jest allows registering hooks). Benchmarks
// load it outside jest, where there is no afterAll: they clean up their own output folder.
if (typeof afterAll === 'function') {
  afterAll(() => synthesizedDirs.splice(0).forEach(dir => fs.rmSync(dir, { recursive: true, force: true })));
}

/** Synthesizes the example app into a fresh temp folder (removed when the process ends) and returns the folder. */
export function synthExample(options: ExampleOptions = {}): string {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-skupper-synth-'));
  synthesizedDirs.push(outdir);
  synthClusters(exampleClusters({ masterSecret: TEST_MASTER_SECRET, keyCacheDir: TEST_KEY_CACHE, ...options, outdir }));
  return outdir;
}

/** Every file under `dir` (relative path → content), sorted by path. */
export function readTree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (sub: string) => {
    for (const entry of fs.readdirSync(path.join(dir, sub), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const rel = path.join(sub, entry.name);
      if (entry.isDirectory()) walk(rel); else files.set(rel, fs.readFileSync(path.join(dir, rel), 'utf8'));
    }
  };
  walk('');
  return files;
}

/** Every Kubernetes object in the synthesized tree (kustomization.yaml files excluded). */
export function readObjects(dir: string): Array<{ file: string; obj: any }> {
  return [...readTree(dir)].filter(([file]) => !file.endsWith('kustomization.yaml'))
    .flatMap(([file, text]) => YAML.parseAllDocuments(text).map(d => ({ file, obj: d.toJS() })));
}
