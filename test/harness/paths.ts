import * as path from 'path';

// Everything a test run writes lives under <repo>/.test-output (git-ignored), so a failed run
// leaves its logs in a predictable place and nothing lands in the source tree.

/** The repository root (this file is <repo>/test/harness/paths.ts). */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** Scratch output of tests. */
export const TEST_OUTPUT_DIR = path.join(REPO_ROOT, '.test-output');

/** One folder per test run, each holding one folder per cluster. */
export const CLUSTER_RUNS_DIR = path.join(TEST_OUTPUT_DIR, 'clusters');

/** Connection info of the clusters of the newest run (each run also keeps its own copy). */
export const LATEST_CLUSTERS_FILE = path.join(TEST_OUTPUT_DIR, 'clusters.json');

/** Environment variable pointing test workers at the connection info of *their* run. */
export const CLUSTERS_FILE_ENV = 'CDK8S_SKUPPER_TEST_CLUSTERS';

/** CRD files installed into every test cluster. */
export const CRD_DIRS = {
  skupper: path.join(REPO_ROOT, 'crds', 'skupper'),
  sealedSecrets: path.join(REPO_ROOT, 'crds', 'sealed-secrets'),
  cdk8sSkupper: path.join(REPO_ROOT, 'crds', 'cdk8s-skupper'),
} as const;
