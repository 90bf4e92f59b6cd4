import { ApiObject, App, Chart, DependencyGraph } from 'cdk8s';
import { Construct } from 'constructs';
import { appCharts, chartApiObjects } from '../../../lib/synth/cdk8s-order';
import { seededRandom } from '../../support/seeded-random';

/** cdk8s's own order (`chartToKube` in cdk8s's app.js). */
function cdk8sOrder(chart: Chart): ApiObject[] {
  return new DependencyGraph(chart.node).topology().filter((c): c is ApiObject => c instanceof ApiObject && Chart.of(c) === chart);
}

function obj(scope: Construct, id: string): ApiObject {
  return new ApiObject(scope, id, { apiVersion: 'v1', kind: 'ConfigMap' });
}

/** A chart with objects at several depths, a nested chart, and numeric ids (JavaScript orders integer keys first). */
function chart(app: App, id: string): { chart: Chart; objects: ApiObject[] } {
  const top = new Chart(app, id);
  const group = new Construct(top, '7');
  const objects = [obj(top, 'b'), obj(group, 'a'), obj(top, '1'), obj(group, '0'), obj(top, 'c')];
  obj(new Chart(top, 'nested'), 'inner');
  return { chart: top, objects };
}

test('objects come in cdk8s\'s order: without dependencies, with dependencies inside the chart, on other charts and on other apps', () => {
  const app = new App();
  const plain = chart(app, '5');
  expect(chartApiObjects(plain.chart)).toEqual(cdk8sOrder(plain.chart));
  expect(chartApiObjects(plain.chart).map(o => o.node.id)).toEqual(['1', '0', 'a', 'b', 'c']);

  const inner = chart(app, 'inner');
  inner.objects[0].addDependency(inner.objects[4]);
  inner.objects[1].addDependency(inner.objects[2]);
  expect(chartApiObjects(inner.chart)).toEqual(cdk8sOrder(inner.chart));
  expect(chartApiObjects(inner.chart).map(o => o.node.id)).not.toEqual(['1', '0', 'a', 'b', 'c']);

  const onOtherChart = chart(app, 'other');
  onOtherChart.chart.addDependency(plain.chart);
  onOtherChart.objects[3].addDependency(plain.objects[0]);
  expect(chartApiObjects(onOtherChart.chart)).toEqual(cdk8sOrder(onOtherChart.chart));

  const onOtherApp = chart(app, 'app');
  const elsewhere = chart(new App(), 'app');
  onOtherApp.objects[0].addDependency(elsewhere.objects[4]);   // the same path as onOtherApp.objects[4]
  expect(chartApiObjects(onOtherApp.chart)).toEqual(cdk8sOrder(onOtherApp.chart));
  expect(chartApiObjects(onOtherApp.chart).map(o => o.node.id)).not.toEqual(['1', '0', 'a', 'b', 'c']);
});

/** A small deterministic generator, so every run checks the same trees. */
/** An app of charts (some with integer ids, some nested) and objects, each construct depending on earlier ones at random (so no cycle). */
function randomApp(seed: number): { app: App; constructs: Construct[] } {
  const next = seededRandom(seed);
  const app = new App();
  const constructs: Construct[] = [];
  const charts: Chart[] = [];
  for (let i = 0; i < 12; i++) {
    const id = next(3) === 0 ? String(next(20)) : `chart-${i}`;
    const parent = charts.length > 0 && next(4) === 0 ? charts[next(charts.length)] : app;
    if (parent.node.tryFindChild(id)) continue;
    const chart = new Chart(parent, id);
    charts.push(chart);
    constructs.push(chart);
    for (let j = next(4); j > 0; j--) constructs.push(obj(chart, `obj-${j}`));
  }
  for (let i = 1; i < constructs.length; i++) {
    for (let k = next(3); k > 0; k--) constructs[i].node.addDependency(constructs[next(i)]);
  }
  return { app, constructs };
}

test('charts come in cdk8s\'s order (app.charts) in random apps: integer ids, nested charts, dependencies between charts and objects', () => {
  for (let seed = 1; seed <= 60; seed++) {
    const { app } = randomApp(seed);
    expect([seed, appCharts(app).map(c => c.node.path)]).toEqual([seed, app.charts.map(c => c.node.path)]);
  }
});

test('a cycle gives cdk8s\'s error, and a dependency on another app cdk8s\'s order', () => {
  const { app, constructs } = randomApp(7);
  const other = randomApp(8);
  constructs[2].node.addDependency(other.constructs[3]);
  expect(appCharts(app)).toEqual(app.charts);
  constructs[1].node.addDependency(constructs[constructs.length - 1]);
  constructs[constructs.length - 1].node.addDependency(constructs[1]);
  expect(() => app.charts).toThrow(/cycle/);
  expect(() => appCharts(app)).toThrow(/cycle/);
});
