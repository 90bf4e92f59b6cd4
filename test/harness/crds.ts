import * as fs from 'fs';
import * as path from 'path';
import { CRD_DIRS } from './paths';
import { kubectl } from './kubectl';
import type { HasKubeconfig } from './test-cluster';

/** Every CRD file installed into the test clusters: Skupper's, Sealed Secrets' and ours. */
export function crdFiles(): string[] {
  return Object.values(CRD_DIRS).flatMap((dir) =>
    fs
      .readdirSync(dir)
      .filter((file) => file.endsWith('.yaml'))
      .sort()
      .map((file) => path.join(dir, file)),
  );
}

/**
 * Installs the CRDs and waits until each is Established (served). Server-side apply, because
 * some CRDs are too big for the last-applied-configuration annotation of client-side apply.
 * Returns the CRD names.
 */
export async function installCrds(cluster: HasKubeconfig): Promise<string[]> {
  const args = ['apply', '--server-side', '--field-manager=test-harness', '-o', 'name'];
  for (const file of crdFiles()) args.push('-f', file);
  const names = (await kubectl(cluster, args)).split('\n').filter((line) => line.trim() !== '');
  await kubectl(cluster, ['wait', '--for', 'condition=established', '--timeout=120s', ...names], { timeoutMs: 150_000 });
  return names.map((name) => name.replace(/^customresourcedefinition\.apiextensions\.k8s\.io\//, ''));
}
