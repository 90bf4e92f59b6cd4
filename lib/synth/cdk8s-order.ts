import { ApiObject, App, Chart, DependencyGraph } from 'cdk8s';
import type { IConstruct } from 'constructs';

// cdk8s renders in the order of a DependencyGraph (every construct of a tree a vertex, keyed by
// path, each dependency an edge, roots in key order, then a post-order walk). Building one per
// chart and one per cluster cost a 1,001-cluster hub more than rendering the objects in them; the
// same order comes from the construct tree directly. Vertices are keyed by path, and only a
// top-level path can be an integer key, which JavaScript orders first. A dependency on another
// construct tree (whose paths may coincide with this one's) or a cycle (which cdk8s refuses) takes
// cdk8s's own way, to give its answer or its error.

/** `app.charts`: the charts of the app in dependency order; `all` is `app.node.findAll()`, when the caller has it. */
export function appCharts(app: App, all: IConstruct[] = app.node.findAll()): Chart[] {
  const inTree = new Set<IConstruct>(all);
  const dependencies = new Map<IConstruct, IConstruct[]>();
  const dependedOn = new Set<IConstruct>();
  for (const source of all) {
    for (const target of source.node.dependencies) {
      if (!inTree.has(target)) return cdk8sCharts(app);
      const targets = dependencies.get(source) ?? [];
      dependencies.set(source, targets);
      if (!targets.includes(target)) targets.push(target);
      dependedOn.add(target);
    }
  }
  const integerKeyed = app.node.children.filter(c => ARRAY_INDEX.test(c.node.id) && Number(c.node.id) < 2 ** 32 - 1)
    .sort((a, b) => Number(a.node.id) - Number(b.node.id));
  const roots = [...integerKeyed, ...all.filter(c => !integerKeyed.includes(c))].filter(c => !dependedOn.has(c));
  const done = new Set<IConstruct>();
  const visiting = new Set<IConstruct>();
  const order: IConstruct[] = [];
  const visit = (c: IConstruct): boolean => {
    if (done.has(c)) return true;
    if (visiting.has(c)) return false;
    visiting.add(c);
    if (!(dependencies.get(c) ?? []).every(visit)) return false;
    visiting.delete(c);
    done.add(c);
    order.push(c);
    return true;
  };
  // A cycle, or a part of the graph that only a cycle reaches: cdk8s's error.
  if (!roots.every(visit) || order.length !== all.length) return cdk8sCharts(app);
  return order.filter((c): c is Chart => c instanceof Chart);
}

/** The ApiObjects that `chart.toJson()` renders, in its order (cdk8s's `chartToKube`, nested charts' objects left out). */
export function chartApiObjects(chart: Chart): ApiObject[] {
  const subtree = chart.node.findAll();
  const inSubtree = new Set<IConstruct>(subtree);
  const root = chart.node.root;
  // Without an edge inside the subtree, every vertex is a root, in the order of findAll (the chart's own path is the only one that can be an integer).
  const innerEdge = subtree.some(c => c.node.dependencies.some(target => inSubtree.has(target) || target.node.root !== root));
  const ordered = innerEdge ? new DependencyGraph(chart.node).topology() : subtree;
  return ordered.filter((c): c is ApiObject => c instanceof ApiObject && Chart.of(c) === chart);
}

const ARRAY_INDEX = /^(0|[1-9][0-9]*)$/;

function cdk8sCharts(app: App): Chart[] {
  return new DependencyGraph(app.node).topology().filter((c): c is Chart => c instanceof Chart);
}
