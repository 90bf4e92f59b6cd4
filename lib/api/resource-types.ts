/** A namespaced API resource the controllers watch and the commands list. */
export interface ResourceType {
  readonly group: string;
  readonly version: string;
  readonly plural: string;
}

export const LINK_GRANTS: ResourceType = { group: 'cdk8s-skupper.io', version: 'v1alpha1', plural: 'linkgrants' };
export const LINK_TOKENS: ResourceType = { group: 'cdk8s-skupper.io', version: 'v1alpha1', plural: 'linktokens' };
export const SKUPPER_SITES: ResourceType = { group: 'skupper.io', version: 'v2alpha1', plural: 'sites' };
export const SKUPPER_LINKS: ResourceType = { group: 'skupper.io', version: 'v2alpha1', plural: 'links' };
export const SKUPPER_LISTENERS: ResourceType = { group: 'skupper.io', version: 'v2alpha1', plural: 'listeners' };
export const SKUPPER_CONNECTORS: ResourceType = { group: 'skupper.io', version: 'v2alpha1', plural: 'connectors' };
export const SECRETS: ResourceType = { group: '', version: 'v1', plural: 'secrets' };

/** The apiVersion of our own kinds (LinkGrant, LinkToken). */
export const CDK8S_SKUPPER_API_VERSION = `${LINK_GRANTS.group}/${LINK_GRANTS.version}`;

/** The REST path of a resource type in one namespace, or in all namespaces when `namespace` is undefined. */
export function resourcePath(type: ResourceType, namespace?: string): string {
  const prefix = type.group === '' ? `/api/${type.version}` : `/apis/${type.group}/${type.version}`;
  return namespace === undefined ? `${prefix}/${type.plural}` : `${prefix}/namespaces/${encodeURIComponent(namespace)}/${type.plural}`;
}
