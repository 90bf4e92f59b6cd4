import { CoreV1Api, CustomObjectsApi, KubeConfig, KubernetesListObject, KubernetesObject, ListWatch, Watch } from '@kubernetes/client-node';
import { Logger } from './logger';

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
export const SECRETS: ResourceType = { group: '', version: 'v1', plural: 'secrets' };

/** The REST path of a resource collection in a namespace. */
export function collectionPath(type: ResourceType, namespace: string): string {
  const prefix = type.group === '' ? `/api/${type.version}` : `/apis/${type.group}/${type.version}`;
  return `${prefix}/namespaces/${namespace}/${type.plural}`;
}

/**
 * A cached list+watch of one resource type in one namespace (client-node's ListWatch, which
 * re-lists after a dropped watch). `onChange` gets every added, updated or deleted object: the
 * caller enqueues its key, and reconciles read the cache: level-triggered, no polling.
 */
export function watchResource<T extends KubernetesObject>(
  kubeConfig: KubeConfig, type: ResourceType, namespace: string, onChange: (obj: T) => void, log: Logger,
  options: { fieldSelector?: string } = {},
): ListWatch<T> {
  const path = collectionPath(type, namespace);
  const list = async (): Promise<KubernetesListObject<T>> => {
    const fieldSelector = options.fieldSelector;
    if (type.group === '' && type.plural === 'secrets') {
      return await kubeConfig.makeApiClient(CoreV1Api).listNamespacedSecret({ namespace, fieldSelector }) as unknown as KubernetesListObject<T>;
    }
    return await kubeConfig.makeApiClient(CustomObjectsApi).listNamespacedCustomObject({
      group: type.group, version: type.version, namespace, plural: type.plural, fieldSelector,
    }) as KubernetesListObject<T>;
  };
  const informer = new ListWatch<T>(path, new Watch(kubeConfig), list, false, undefined, options.fieldSelector);
  for (const verb of ['add', 'update', 'delete'] as const) {
    informer.on(verb, onChange);
  }
  informer.on('error', (err?: unknown) => {
    log.warn('watch failed; restarting', { resource: type.plural, error: String(err) });
    setTimeout(() => void informer.start().catch(() => undefined), 2000);
  });
  return informer;
}
