import type { Chart } from 'cdk8s';
import type { IConstruct } from 'constructs';

/**
 * What synthesis needs of a cluster: a construct tree of charts and where its folder goes.
 * Implemented by {@link Cluster}; declared here so that synthesis and the GitOps tools depend on
 * this shape, not on the constructs (which call them).
 */
export interface ISynthesizableCluster extends IConstruct {
  /** The cluster's name; also the name of its folder. */
  readonly name: string;
  /** The folder the cluster's files are written to. */
  readonly outdir: string;
  /** The charts, each rendered into a folder of its own. */
  readonly charts: Chart[];
  /**
   * The chart holding the cdk8s-skupper CRDs: rendered first, and pointed at separately by GitOps tools.
   * @default - the cluster does not include the CRDs
   */
  readonly crds?: Chart;
  /** The name of the folder `chart` is written to, inside the cluster folder. */
  chartFolder(chart: Chart): string;
}
