import type { ClusterFolder } from '../synth/cluster-folder';
import type { ISynthesizableCluster } from '../synth/synthesizable-cluster';

// Declared with synthesis, which renders it; exported here too, where GitOps tools were always given it.
export type { ClusterFolder };

export { GITOPS_FOLDER } from '../api/output-layout';

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
  prepare(clusters: readonly ISynthesizableCluster[]): void;
  /** The files to write for the synthesized cluster folders. Pure: equal inputs give equal files. */
  render(folders: readonly ClusterFolder[]): GitOpsFile[];
}
