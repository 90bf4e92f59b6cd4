import { ClientKeyPair, issueClientCertificate, parseCaSecretData } from '../../pki/client-certificate';
import type { Requester } from './redemption-decision';
import { endpointHosts, linkEndpointGroups, renderLinkBundle } from './link-bundle';
import { issuerOf, LinkGrant } from '../../api/link-grant';
import { Secret } from '../machinery/secret';
import { SkupperSite } from '../../api/skupper';

/** Generating the answer failed; the message (Skupper's wording where it has one) is sent to a redeemer that had the right code. */
export class GenerationError extends Error {}

/** Where a link bundle's parts come from (the informer caches and the key pool). */
export interface LinkBundleSources {
  readonly namespace: string;
  sites(): readonly SkupperSite[];
  secret(name: string): Secret | undefined;
  takeKeyPair(): Promise<ClientKeyPair>;
}

/** Why a namespace has no Site to link to: `lasting` when waiting will not help (the Site must change). */
export interface SiteProblem {
  readonly message: string;
  readonly lasting: boolean;
}

/** The one Skupper Site of the namespace, or why there is none to link to. */
export function siteOf(sites: readonly SkupperSite[], namespace: string): SkupperSite | SiteProblem {
  if (sites.length === 0) return { message: `Site not yet defined for ${namespace}`, lasting: false };
  if (sites.length > 1) return { message: `More than one Site in ${namespace}: ${sites.map((s) => s.metadata?.name).sort().join(', ')}`, lasting: false };
  if (sites[0].spec?.edge) return { message: 'Edge sites cannot accept incoming links from remote sites', lasting: true };
  return sites[0];
}

export function isSiteProblem(site: SkupperSite | SiteProblem): site is SiteProblem {
  return 'lasting' in site;
}

/**
 * The whole answer to a redemption, in memory: a client certificate for `requester.subject`
 * (SANs = every Site endpoint host) signed by the grant's issuer CA, as a Secret named
 * `requester.name`, and the Site's link endpoints as Link(s). Throws GenerationError.
 */
export async function generateLinkBundle(grant: LinkGrant, requester: Requester, sources: LinkBundleSources): Promise<string> {
  const site = siteOf(sources.sites(), sources.namespace);
  if (isSiteProblem(site)) throw new GenerationError(site.message);
  const endpoints = site.status?.endpoints ?? [];
  const groups = linkEndpointGroups(endpoints);
  if (groups.length === 0) throw new GenerationError('No valid endpoints found for site');
  const issuer = issuerOf(grant);
  const issuerSecret = sources.secret(issuer);
  if (!issuerSecret) throw new GenerationError('Could not get issuer for requested certificate');
  let certificate;
  try {
    const ca = parseCaSecretData(issuerSecret.data, issuer);
    certificate = issueClientCertificate({ ca, subject: requester.subject, hosts: endpointHosts(endpoints), keyPair: await sources.takeKeyPair() });
  } catch (error) {
    // These messages name the Secret and what is wrong with it, never its content.
    throw new GenerationError(`error reading CA Certificate from Secret ${JSON.stringify(issuer)}: ${(error as Error).message}`);
  }
  return renderLinkBundle(requester.name, certificate, groups);
}
