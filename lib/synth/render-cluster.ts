import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, App, Chart } from 'cdk8s';
import type { IConstruct } from 'constructs';
import { appCharts, chartApiObjects } from './cdk8s-order';
import type { ClusterFolder } from './cluster-folder';
import { FolderClaims } from './folder-claims';
import { hasOurKustomization, kustomizationYaml } from './kustomization';
import { jsonManifest, ObjectManifest, objectManifest } from './object-manifest';
import type { OutputFolder } from './output-folders';
import type { ISynthesizableCluster } from './synthesizable-cluster';

/**
 * The folder of the cdk8s-skupper CRDs chart. Fixed, and sorting before any site folder, so the
 * CRDs come first in every listing whatever the sites are called.
 */
export const CRDS_FOLDER = '0000-crds';

/** One cluster's folder, rendered in memory: nothing is written yet. */
export interface RenderedCluster {
  readonly cluster: ISynthesizableCluster;
  /** Every file of the cluster folder: path relative to it, with `/` separators, and content. */
  readonly files: ReadonlyMap<string, string>;
  /** The chart folders, as GitOps tools point at them. */
  readonly folder: ClusterFolder;
}

/**
 * Validates `clusters` (unique names and output folders, every construct validation, unique
 * folder and file names) and renders each into memory, so that nothing is written unless all of
 * them can be.
 */
export function renderClusters(clusters: readonly ISynthesizableCluster[]): RenderedCluster[] {
  const names = new Set<string>();
  const folders = new FolderClaims();
  for (const cluster of clusters) {
    if (names.has(cluster.name)) {
      throw new Error(`duplicate cluster name "${cluster.name}": every cluster needs its own name and output folder`);
    }
    names.add(cluster.name);
    const other = folders.claim(path.resolve(cluster.outdir), cluster);
    if (other !== undefined) {
      throw new Error(`clusters "${other.name}" and "${cluster.name}" write to overlapping output folders ` +
        `("${other.outdir}" and "${cluster.outdir}"): give each cluster a folder of its own`);
    }
  }
  return clusters.map(renderCluster);
}

/**
 * One cluster's folder: a folder per chart named after the chart, not after its position
 * (`0000-crds`, then one per site named after the site; other charts after their id), one file
 * `<Kind>.<name>.k8s.yaml` per object, and kustomization.yaml files listing them. Names depend
 * only on what is declared, never on declaration order, so adding a site renames nothing.
 */
export function renderCluster(cluster: ISynthesizableCluster): RenderedCluster {
  // One walk of the tree for the three steps: validations look at constructs, they do not add any.
  const constructs = cluster.node.findAll();
  validateConstructs(cluster, constructs);
  resolveChartDependencies(cluster, constructs);
  const files = new Map<string, string>();
  const chartFolders = new Map<string, Chart>();
  for (const chart of clusterCharts(cluster, constructs)) {
    const folder = cluster.chartFolder(chart);
    const taken = chartFolders.get(folder);
    if (taken !== undefined) {
      throw new Error(`charts "${taken.node.path}" and "${chart.node.path}" of cluster "${cluster.name}" would both be written to ` +
        `folder "${folder}": give one of them another name`);
    }
    chartFolders.set(folder, chart);
    const objectFiles = new Map<string, string>();
    for (const obj of chartManifests(chart)) {
      if (obj === undefined) continue;
      // cdk8s's own file naming, so a file keeps its name whichever way it is written.
      const file = `${obj.kind}.${obj.name}`.replace(/[^0-9a-zA-Z-_.]/g, '') + '.k8s.yaml';
      const where = `${obj.namespace ?? '(cluster)'}/${obj.name}`;
      if (objectFiles.has(file)) {
        throw new Error(`two ${obj.kind} objects named "${obj.name}" in chart "${chart.node.id}" of cluster ` +
          `"${cluster.name}" (${objectFiles.get(file)} and ${where}): names must be unique per kind within a site`);
      }
      objectFiles.set(file, where);
      files.set(`${folder}/${file}`, obj.yaml);
    }
    files.set(`${folder}/kustomization.yaml`, kustomizationYaml([...objectFiles.keys()].sort()));
  }
  const crdsFolder = cluster.crds === undefined ? undefined : CRDS_FOLDER;
  const siteFolders = [...chartFolders.keys()].filter(folder => folder !== crdsFolder).sort();
  files.set('kustomization.yaml', kustomizationYaml(crdsFolder === undefined ? siteFolders : [crdsFolder, ...siteFolders]));
  return { cluster, files, folder: { cluster, name: cluster.name, crdsFolder, siteFolders } };
}

/** `cluster.charts`, which for a cdk8s App (a Cluster) comes without building its dependency graph. */
function clusterCharts(cluster: ISynthesizableCluster, constructs: IConstruct[]): readonly Chart[] {
  return cluster instanceof App && chartsGetter(cluster) === chartsGetter(App.prototype) ? appCharts(cluster, constructs) : cluster.charts;
}

function chartsGetter(object: object): unknown {
  for (let o: object | null = object; o !== null; o = Object.getPrototypeOf(o)) {
    const descriptor = Object.getOwnPropertyDescriptor(o, 'charts');
    if (descriptor !== undefined) return descriptor.get ?? descriptor.value;
  }
  return undefined;
}

/** What replaces the cluster's folder: refused when the folder there was not written by cdk8s-skupper. */
export function clusterOutputFolder(rendered: RenderedCluster): OutputFolder {
  return {
    dir: rendered.cluster.outdir,
    files: rendered.files,
    refusal: (dir) => {
      if (!fs.statSync(dir).isDirectory()) {
        return `refusing to replace output folder "${dir}": it is a file, not a folder written by cdk8s-skupper`;
      }
      return fs.readdirSync(dir).length === 0 || hasOurKustomization(dir)
        ? undefined
        : `refusing to replace output folder "${dir}": it is not empty and was not written by cdk8s-skupper`;
    },
  };
}

/** Construct validations (addValidation), all of them at once, each with the construct's path. */
function validateConstructs(cluster: ISynthesizableCluster, constructs: IConstruct[]): void {
  const errors = constructs.flatMap(c => c.node.validate().map(e => `[${c.node.path}] ${e}`));
  if (errors.length > 0) {
    throw new Error(`validation of cluster "${cluster.name}" failed:\n  ${errors.join('\n  ')}`);
  }
}

/**
 * What `chart.toJson()` gives (every object of the chart resolved, in dependency order), as YAML,
 * without what cdk8s repeats there for every chart: resolving the dependencies of the whole app and
 * validating all of it. Both are done once per cluster here (`resolveChartDependencies`,
 * `validateConstructs`, which throws where cdk8s's validation would).
 */
function chartManifests(chart: Chart): Array<ObjectManifest | undefined> {
  if (chart.toJson !== Chart.prototype.toJson) {   // a chart that renders itself
    return chart.toJson().map(obj => obj === undefined ? undefined : jsonManifest(obj));
  }
  return chartApiObjects(chart).map(objectManifest);
}

/**
 * The dependencies cdk8s derives before rendering a chart (`resolveDependencies` in cdk8s's app.js,
 * which `chart.toJson()` runs over the whole app each time; running it again adds nothing): a
 * chart depends on the charts nested in it and on the charts its constructs depend on, and an
 * object on the objects of the constructs its construct depends on.
 */
function resolveChartDependencies(cluster: ISynthesizableCluster, all: IConstruct[]): void {
  const subtrees = new Map<IConstruct, IConstruct[]>();
  const subtree = (c: IConstruct) => {
    let found = subtrees.get(c);
    if (found === undefined) {
      found = c.node.findAll();
      subtrees.set(c, found);
    }
    return found;
  };
  subtrees.set(cluster, all);
  for (const parent of all.filter(c => c instanceof Chart)) {
    for (const child of parent.node.children.filter(c => c instanceof Chart)) parent.node.addDependency(child);
  }
  const dependencies = () => all.flatMap(source => source.node.dependencies.map(target => ({ source, target })));
  for (const { source, target } of dependencies()) {
    const sourceChart = Chart.of(source);
    const targetChart = Chart.of(target);
    if (sourceChart !== targetChart) sourceChart.node.addDependency(targetChart);
  }
  for (const { source, target } of dependencies()) {
    const sourceChart = Chart.of(source);
    const targetChart = Chart.of(target);
    const targetObjects = subtree(target).filter(c => c instanceof ApiObject && Chart.of(c) === targetChart);
    const sourceObjects = subtree(source).filter(c => c instanceof ApiObject && Chart.of(c) === sourceChart);
    for (const targetObject of targetObjects) {
      for (const sourceObject of sourceObjects) {
        if (targetObject !== sourceObject) sourceObject.node.addDependency(targetObject);
      }
    }
  }
}
