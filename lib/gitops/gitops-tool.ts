import { Cluster } from '../constructs/cluster';

/** Name of the folder, next to the cluster folders, that GitOps objects are written to. */
export const GITOPS_FOLDER = '_gitops';

/** A synthesized cluster folder, as GitOps tools point at it. */
export interface ClusterFolder {
  /** The cluster. */
  readonly cluster: Cluster;
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

/** One file a GitOps tool writes. */
export interface GitOpsFile {
  /** Path relative to the tool's folder (`_gitops/<tool>/`), with `/` separators. */
  readonly path: string;
  /** The file's content. */
  readonly content: string;
}

/**
 * A GitOps tool whose objects (Argo CD Applications, Flux Kustomizations, ...) point at the
 * synthesized cluster folders. Implemented by {@link ArgoCd} and {@link Flux}.
 */
export interface IGitOpsTool {
  /** The sub-folder of `_gitops/` this tool writes to. */
  readonly folderName: string;
  /**
   * Checks the tool's settings against the clusters, and adjusts the clusters if the tool needs it
   * (e.g. annotations), before anything is synthesized. Throws on invalid settings.
   */
  prepare(clusters: readonly Cluster[]): void;
  /** The files to write for the synthesized cluster folders. Pure: equal inputs give equal files. */
  render(folders: readonly ClusterFolder[]): GitOpsFile[];
}
