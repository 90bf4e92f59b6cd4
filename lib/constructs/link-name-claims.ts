import { MAX_LABEL_VALUE_LENGTH } from '../validation/label-value';
import { validateDnsSubdomain } from '../validation/kubernetes-names';
import type { LinkEntry, SiteEntry } from './network-entries';

/**
 * Checks the names `build()` gave the links before any construct is made: grant, token and
 * code Secret names unique per site, and each fitting in a label value (grant and token names
 * are also label values).
 */
export function assertLinkNamesFit(links: readonly LinkEntry[]): void {
  const used = new Map<SiteEntry, Map<string, string>>();
  const claim = (entry: SiteEntry, name: string, what: string) => {
    const names = used.get(entry) ?? new Map<string, string>();
    used.set(entry, names);
    const previous = names.get(name);
    if (previous !== undefined) {
      throw new Error(`name "${name}" is used twice on site "${entry.key}": by ${previous} and by ${what}: ` +
        'set grantName or tokenName on one of these links');
    }
    names.set(name, what);
  };
  for (const link of links) {
    const { grantName, tokenName } = link.names!;
    for (const [name, what] of [[grantName, 'grant name'], [tokenName, 'token name']] as const) {
      validateDnsSubdomain(`${what} of link ${link.description}`, name);
      if (name.length > MAX_LABEL_VALUE_LENGTH) {
        throw new Error(`${what} "${name}" of link ${link.description} is longer than ${MAX_LABEL_VALUE_LENGTH} characters ` +
          '(it is also a label value): set a shorter grantName/tokenName for this link');
      }
    }
    claim(link.listeningEntry, grantName, `the grant of link ${link.description}`);
    claim(link.listeningEntry, `${grantName}-code`, `the grant code Secret of link ${link.description}`);
    // The token's name is also the Secret its redemption creates, next to its code Secret.
    claim(link.connectingEntry, tokenName, `the token (and its Secret) of link ${link.description}`);
    claim(link.connectingEntry, `${tokenName}-code`, `the token code Secret of link ${link.description}`);
  }
}
