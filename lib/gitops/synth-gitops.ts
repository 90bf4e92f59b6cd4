import * as fs from 'fs';
import * as path from 'path';
import { hasOurKustomization } from '../synth/kustomization';
import { OutputFolder, writeOutputFolders } from '../synth/output-folders';
import { clusterOutputFolder, renderClusters } from '../synth/render-cluster';
import type { ISynthesizableCluster } from '../synth/synthesizable-cluster';
import { GITOPS_FOLDER, IGitOpsTool } from './gitops-tool';

/**
 * Synthesizes the clusters (all validated and rendered before any folder is written, as
 * `synthClusters`) and writes the GitOps objects of `tools` into `<outdir>/_gitops/<tool>/`,
 * where `<outdir>` is the folder holding the cluster folders, in the same all-or-nothing step.
 * `_gitops` is replaced as a whole; with no tools, a previous `_gitops` folder written by
 * cdk8s-skupper is removed.
 */
export function synthClustersWithGitOps(clusters: readonly ISynthesizableCluster[], tools: readonly IGitOpsTool[]): void {
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
  const rendered = renderClusters(clusters);
  const outputs: OutputFolder[] = rendered.map(clusterOutputFolder);
  if (gitOpsDir !== undefined && tools.length > 0) {
    const files = new Map<string, string>();
    const folders = rendered.map(cluster => cluster.folder);
    for (const tool of tools) {
      for (const file of tool.render(folders)) {
        files.set(`${tool.folderName}/${file.path}`, file.content);
      }
    }
    outputs.push({ dir: gitOpsDir, files, refusal: gitOpsRefusal });
  } else if (gitOpsDir !== undefined && fs.existsSync(gitOpsDir) && gitOpsRefusal(gitOpsDir) === undefined) {
    // No tool requested: remove the GitOps objects of an earlier synth (a folder with anything else in it stays).
    outputs.push({ dir: gitOpsDir, refusal: gitOpsRefusal });
  }
  writeOutputFolders(outputs);
}

/** The folder holding every cluster's folder; GitOps output needs them side by side. */
function commonParent(clusters: readonly ISynthesizableCluster[], required: boolean): string | undefined {
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

/** Why `dir` may not be replaced: the first entry in it that cdk8s-skupper did not write. */
function gitOpsRefusal(dir: string): string | undefined {
  if (!fs.statSync(dir).isDirectory()) {
    return `refusing to replace GitOps folder "${dir}": it is a file, not a folder written by cdk8s-skupper`;
  }
  const foreign = fs.readdirSync(dir, { withFileTypes: true })
    .find(entry => !(entry.isDirectory() && hasOurKustomization(path.join(dir, entry.name))));
  return foreign === undefined ? undefined : `refusing to replace GitOps folder "${dir}": "${foreign.name}" in it was not written by cdk8s-skupper`;
}
