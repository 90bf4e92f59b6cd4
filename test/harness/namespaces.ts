import * as crypto from 'crypto';
import { kubectl } from './kubectl';
import type { HasKubeconfig } from './test-cluster';

/**
 * Creates a namespace with a unique name (`<prefix>-<random>`) so tests sharing the clusters do
 * not see each other's objects. Returns its name.
 */
export async function createTestNamespace(cluster: HasKubeconfig, prefix: string): Promise<string> {
  const name = `${prefix}-${crypto.randomBytes(4).toString('hex')}`.slice(0, 63);
  await kubectl(cluster, ['create', 'namespace', name]);
  return name;
}
