import { inClusterOnlyHost } from '../topology/reachability';
import type { SiteEntry } from './network-entries';
import { LinkAccess } from './site';

// The who-listens rule of an ApplicationNetwork link: the listening site holds the grant and runs
// the grant server, so it must accept links and have a grant server the other site can reach.

/** Why `listener` cannot listen for a link from `connector`, or undefined when it can. */
export function whyCannotListen(listener: SiteEntry, connector: SiteEntry): string | undefined {
  if (listener.site.edge) {
    return 'it is an edge site, and edge sites only connect';
  }
  const host = listener.props.grantServerHost;
  if (host === undefined) {
    return 'it declares no grantServerHost, so it has no grant server to redeem tokens';
  }
  if (listener.site.linkAccess === LinkAccess.NONE) {
    return 'it has linkAccess "none"';
  }
  if (listener.site.cluster !== connector.site.cluster) {
    const otherCluster = `cluster "${connector.site.cluster.name}"`;
    if (listener.site.linkAccess === LinkAccess.LOCAL) {
      return `its linkAccess "local" is a ClusterIP Service, which ${otherCluster} cannot reach`;
    }
    const hostProblem = inClusterOnlyHost(host);
    if (hostProblem) {
      return `its grantServerHost "${host}" ${hostProblem}, which ${otherCluster} cannot reach`;
    }
  }
  return undefined;
}

/** The default listener of a link: the first site named when it can listen, else the second. */
export function defaultListener(first: SiteEntry, second: SiteEntry): SiteEntry {
  const firstProblem = whyCannotListen(first, second);
  if (firstProblem === undefined) {
    return first;
  }
  const secondProblem = whyCannotListen(second, first);
  if (secondProblem === undefined) {
    return second;
  }
  throw new Error(`neither site of link "${first.key}" <-> "${second.key}" can listen: "${first.key}": ${firstProblem}; ` +
    `"${second.key}": ${secondProblem}; give one of them a reachable grantServerHost (and linkAccess)`);
}

/** `listener`, the listener asked for: an end of the link that can listen. */
export function explicitListener(first: SiteEntry, second: SiteEntry, listener: SiteEntry): SiteEntry {
  if (listener !== first && listener !== second) {
    throw new Error(`listening site "${listener.key}" is not an end of link "${first.key}" <-> "${second.key}": ` +
      `pick "${first.key}" or "${second.key}"`);
  }
  const connector = listener === first ? second : first;
  const problem = whyCannotListen(listener, connector);
  if (problem !== undefined) {
    throw new Error(`site "${listener.key}" cannot listen for the link with "${connector.key}": ${problem}`);
  }
  return listener;
}
