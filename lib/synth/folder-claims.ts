import * as path from 'path';
import type { ISynthesizableCluster } from './synthesizable-cluster';

interface Claim {
  readonly cluster: ISynthesizableCluster;
  /** Claims are numbered, so that of several overlapping folders the first claimed is named. */
  readonly index: number;
}

/**
 * The clusters' output folders (resolved paths), claimed one at a time: a folder that is another
 * cluster's, or inside or around another's, is refused. Found through the folder's ancestors, a
 * lookup per level, rather than by comparing every pair of folders, which for the 1,001 clusters
 * of a hub was half a million comparisons. As in the pairwise comparison, the file system root
 * counts as no folder's parent.
 */
export class FolderClaims {
  private readonly claimed = new Map<string, Claim>();
  /** Each folder (but the root) around a claimed one: the first claim inside it. */
  private readonly around = new Map<string, Claim>();

  /** Claims `folder` for `cluster`; when it overlaps, claims nothing and returns the first cluster it overlaps. */
  public claim(folder: string, cluster: ISynthesizableCluster): ISynthesizableCluster | undefined {
    const ancestors: string[] = [];
    for (let parent = path.dirname(folder); parent !== path.dirname(parent); parent = path.dirname(parent)) ancestors.push(parent);
    const overlapping = [folder, ...ancestors].map(f => this.claimed.get(f));
    overlapping.push(this.around.get(folder));
    const first = overlapping.reduce<Claim | undefined>((a, b) => (b === undefined || (a !== undefined && a.index < b.index) ? a : b), undefined);
    if (first !== undefined) return first.cluster;
    const claim = { cluster, index: this.claimed.size };
    this.claimed.set(folder, claim);
    for (const ancestor of ancestors) {
      if (!this.around.has(ancestor)) this.around.set(ancestor, claim);
    }
    return undefined;
  }
}
