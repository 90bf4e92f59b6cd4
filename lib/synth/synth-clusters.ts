import { writeOutputFolders } from './output-folders';
import { clusterOutputFolder, renderClusters } from './render-cluster';
import type { ISynthesizableCluster } from './synthesizable-cluster';

/**
 * Synthesizes several clusters all or nothing: every cluster is validated and rendered in memory,
 * and every output folder checked, before any folder is written; then each cluster folder is
 * replaced as a whole. A failure at any point leaves every previous folder exactly as it was, and
 * nothing next to the cluster folders is touched. Refuses to replace a non-empty folder that
 * cdk8s-skupper did not write.
 */
export function synthClusters(clusters: readonly ISynthesizableCluster[]): void {
  writeOutputFolders(renderClusters(clusters).map(clusterOutputFolder));
}
