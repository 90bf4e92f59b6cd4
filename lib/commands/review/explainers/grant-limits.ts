import { describeValueChange } from '../object-changes';
import { ReviewContext } from '../review-context';
import { Impact, ReviewFinding } from '../review-finding';

const LIMITS = ['spec.redemptionsAllowed', 'spec.expirationWindow'];

/** A grant's redemption count or window changed: it applies to the existing LinkGrant, whose count and window do not reset. */
export function explainGrantLimits(context: ReviewContext): ReviewFinding[] {
  return context.open('LinkGrant').filter((change) => change.before && change.after).flatMap((change) => {
    const paths = change.paths.filter((path) => LIMITS.includes(path));
    if (paths.length === 0) {
      return [];
    }
    context.explain(change, ...paths);
    const grant = change.after!;
    return [{
      cluster: grant.cluster,
      namespace: grant.namespace,
      impact: Impact.INFO,
      summary: `grant ${grant.name}: ${paths.map((path) => describeValueChange(change, path, path === 'spec.redemptionsAllowed' ? 'redemptions allowed' : 'expiration window', 'default')).join(', ')}`,
      details: ['the LinkGrant keeps its status: redemptions made so far still count, and its window still starts when the grant server first saw it; ' +
        'delete the LinkGrant to start over (GitOps re-creates it)'],
      commands: [],
    }];
  });
}
