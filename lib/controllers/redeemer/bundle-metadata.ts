import { BundleProblem, isObject, Json, quoteName, safeFieldName } from './bundle-problem';

/** Where the answer will be created: the token's name (the Secret's and Links' names) and namespace. */
export interface BundleExpectations {
  readonly tokenName: string;
  readonly namespace: string;
}

const METADATA_FIELDS = ['name', 'namespace', 'creationTimestamp', 'labels', 'annotations'];
// Fields that only the API server may set, or that would tie the object to something the peer chose.
const FORBIDDEN_METADATA_FIELDS = ['uid', 'resourceVersion', 'ownerReferences', 'finalizers', 'generateName',
  'generation', 'selfLink', 'managedFields', 'deletionTimestamp', 'deletionGracePeriodSeconds'];
/** Our ownership markers: a peer must not be able to claim objects for some other token. */
const RESERVED_KEY_PREFIX = 'cdk8s-skupper.io/';

export interface CheckedMetadata {
  readonly name: string;
  readonly labels: Record<string, string>;
  readonly annotations: Record<string, string>;
}

export function checkMetadata(value: unknown, what: string, expected: BundleExpectations): CheckedMetadata {
  if (!isObject(value)) {
    throw new BundleProblem(`${what} has no metadata`);
  }
  for (const field of FORBIDDEN_METADATA_FIELDS) {
    if (value[field] !== undefined) {
      throw new BundleProblem(`${what} sets metadata.${field}, which a grant server must not send`);
    }
  }
  checkFields(value, METADATA_FIELDS, what, 'metadata.');
  if (typeof value.name !== 'string' || value.name === '') {
    throw new BundleProblem(`${what} has no metadata.name`);
  }
  const namespace = value.namespace;
  if (namespace !== undefined && namespace !== null && namespace !== '' && namespace !== expected.namespace) {
    throw new BundleProblem(`${what} is for namespace ${quoteName(namespace)}: objects are only created in this namespace ${quoteName(expected.namespace)}`);
  }
  if (value.creationTimestamp !== undefined && value.creationTimestamp !== null) {
    throw new BundleProblem(`${what} sets metadata.creationTimestamp, which a grant server must not send`);
  }
  return {
    name: value.name,
    labels: checkStringMap(value.labels, `${what} metadata.labels`),
    annotations: checkStringMap(value.annotations, `${what} metadata.annotations`),
  };
}

function checkStringMap(value: unknown, what: string): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (!isObject(value)) {
    throw new BundleProblem(`${what} is not a map`);
  }
  for (const [key, entry] of Object.entries(value)) {
    if (typeof entry !== 'string') {
      throw new BundleProblem(`${what} has a value that is not a string`);
    }
    if (key.startsWith(RESERVED_KEY_PREFIX)) {
      throw new BundleProblem(`${what} uses the reserved prefix ${RESERVED_KEY_PREFIX}`);
    }
  }
  return value as Record<string, string>;
}

export function checkFields(value: Json, allowed: readonly string[], what: string, prefix: string): void {
  const unknown = Object.keys(value).find(key => !allowed.includes(key));
  if (unknown !== undefined) {
    throw new BundleProblem(`${what} has an unexpected field ${prefix}${safeFieldName(unknown)}`);
  }
}
