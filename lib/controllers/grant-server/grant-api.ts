import { statusWriteMetadata } from '../../kube-client/status-write-metadata';
import { CustomObjectsApi, KubeConfig } from '@kubernetes/client-node';
import { apiStatusCode, undefinedOnStatus } from '../../kube-client/api-errors';
import { LINK_GRANTS } from '../../api/resource-types';
import { makeKeepAliveApiClient } from '../machinery/api-client';
import type { LinkGrant } from '../../api/link-grant';

/** The status write lost to a concurrent one (HTTP 409), or the grant is gone (404): read again and decide again. */
export class ConflictError extends Error {}

/** What the grant server does to LinkGrants through the API (an interface, so tests can fake it). */
export interface GrantApi {
  /** A fresh read (not the cache); undefined when the grant does not exist. */
  get(name: string): Promise<LinkGrant | undefined>;
  /** Writes `grant.status` if `grant.metadata.resourceVersion` is still current; else ConflictError. */
  replaceStatus(grant: LinkGrant): Promise<LinkGrant>;
}

/** {@link GrantApi} on the status subresource of cdk8s-skupper.io LinkGrants in one namespace. */
export function kubeGrantApi(kubeConfig: KubeConfig, namespace: string): GrantApi {
  const api = makeKeepAliveApiClient(kubeConfig, CustomObjectsApi);
  const target = { ...LINK_GRANTS, namespace };
  return {
    get: (name) => undefinedOnStatus(404, api.getNamespacedCustomObject({ ...target, name }) as Promise<LinkGrant>),
    async replaceStatus(grant) {
      if (!grant.metadata?.resourceVersion) throw new Error('refusing a status write without resourceVersion');
      try {
        const body = { ...grant, metadata: statusWriteMetadata(grant.metadata) };
        return await api.replaceNamespacedCustomObjectStatus({ ...target, name: grant.metadata.name!, body }) as LinkGrant;
      } catch (error) {
        const code = apiStatusCode(error);
        if (code === 409 || code === 404) throw new ConflictError(`LinkGrant ${grant.metadata.name} changed meanwhile`);
        throw error;
      }
    },
  };
}
