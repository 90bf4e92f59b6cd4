/** A site as naming sees it: its cluster and its name. */
export interface SiteIdentity {
  /** The cluster's name. */
  readonly cluster: string;
  /** The site's name. */
  readonly name: string;
}

/** One link as naming sees it. */
export interface NamedLinkEnds {
  /** The listening site (it holds the grant). */
  readonly listening: SiteIdentity;
  /** The connecting site (it holds the token). */
  readonly connecting: SiteIdentity;
  /**
   * An explicit grant name, used as is.
   * @default - `link-<connecting site>`
   */
  readonly grantName?: string;
  /**
   * An explicit token name, used as is.
   * @default - `link-to-<listening site>`
   */
  readonly tokenName?: string;
}

/** The names of one link's grant and token. */
export interface LinkNames {
  /** The grant's name on the listening site. */
  readonly grantName: string;
  /** The token's name on the connecting site (also the name of the Link and Secret it creates). */
  readonly tokenName: string;
}

/** Prefix of default grant names: `link-<connecting site>`. */
export const GRANT_NAME_PREFIX = 'link-';
/** Prefix of default token names: `link-to-<listening site>`. */
export const TOKEN_NAME_PREFIX = 'link-to-';

/**
 * Default names for the grants and tokens of a set of links: grant `link-<connecting site>` on
 * the listening site, token `link-to-<listening site>` on the connecting site. When one site
 * holds grants (or tokens) for two peers of the same name on different clusters, those peers
 * are written `<site>-<cluster>` instead, for all of them.
 *
 * The names depend only on the set of links, never on the order they were declared in, and a
 * site's names change only when that site gains or loses a same-named peer.
 */
export function defaultLinkNames(links: readonly NamedLinkEnds[]): LinkNames[] {
  const grantPeers = peersBy(links, link => link.listening, link => link.connecting);
  const tokenPeers = peersBy(links, link => link.connecting, link => link.listening);
  return links.map(link => ({
    grantName: link.grantName ?? GRANT_NAME_PREFIX + peerLabel(link.connecting, grantPeers.get(keyOf(link.listening))!),
    tokenName: link.tokenName ?? TOKEN_NAME_PREFIX + peerLabel(link.listening, tokenPeers.get(keyOf(link.connecting))!),
  }));
}

/** `<cluster>/<site>`, the unambiguous name of a site. */
export function keyOf(site: SiteIdentity): string {
  return `${site.cluster}/${site.name}`;
}

function peersBy(links: readonly NamedLinkEnds[], holder: (link: NamedLinkEnds) => SiteIdentity,
  peer: (link: NamedLinkEnds) => SiteIdentity): Map<string, Map<string, number>> {
  // holder key -> peer name -> number of distinct peers with that name
  const seen = new Map<string, Set<string>>();
  const counts = new Map<string, Map<string, number>>();
  for (const link of links) {
    const holderKey = keyOf(holder(link));
    const peerSite = peer(link);
    const distinct = seen.get(holderKey) ?? new Set<string>();
    seen.set(holderKey, distinct);
    const byName = counts.get(holderKey) ?? new Map<string, number>();
    counts.set(holderKey, byName);
    if (!distinct.has(keyOf(peerSite))) {
      distinct.add(keyOf(peerSite));
      byName.set(peerSite.name, (byName.get(peerSite.name) ?? 0) + 1);
    }
  }
  return counts;
}

function peerLabel(peer: SiteIdentity, peersOfHolder: Map<string, number>): string {
  return (peersOfHolder.get(peer.name) ?? 0) > 1 ? `${peer.name}-${peer.cluster}` : peer.name;
}
