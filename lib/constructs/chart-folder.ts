import type { Chart } from 'cdk8s';

// Charts that name their own output folder: a Site is written to a folder named after the site,
// whatever its construct id. Kept here, not on Cluster, so that Cluster need not import Site.
const chartFolders = new WeakMap<Chart, string>();

/** Sets the name of the folder `chart` is written to inside its cluster's folder. */
export function nameChartFolder(chart: Chart, folder: string): void {
  chartFolders.set(chart, folder);
}

/** The folder name `chart` was given, if any. */
export function namedChartFolder(chart: Chart): string | undefined {
  return chartFolders.get(chart);
}
