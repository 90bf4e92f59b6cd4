
/** A namespaced API resource the runtime watches. */
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

/** The REST path of a resource collection in a namespace. */
export function collectionPath(type: ResourceType, namespace: string): string {
  const prefix = type.group === '' ? `/api/${type.version}` : `/apis/${type.group}/${type.version}`;
  return `${prefix}/namespaces/${namespace}/${type.plural}`;
}

/** A Kubernetes condition (metav1.Condition). */
export interface Condition {
  readonly type: string;
  readonly status: 'True' | 'False' | 'Unknown';
  readonly reason: string;
  readonly message: string;
  readonly lastTransitionTime: string;
  readonly observedGeneration?: number;
}
