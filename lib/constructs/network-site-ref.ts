import type { SiteEntry } from './network-entries';
import type { NetworkSiteRef } from './network-site';
import { Site } from './site';

/** The site of `entries` that `ref` names: a Site, `"<cluster>/<site>"`, or a `"<site>"` name no other site has. */
export function findSiteEntry(entries: readonly SiteEntry[], ref: NetworkSiteRef): SiteEntry {
  if (ref instanceof Site) {
    const entry = entries.find(e => e.site === ref);
    if (!entry) {
      throw new Error(`site "${ref.cluster.name}/${ref.name}" is not part of this network: add it with addSite`);
    }
    return entry;
  }
  if (typeof ref !== 'string') {
    throw new Error(`invalid site reference ${String(ref)}: pass a Site, "<cluster>/<site>" or "<site>"`);
  }
  const matches = ref.includes('/')
    ? entries.filter(e => e.key === ref)
    : entries.filter(e => e.site.name === ref);
  if (matches.length === 1) {
    return matches[0];
  }
  if (matches.length > 1) {
    throw new Error(`site name "${ref}" is ambiguous: it names ${matches.map(e => `"${e.key}"`).join(' and ')}; ` +
      'write "<cluster>/<site>"');
  }
  const known = entries.map(e => e.key).join(', ') || 'none';
  throw new Error(`unknown site "${ref}": known sites are ${known} (add sites with addSite before linking them)`);
}
