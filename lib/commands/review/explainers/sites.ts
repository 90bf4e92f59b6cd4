import { ObjectChange } from '../object-changes';
import { TOKEN_LABEL } from '../../../api/labels';
import { labelsOf, OutputObject, specOf } from '../output-objects';
import { ReviewContext } from '../review-context';
import { Impact, ReviewFinding } from '../review-finding';

/**
 * Skupper Sites added, removed or moved to another cluster (a removed Site is pruned by GitOps
 * with its namespace, and every link to or from it goes down), and changes of a Site's spec.
 */
export function explainSites(context: ReviewContext): ReviewFinding[] {
  const findings: ReviewFinding[] = [];
  const sites = context.open('Site');
  const added = sites.filter((change) => !change.before).map((change) => change.after!);
  for (const change of sites.filter((c) => !c.after)) {
    const site = change.before!;
    const movedTo = added.find((other) => other.name === site.name && other.namespace === site.namespace && other.cluster !== site.cluster);
    const links = claimSiteNamespace(context, site.cluster, site.namespace, 'before');
    findings.push({
      cluster: site.cluster,
      namespace: site.namespace,
      impact: Impact.CUTS_LINK,
      summary: movedTo ? `site ${site.name} moves to cluster ${movedTo.cluster}: it is removed here` : `site ${site.name} is removed`,
      details: [
        `GitOps prunes namespace ${site.namespace} and the Skupper Site in it: every link to and from this site goes down, ` +
          'and the Links and Secrets its redeemer made go with it',
        ...(links.length > 0 ? [`links cut: ${links.join(', ')}`] : []),
        ...(movedTo ? ['the site on the new cluster is a new site (its secrets derive from cluster and namespace): peers redeem again'] : []),
      ],
      commands: [],
    });
  }
  for (const site of added) {
    claimSiteNamespace(context, site.cluster, site.namespace, 'after');
    const movedFrom = sites.find((c) => !c.after && c.before!.name === site.name && c.before!.namespace === site.namespace);
    findings.push({
      cluster: site.cluster,
      namespace: site.namespace,
      impact: Impact.INFO,
      summary: movedFrom ? `site ${site.name} moves here from cluster ${movedFrom.before!.cluster}` : `site ${site.name} is added`,
      details: [],
      commands: [],
    });
  }
  for (const change of sites.filter((c) => c.before && c.after)) {
    findings.push(siteSpecChanged(context, change));
  }
  return findings;
}

function siteSpecChanged(context: ReviewContext, change: ObjectChange): ReviewFinding {
  const site = change.after!;
  const spec = change.paths.filter((path) => path.startsWith('spec.'));
  context.explain(change, ...spec);
  const endpoints = spec.some((path) => path.startsWith('spec.linkAccess'));
  return {
    cluster: site.cluster,
    namespace: site.namespace,
    impact: endpoints ? Impact.CUTS_LINK : Impact.ATTENTION,
    summary: `site ${site.name} changes: ${spec.join(', ')}`,
    details: endpoints
      ? ['its link access changes, so its endpoints do: Links made to it before point at the old ones']
      : ['the Skupper controller reconfigures the site\'s router'],
    commands: [],
  };
}

/**
 * Claims every object added (or removed) in a site's namespace of a cluster, and the Namespace;
 * an added site's tokens are left to the links explainer, which says what each links to.
 * Returns the removed site's links, as `to <remote site> (token <name>)`.
 */
function claimSiteNamespace(context: ReviewContext, cluster: string, namespace: string, side: 'before' | 'after'): string[] {
  const links: string[] = [];
  const inNamespace = (object: OutputObject | undefined): boolean => object !== undefined && object.cluster === cluster
    && (object.namespace === namespace || (object.kind === 'Namespace' && object.name === namespace));
  for (const change of context.changes) {
    const object = side === 'before' ? change.before : change.after;
    const other = side === 'before' ? change.after : change.before;
    if (!other && inNamespace(object)) {
      if (object!.kind === 'LinkToken') {
        if (side === 'after') {
          continue;
        }
        links.push(`to ${String(specOf(object!).remoteSite)} (token ${object!.name})`);
      }
      if (side === 'after' && object!.kind === 'SealedSecret' && labelsOf(object!)[TOKEN_LABEL]) {
        continue;
      }
      context.explain(change);
    }
  }
  return links;
}
