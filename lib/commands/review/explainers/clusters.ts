import { GITOPS_FOLDER } from '../../../api/output-layout';
import { ReviewContext } from '../review-context';
import { Impact, ReviewFinding } from '../review-finding';

/**
 * A cluster folder that appears or disappears as a whole: one finding for what is left once its
 * sites are explained (its CRDs), rather than one per object.
 */
export function explainClusters(context: ReviewContext): ReviewFinding[] {
  const clusters = (objects: ReadonlyMap<string, { cluster: string }>): Set<string> => new Set([...objects.values()].map((o) => o.cluster));
  const [before, after] = [clusters(context.before), clusters(context.after)];
  const findings: ReviewFinding[] = [];
  for (const [cluster, added] of [...[...after].filter((c) => !before.has(c)).map((c) => [c, true] as const),
    ...[...before].filter((c) => !after.has(c)).map((c) => [c, false] as const)]) {
    if (cluster === GITOPS_FOLDER) {
      continue;
    }
    const rest = context.changes.filter((change) => (change.after ?? change.before)!.cluster === cluster && context.unexplainedPaths(change).length > 0);
    rest.forEach((change) => context.explain(change));
    findings.push({
      cluster,
      namespace: '',
      impact: added ? Impact.INFO : Impact.ATTENTION,
      summary: `cluster ${cluster} ${added ? 'joins the output' : 'leaves the output'}${rest.length > 0 ? ` (with ${rest.length} more object(s): ${[...new Set(rest.map((c) => (c.after ?? c.before)!.kind))].sort().join(', ')})` : ''}`,
      details: added ? [] : ['what GitOps applied from its folder is pruned (with pruning on): our CRDs too, which deletes every LinkGrant and LinkToken left in that cluster'],
      commands: [],
    });
  }
  return findings;
}
