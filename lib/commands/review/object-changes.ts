import { isDeepStrictEqual } from 'util';
import { ROTATION_ANNOTATION } from '../../api/review-annotations';
import { OutputObject } from './output-objects';

/** One object added, removed or changed between two synth outputs. */
export interface ObjectChange {
  readonly key: string;
  readonly before?: OutputObject;
  readonly after?: OutputObject;
  /** The dotted paths whose values differ (arrays compare whole); empty when added or removed. */
  readonly paths: readonly string[];
}

/** The objects that differ, sorted by key. */
export function objectChanges(before: ReadonlyMap<string, OutputObject>, after: ReadonlyMap<string, OutputObject>): ObjectChange[] {
  const keys = [...new Set([...before.keys(), ...after.keys()])].sort();
  const changes: ObjectChange[] = [];
  for (const key of keys) {
    const old = before.get(key);
    const current = after.get(key);
    if (!old || !current) {
      changes.push({ key, before: old, after: current, paths: [] });
    } else {
      const paths = changedPaths(old.body, current.body);
      if (paths.length > 0) {
        changes.push({ key, before: old, after: current, paths });
      }
    }
  }
  return changes;
}

/** The leaf paths (`spec.encryptedData.code`) where two values differ; arrays are leaves. */
function changedPaths(before: unknown, after: unknown, prefix = ''): string[] {
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((key) => changedPaths(before[key], after[key], prefix ? `${prefix}.${key}` : key));
  }
  return isDeepStrictEqual(before, after) ? [] : [prefix];
}

/** The value at a dotted path (keys may themselves hold dots: the longest matching key wins). */
export function valueAt(body: unknown, path: string): unknown {
  if (path === '') {
    return body;
  }
  if (!isPlainObject(body)) {
    return undefined;
  }
  const key = Object.keys(body).filter((k) => path === k || path.startsWith(`${k}.`)).sort((a, b) => b.length - a.length)[0];
  return key === undefined ? undefined : valueAt(body[key], path.slice(key.length + 1));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `<name> <before> -> <after>` for the value at `path` of a changed object, `absent` when it is not set. */
export function describeValueChange(change: ObjectChange, path: string, name: string, absent: string): string {
  const format = (body: unknown): string => {
    const value = valueAt(body, path);
    return value === undefined ? absent : String(value);
  };
  return `${name} ${format(change.before?.body)} -> ${format(change.after?.body)}`;
}

/** ` (rotation <before> -> <after>)` when a changed object's rotation annotation changed, else ''. */
export function rotationChange(change: ObjectChange): string {
  const path = `metadata.annotations.${ROTATION_ANNOTATION}`;
  return change.paths.includes(path) ? ` (${describeValueChange(change, path, 'rotation', 'unset')})` : '';
}
