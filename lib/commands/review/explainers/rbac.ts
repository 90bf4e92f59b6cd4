import { OutputObject } from '../output-objects';
import { ReviewContext } from '../review-context';
import { Impact, ReviewFinding } from '../review-finding';

interface PolicyRule {
  readonly apiGroups?: string[];
  readonly resources?: string[];
  readonly resourceNames?: string[];
  readonly verbs?: string[];
}

/** Roles whose rules changed, said as the permissions gained (widened) and lost (narrowed). */
export function explainRbac(context: ReviewContext): ReviewFinding[] {
  return [...context.open('Role'), ...context.open('ClusterRole')]
    .filter((change) => change.before && change.after && change.paths.includes('rules'))
    .flatMap((change) => {
      context.explain(change, 'rules');
      const [before, after] = [permissions(change.before!), permissions(change.after!)];
      const gained = [...after].filter((p) => !before.has(p));
      const lost = [...before].filter((p) => !after.has(p));
      const role = change.after!;
      const base = { cluster: role.cluster, namespace: role.namespace, commands: [] };
      return [
        ...(gained.length > 0 ? [{ ...base, impact: Impact.ATTENTION, summary: `${role.kind} ${role.name} is widened`, details: byTarget(gained).map((p) => `may now ${p}`) }] : []),
        ...(lost.length > 0 ? [{ ...base, impact: Impact.INFO, summary: `${role.kind} ${role.name} is narrowed`, details: byTarget(lost).map((p) => `may no longer ${p}`) }] : []),
      ];
    });
}

/** Permissions grouped by what they apply to: `get, list secrets "grant-a-code"`. */
function byTarget(permissions: string[]): string[] {
  const verbs = new Map<string, string[]>();
  for (const permission of permissions) {
    const [verb, target] = permission.split('\t');
    verbs.set(target, [...(verbs.get(target) ?? []), verb]);
  }
  return [...verbs].map(([target, list]) => `${list.join(', ')} ${target}`);
}

/** Every (verb, resource, name) a role's rules allow, as `<verb>\t<resource> "<name>"`. */
function permissions(role: OutputObject): Set<string> {
  const rules = (role.body.rules as PolicyRule[] | undefined) ?? [];
  return new Set(rules.flatMap((rule) => (rule.verbs ?? []).flatMap((verb) => (rule.resources ?? []).flatMap((resource) => {
    const group = (rule.apiGroups ?? ['']).map((g) => (g ? `${resource}.${g}` : resource));
    return group.flatMap((qualified) => (rule.resourceNames?.length
      ? rule.resourceNames.map((name) => `${verb}\t${qualified} "${name}"`)
      : [`${verb}\t${qualified} (all)`]));
  }))));
}
