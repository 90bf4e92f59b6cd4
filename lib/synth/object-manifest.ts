import { ApiObject, App, ImplicitTokenResolver, LazyResolver, NumberStringUnionResolver } from 'cdk8s';
import { manifestYaml } from './manifest-yaml';

/** One object's file: its YAML, and what names the file. */
export interface ObjectManifest {
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  readonly yaml: string;
}

type KubeObject = { kind: string; metadata: { name: string; namespace?: string } };

/** The manifest of an object as `toJson()` rendered it. */
export function jsonManifest(json: KubeObject): ObjectManifest {
  return { kind: json.kind, name: json.metadata.name, namespace: json.metadata.namespace, yaml: manifestYaml(json) };
}

/**
 * The manifest of `obj`: `obj.toJson()` as YAML, computed once per distinct input when nothing but
 * its props and metadata can change it. The CRDs of every cluster share one deeply frozen parse
 * (2/3 of a hub spoke's bytes); resolving, sorting and writing the same 13 KB 2,000 times was the
 * hub's largest render cost. That holds for a plain ApiObject (`toJson` not overridden) without
 * JSON patches, whose props are deeply frozen JSON data and whose app has only cdk8s's own
 * resolvers: `toJson` is then a pure function of the props, the resolved metadata and
 * $CDK8S_DISABLE_SORT, which make the cache key. Anything else is rendered every time.
 */
export function objectManifest(obj: ApiObject): ObjectManifest {
  const props = pureProps(obj);
  if (props === undefined) return jsonManifest(obj.toJson());
  let byMetadata = rendered.get(props);
  if (byMetadata === undefined) {
    byMetadata = new Map();
    rendered.set(props, byMetadata);
  }
  const key = `${process.env.CDK8S_DISABLE_SORT ? 'unsorted' : 'sorted'} ${exactJson(obj.metadata.toJson())}`;
  let manifest = byMetadata.get(key);
  if (manifest === undefined) {
    manifest = jsonManifest(obj.toJson());
    if (byMetadata.size >= RENDERED_PER_PROPS) byMetadata.clear();
    byMetadata.set(key, manifest);
  }
  return manifest;
}

const rendered = new WeakMap<object, Map<string, ObjectManifest>>();
/** Distinct metadata (labels, namespaces) remembered per props: a bound on memory, not a limit on correctness. */
const RENDERED_PER_PROPS = 64;

/** `obj`'s props when `obj.toJson()` depends on nothing else than them and its metadata; else undefined. */
function pureProps(obj: ApiObject): object | undefined {
  if (obj.toJson !== ApiObject.prototype.toJson) return undefined;
  // cdk8s's private fields: when a version names them otherwise, the object is simply rendered every time.
  const { props, patches } = obj as unknown as { props?: unknown; patches?: unknown };
  if (!Array.isArray(patches) || patches.length > 0 || !isFrozenJson(props) || props === null) return undefined;
  return hasOnlyCdk8sResolvers(App.of(obj)) ? props as object : undefined;
}

const frozenJson = new WeakSet<object>();

/** Deeply frozen plain objects, arrays and primitives: nothing a resolver replaces, nothing that can change. */
function isFrozenJson(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return typeof value !== 'function' && typeof value !== 'symbol' && typeof value !== 'bigint';
  if (frozenJson.has(value)) return true;
  const proto = Object.getPrototypeOf(value);
  if (!Object.isFrozen(value) || (proto !== Object.prototype && proto !== null && proto !== Array.prototype)) return false;
  for (const key of Object.keys(value)) {
    const descriptor = Object.getOwnPropertyDescriptor(value, key)!;
    if (!('value' in descriptor) || !isFrozenJson(descriptor.value)) return false;   // a getter may answer differently each time
  }
  frozenJson.add(value);
  return true;
}

const CDK8S_RESOLVERS = [LazyResolver, ImplicitTokenResolver, NumberStringUnionResolver];

function hasOnlyCdk8sResolvers(app: App): boolean {
  const resolvers = app.resolvers;
  return resolvers.length === CDK8S_RESOLVERS.length && resolvers.every((resolver, i) =>
    Object.getPrototypeOf(resolver) === CDK8S_RESOLVERS[i].prototype && resolver.resolve === CDK8S_RESOLVERS[i].prototype.resolve);
}

/** JSON that tells apart what JSON.stringify does not (-0 and 0, NaN and null), for a cache key. */
function exactJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => typeof v === 'number' ? `${Object.is(v, -0) ? '-0' : v}n` : typeof v === 'string' ? `${v}s` : v);
}
