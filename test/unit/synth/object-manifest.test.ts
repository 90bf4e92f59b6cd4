import { ApiObject, App, Chart, IResolver, JsonPatch, ResolutionContext } from 'cdk8s';
import { Cluster } from '../../../lib';
import { deepFreeze } from '../../../lib/constructs/deep-freeze';
import { jsonManifest, objectManifest } from '../../../lib/synth/object-manifest';
import { tempDir, testCluster } from '../topology/topology-test-support';

// Objects whose toJson() depends only on their frozen props and metadata are rendered once per
// distinct input (the CRDs of a 1,000-cluster hub); everything else every time.

const crd = (cluster: Cluster) => cluster.crds!.node.children.find((c): c is ApiObject => c instanceof ApiObject)!;

/**
 * An ApiObject in a chart of a plain cdk8s app with `resolvers` (the app then adds cdk8s's own).
 * Its props are frozen around `props` (which stay as given), so only `props` decide whether the
 * object may be remembered.
 */
function object(props: object, resolvers: IResolver[] = []): ApiObject {
  return new ApiObject(new Chart(new App({ resolvers }), 'chart'), 'obj',
    Object.freeze({ apiVersion: 'v1', kind: 'ConfigMap', metadata: Object.freeze({ name: 'obj' }), ...props }));
}

test('the CRDs every cluster shares are rendered once, and as toJson() renders them', () => {
  const outdir = tempDir('object-manifest');
  const [west, east] = [testCluster(outdir, 'west'), testCluster(outdir, 'east')];
  const westManifest = objectManifest(crd(west));
  expect(objectManifest(crd(east))).toBe(westManifest);
  expect(westManifest).toEqual(jsonManifest(crd(east).toJson()));
});

test('a label or a JSON patch added after a render is in the next render', () => {
  const outdir = tempDir('object-manifest');
  const [west, east] = [testCluster(outdir, 'west'), testCluster(outdir, 'east')];
  const shared = objectManifest(crd(west));
  crd(west).metadata.addLabel('only', 'west');
  expect(objectManifest(crd(west)).yaml).toContain('only: west');
  crd(east).addJsonPatch(JsonPatch.add('/metadata/annotations', { patched: 'yes' }));
  expect(objectManifest(crd(east)).yaml).toContain('patched: "yes"');
  expect(objectManifest(testCluster(outdir, 'north').crds!.node.children.find((c): c is ApiObject => c instanceof ApiObject)!)).toBe(shared);
});

test('props that can change (not frozen, or a getter) are rendered every time', () => {
  const data: Record<string, string> = { key: 'one' };
  const mutable = object({ data });
  expect(objectManifest(mutable).yaml).toContain('key: one');
  data.key = 'two';
  expect(objectManifest(mutable).yaml).toContain('key: two');

  let calls = 0;
  const withGetter = object(deepFreeze({ data: Object.freeze({ get key() { return `call-${++calls}`; } }) }));
  expect(objectManifest(withGetter).yaml).toContain('key: call-');
  expect(objectManifest(withGetter).yaml).not.toBe(objectManifest(withGetter).yaml);
});

test('an app with resolvers of its own renders every time', () => {
  let calls = 0;
  const counting: IResolver = {
    resolve(context: ResolutionContext) {
      if (context.value === 'count me') context.replaceValue(`call-${++calls}`);
    },
  };
  const resolved = object(deepFreeze({ data: { key: 'count me' } }), [counting]);
  expect(objectManifest(resolved).yaml).toContain('key: call-1');
  expect(objectManifest(resolved).yaml).toContain('key: call-2');
});

test('$CDK8S_DISABLE_SORT, which changes toJson(), is part of what is remembered', () => {
  const frozen = object(deepFreeze({ data: { b: '1', a: '2' } }));
  expect(objectManifest(frozen)).toBe(objectManifest(frozen)); // remembered: frozen props, cdk8s's resolvers only
  const sorted = objectManifest(frozen).yaml;
  expect(sorted).toMatch(/a: "2"\n\s+b: "1"/);
  process.env.CDK8S_DISABLE_SORT = '1';
  try {
    expect(objectManifest(frozen).yaml).toMatch(/b: "1"\n\s+a: "2"/);
  } finally {
    delete process.env.CDK8S_DISABLE_SORT;
  }
  expect(objectManifest(frozen).yaml).toBe(sorted);
});
