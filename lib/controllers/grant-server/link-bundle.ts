import type { IssuedCertificate } from '../../pki/client-certificate';
import { SKUPPER_API_VERSION, SkupperEndpoint } from '../../api/skupper';
import { plainYaml } from './plain-yaml';

/** The roles a connecting router links to (Skupper's generateLinkConfig keeps only these). */
const LINK_ROLES = new Set(['inter-router', 'edge']);

/** The Links' endpoints: one list per router group (sorted by group, so `-1`, `-2` are stable). */
export function linkEndpointGroups(endpoints: readonly SkupperEndpoint[]): SkupperEndpoint[][] {
  const groups = new Map<string, SkupperEndpoint[]>();
  for (const endpoint of endpoints) {
    if (!LINK_ROLES.has(endpoint.name ?? '')) continue;
    const group = endpoint.group ?? '';
    const compact = Object.fromEntries(
      (['group', 'host', 'name', 'port'] as const).filter((k) => endpoint[k] !== undefined && endpoint[k] !== '').map((k) => [k, String(endpoint[k])]),
    ) as SkupperEndpoint;
    const members = groups.get(group);
    if (members) members.push(compact);
    else groups.set(group, [compact]);
  }
  return [...groups.keys()].sort().map((group) => groups.get(group)!);
}

/** Every host of the Site's endpoints, whatever their role: the client certificate's SANs (as Skupper). */
export function endpointHosts(endpoints: readonly SkupperEndpoint[]): string[] {
  return endpoints.map((endpoint) => endpoint.host ?? '').filter((host) => host.trim() !== '');
}

/**
 * The YAML stream Skupper's redeemer decodes: `---`, a v1 kubernetes.io/tls Secret named `name`
 * (tls.crt, tls.key, ca.crt), then one skupper.io/v2alpha1 Link per endpoint group, named `name`
 * (one group) or `name-1`, `name-2`... Keys sorted and no namespace, as Kubernetes' YAML
 * serializer writes them; the redeemer creates the objects in its own namespace.
 */
export function renderLinkBundle(name: string, certificate: IssuedCertificate, groups: readonly SkupperEndpoint[][]): string {
  if (groups.length === 0) throw new Error('no link endpoint groups');
  const base64 = (pem: string): string => Buffer.from(pem, 'utf8').toString('base64');
  const secret = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name },
    type: 'kubernetes.io/tls',
    data: { 'ca.crt': base64(certificate.caCertificatePem), 'tls.crt': base64(certificate.certificatePem), 'tls.key': base64(certificate.privateKeyPem) },
  };
  const links = groups.map((endpoints, i) => ({
    apiVersion: SKUPPER_API_VERSION,
    kind: 'Link',
    metadata: { name: groups.length === 1 ? name : `${name}-${i + 1}` },
    spec: { endpoints, tlsCredentials: name },
  }));
  return [secret, ...links].map((doc) => '---\n' + plainYaml(doc)).join('');
}
