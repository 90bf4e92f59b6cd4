import { isDeepStrictEqual } from 'util';
import { ObjectChange } from '../object-changes';
import { labelsOf, OutputObject } from '../output-objects';
import { ReviewContext } from '../review-context';
import { Impact, ReviewFinding } from '../review-finding';

const NAME_LABEL = 'app.kubernetes.io/name';
const ROLES: Record<string, string> = { 'cdk8s-skupper-grant-server': 'grant server', 'cdk8s-skupper-redeemer': 'redeemer' };
const CONTAINERS = 'spec.template.spec.containers';

interface Container { readonly name?: string; readonly image?: string; readonly args?: string[] }

/**
 * The grant server or redeemer of a site added or removed (with its Deployment, Service, RBAC and
 * TLS Secret), and its image or arguments changed.
 */
export function explainRuntimeWorkloads(context: ReviewContext): ReviewFinding[] {
  const findings: ReviewFinding[] = [];
  const groups = new Map<string, ObjectChange[]>();
  for (const change of context.changes.filter((c) => (!c.before || !c.after) && context.unexplainedPaths(c).length > 0)) {
    const object = (change.after ?? change.before)!;
    const role = ROLES[labelsOf(object)[NAME_LABEL]];
    if (role) {
      const group = [object.cluster, object.namespace || object.name, role, change.after ? 'added' : 'removed'].join('\n');
      groups.set(group, [...(groups.get(group) ?? []), change]);
    }
  }
  for (const [group, changes] of groups) {
    const [cluster, namespace, role, verb] = group.split('\n');
    changes.forEach((change) => context.explain(change));
    findings.push({
      cluster, namespace, impact: Impact.INFO, commands: [],
      summary: `the ${role} is ${verb}`,
      details: [role === 'redeemer' && verb === 'removed'
        ? 'the site has no token left; the Links its redeemer made stay'
        : `${role === 'redeemer' ? 'tokens' : 'grants'} of this site ${verb === 'added' ? 'need' : 'no longer need'} it`],
    });
  }
  for (const change of context.open('Deployment').filter((c) => c.before && c.after && ROLES[labelsOf(c.after)[NAME_LABEL]])) {
    findings.push(...containersChanged(context, change));
  }
  return findings;
}

function containersChanged(context: ReviewContext, change: ObjectChange): ReviewFinding[] {
  const containers = (object: OutputObject): Container[] => ((object.body.spec as { template: { spec: { containers: Container[] } } }).template.spec.containers);
  const [before, after] = [containers(change.before!), containers(change.after!)];
  const strip = (list: Container[]): object[] => list.map(({ image: _image, args: _args, ...rest }) => rest);
  if (!change.paths.includes(CONTAINERS) || before.length !== after.length || !isDeepStrictEqual(strip(before), strip(after))) {
    return [];
  }
  context.explain(change, CONTAINERS);
  const deployment = change.after!;
  const details = after.flatMap((container, i) => [
    ...(container.image !== before[i].image ? [`image ${before[i].image} -> ${container.image}`] : []),
    ...(!isDeepStrictEqual(container.args, before[i].args) ? [`arguments ${(before[i].args ?? []).join(' ')} -> ${(container.args ?? []).join(' ')}`] : []),
  ]);
  return [{ cluster: deployment.cluster, namespace: deployment.namespace, impact: Impact.INFO, commands: [],
    summary: `the ${ROLES[labelsOf(deployment)[NAME_LABEL]]} is rolled out again`, details }];
}
