import { isDeepStrictEqual } from 'util';
import { OutputObject } from '../output-objects';
import { ReviewContext } from '../review-context';
import { Impact, ReviewFinding } from '../review-finding';

interface CrdVersion { readonly name: string; readonly served?: boolean; readonly storage?: boolean; readonly schema?: unknown }

/** CustomResourceDefinitions added, removed or changed (versions and schemas). */
export function explainCrds(context: ReviewContext): ReviewFinding[] {
  return context.open('CustomResourceDefinition').map((change) => {
    context.explain(change);
    const crd = (change.after ?? change.before)!;
    const base = { cluster: crd.cluster, namespace: '', commands: [] };
    if (!change.before) {
      return { ...base, impact: Impact.INFO, summary: `CRD ${crd.name} is added`, details: [] };
    }
    if (!change.after) {
      return { ...base, impact: Impact.ATTENTION, summary: `CRD ${crd.name} is removed`,
        details: ['pruning a CRD deletes every object of its kind in the cluster'] };
    }
    return { ...base, impact: Impact.ATTENTION, summary: `CRD ${crd.name} changes`, details: versionChanges(change.before, change.after) };
  });
}

function versionChanges(before: OutputObject, after: OutputObject): string[] {
  const versions = (crd: OutputObject): Map<string, CrdVersion> =>
    new Map(((crd.body.spec as { versions?: CrdVersion[] }).versions ?? []).map((v) => [v.name, v]));
  const [old, current] = [versions(before), versions(after)];
  const lines: string[] = [];
  for (const name of [...new Set([...old.keys(), ...current.keys()])].sort()) {
    const [a, b] = [old.get(name), current.get(name)];
    if (!a || !b) {
      lines.push(`version ${name} is ${a ? 'removed' : 'added'}`);
      continue;
    }
    if (!isDeepStrictEqual(a.schema, b.schema)) {
      lines.push(`the schema of version ${name} changes`);
    }
    if (a.served !== b.served || a.storage !== b.storage) {
      lines.push(`version ${name}: served ${a.served} -> ${b.served}, storage ${a.storage} -> ${b.storage}`);
    }
  }
  return lines.length > 0 ? lines : ['a change outside its versions (names, scope or conversion)'];
}
