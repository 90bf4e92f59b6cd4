import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** Paths of the test binaries built by tools/build-test-binaries.sh (the cache lives outside the repo). */
export interface TestBinaries {
  readonly kubeApiserver: string;
  readonly kubeControllerManager: string;
  readonly etcd: string;
  readonly sealedSecretsController: string;
  readonly kubeseal: string;
  /** Skupper 2.2.1 controller, built from ../shared/vendor. */
  readonly skupperController: string;
  /** skupper-router 3.5.1 (Proton linked in statically). */
  readonly skrouterd: string;
  /** The router's management tool (Python), run with /usr/bin/python3 and routerPythonPath. */
  readonly skmanage: string;
  /** Where Proton's Python binding was installed (PYTHONPATH for skmanage). */
  readonly routerPythonPath: string;
}

/** The cache folder of tools/build-test-binaries.sh. */
export function testBinaryCache(): string {
  return path.join(process.env.CDK8S_SKUPPER_CACHE ?? path.join(os.homedir(), '.cache', 'cdk8s-skupper'), 'bin');
}

/** Reads the manifest of built binaries; throws (never skips) when they are missing. */
export function testBinaries(): TestBinaries {
  const manifest = path.join(testBinaryCache(), 'current.json');
  if (!fs.existsSync(manifest)) {
    throw new Error(`test binaries not built: ${manifest} is missing; run \`npm run build-test-binaries\` (npm test does it first)`);
  }
  const binaries = JSON.parse(fs.readFileSync(manifest, 'utf8')) as TestBinaries;
  for (const [name, file] of Object.entries(binaries)) {
    if (!fs.existsSync(file)) {
      throw new Error(`test binary ${name} listed in ${manifest} is missing at ${file}; run \`npm run build-test-binaries\``);
    }
  }
  return binaries;
}
