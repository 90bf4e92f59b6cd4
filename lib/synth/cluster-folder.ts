import type { ISynthesizableCluster } from './synthesizable-cluster';

/** A synthesized cluster folder, as GitOps tools point at it. */
export interface ClusterFolder {
  /** The cluster. */
  readonly cluster: ISynthesizableCluster;
  /** The cluster's name (and folder name). */
  readonly name: string;
  /**
   * The chart folder holding the cdk8s-skupper CRDs (e.g. `0000-crds`).
   * @default - the cluster does not include the CRDs
   */
  readonly crdsFolder?: string;
  /** The other chart folders (one per site), in apply order. */
  readonly siteFolders: readonly string[];
}
