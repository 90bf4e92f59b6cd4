import * as fs from 'fs';
import * as path from 'path';
import { Cluster, synthClusters } from '../constructs/cluster';
import { KUSTOMIZATION_MARKER } from '../constructs/kustomization';
import { ClusterFolder, GITOPS_FOLDER, IGitOpsTool } from './gitops-tool';

/**
 * Synthesizes the clusters (all validated before any folder is written, as `synthClusters`) and
 * writes the GitOps objects of `tools` into `<outdir>/_gitops/<tool>/`, where `<outdir>` is the
 * folder holding the cluster folders. `_gitops` is replaced as a whole; with no tools, a previous
 * `_gitops` folder written by cdk8s-skupper is removed.
 */
export function synthClustersWithGitOps(clusters: readonly Cluster[], tools: readonly IGitOpsTool[]): void {
  const folderNames = tools.map(tool => tool.folderName);
  const twice = folderNames.find((name, index) => folderNames.indexOf(name) !== index);
  if (twice !== undefined) {
    throw new Error(`two GitOps tools write to the folder "${twice}": request each tool (ArgoCd, Flux) once`);
  }
  const parent = commonParent(clusters, tools.length > 0);
  const gitOpsDir = parent === undefined ? undefined : path.join(parent, GITOPS_FOLDER);
  // Everything that can fail on input runs before anything is written.
  for (const tool of tools) {
    tool.prepare(clusters);
  }
  const notOurs = gitOpsDir === undefined ? undefined : foreignEntry(gitOpsDir);
  if (tools.length > 0 && notOurs !== undefined) {
    throw new Error(`refusing to replace GitOps folder "${gitOpsDir}": "${notOurs}" in it was not written by cdk8s-skupper`);
  }
  synthClusters(clusters);
  if (gitOpsDir === undefined || notOurs !== undefined) {
    return;
  }
  fs.rmSync(gitOpsDir, { recursive: true, force: true });
  const folders = clusters.map(clusterFolder);
  for (const tool of tools) {
    for (const file of tool.render(folders)) {
      const target = path.join(gitOpsDir, tool.folderName, ...file.path.split('/'));
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, file.content);
    }
  }
}

/** The folder holding every cluster's folder; GitOps output needs them side by side. */
function commonParent(clusters: readonly Cluster[], required: boolean): string | undefined {
  const parents = [...new Set(clusters.map(cluster => path.dirname(cluster.outdir)))];
  if (parents.length === 1) {
    return parents[0];
  }
  if (required) {
    throw new Error(`the GitOps output needs all cluster folders in one folder, but they are in ${parents.map(p => `"${p}"`).join(', ')}: ` +
      'give every cluster an outdir of <same folder>/<cluster>');
  }
  return undefined;
}

/** What synthesis wrote for one cluster: its chart folders, the CRDs (if any) first. */
function clusterFolder(cluster: Cluster): ClusterFolder {
  const charts = fs.readdirSync(cluster.outdir, { withFileTypes: true })
    .filter(entry => entry.isDirectory()).map(entry => entry.name).sort();
  if (cluster.crds === undefined) {
    return { cluster, name: cluster.name, siteFolders: charts };
  }
  // Sites depend on the CRDs chart, so cdk8s writes it first (0000-crds).
  if (charts.length === 0 || !/^(\d{4}-)?crds$/.test(charts[0])) {
    throw new Error(`cluster folder "${cluster.outdir}" does not start with the CRDs folder (found ${charts.join(', ') || 'nothing'})`);
  }
  return { cluster, name: cluster.name, crdsFolder: charts[0], siteFolders: charts.slice(1) };
}

/** The first entry of `dir` that cdk8s-skupper did not write, or undefined (also when `dir` does not exist). */
function foreignEntry(dir: string): string | undefined {
  if (!fs.existsSync(dir)) {
    return undefined;
  }
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const marker = path.join(dir, entry.name, 'kustomization.yaml');
    const ours = entry.isDirectory() && fs.existsSync(marker) && fs.readFileSync(marker, 'utf8').startsWith(KUSTOMIZATION_MARKER);
    if (!ours) {
      return entry.name;
    }
  }
  return undefined;
}
