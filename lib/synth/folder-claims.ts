import * as path from 'path';
import type { ISynthesizableCluster } from './synthesizable-cluster';

/**
 * The clusters' output folders (resolved paths), claimed one at a time: a folder that is another
 * cluster's, or inside or around another's, is refused. Found through the folder's ancestors, a
 * lookup per level, rather than by comparing every pair of folders, which for the 1,001 clusters
 * of a hub was half a million comparisons. As in the pairwise comparison, the file system root
 * counts as no folder's parent. Claimed folders never overlap one another, so a new folder
 * overlaps at most one claim at or above it, and `around` keeps the first claim below each folder.
 */
export class FolderClaims {
  private readonly claimed = new Map<string, ISynthesizableCluster>();
  /** Each folder (but the root) around a claimed one: the first cluster claimed inside it. */
  private readonly around = new Map<string, ISynthesizableCluster>();

  /** Claims `folder` for `cluster`; when it overlaps, claims nothing and returns the cluster it overlaps. */
  public claim(folder: string, cluster: ISynthesizableCluster): ISynthesizableCluster | undefined {
    const ancestors: string[] = [];
    for (let parent = path.dirname(folder); parent !== path.dirname(parent); parent = path.dirname(parent)) ancestors.push(parent);
    for (const claimedAtOrAbove of [folder, ...ancestors]) {
      const other = this.claimed.get(claimedAtOrAbove);
      if (other !== undefined) return other;
    }
    const inside = this.around.get(folder);
    if (inside !== undefined) return inside;
    this.claimed.set(folder, cluster);
    for (const ancestor of ancestors) {
      if (!this.around.has(ancestor)) this.around.set(ancestor, cluster);
    }
    return undefined;
  }
}
