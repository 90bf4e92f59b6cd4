import { statusWriteMetadata } from '../../kube-client/status-write-metadata';
import { eventBody } from '../machinery/event-body';
import * as os from 'os';
import { CoreV1Api, CustomObjectsApi, KubeConfig, PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { apiStatusCode, describeError, undefinedOnStatus } from '../../kube-client/api-errors';
import type { Logger } from '../machinery/logger';
import { makeKeepAliveApiClient } from '../machinery/api-client';
import { CDK8S_SKUPPER_API_VERSION, LINK_TOKENS, SKUPPER_LINKS } from '../../api/resource-types';
import { LinkToken, LinkTokenStatus } from '../../api/link-token';
import { Secret } from '../machinery/secret';
import { SkupperLink, SkupperSite } from '../../api/skupper';
import type { RedeemerCluster } from './token-reconciler';

const COMPONENT = 'cdk8s-skupper-redeemer';

/** An informer's cache of one namespace. */
export interface NamespaceCache<T> {
  get(name: string, namespace: string): T | undefined;
  list(): readonly T[];
}

/** The redeemer's view of its namespace through @kubernetes/client-node: informer caches plus API calls. */
export class KubeRedeemerCluster implements RedeemerCluster {
  private readonly core: CoreV1Api;
  private readonly custom: CustomObjectsApi;

  public constructor(
    kubeConfig: KubeConfig,
    private readonly namespace: string,
    private readonly tokens: NamespaceCache<LinkToken>,
    private readonly sites: NamespaceCache<SkupperSite>,
    private readonly links: NamespaceCache<SkupperLink>,
    private readonly log: Logger,
  ) {
    this.core = makeKeepAliveApiClient(kubeConfig, CoreV1Api);
    this.custom = makeKeepAliveApiClient(kubeConfig, CustomObjectsApi);
  }

  public cachedToken(name: string): LinkToken | undefined {
    return this.tokens.get(name, this.namespace);
  }

  public cachedSites(): readonly SkupperSite[] {
    return this.sites.list();
  }

  public cachedLink(name: string): SkupperLink | undefined {
    return this.links.get(name, this.namespace);
  }

  public readSecret(name: string): Promise<Secret | undefined> {
    return undefinedOnStatus(404, this.core.readNamespacedSecret({ name, namespace: this.namespace }));
  }

  public readLink(name: string): Promise<SkupperLink | undefined> {
    return undefinedOnStatus(404, this.custom.getNamespacedCustomObject({ ...linksApi, namespace: this.namespace, name }) as Promise<SkupperLink>);
  }

  public createSecret(secret: Secret): Promise<Secret | undefined> {
    return undefinedOnStatus(409, this.core.createNamespacedSecret({ namespace: this.namespace, body: secret }));
  }

  public createLink(link: SkupperLink): Promise<SkupperLink | undefined> {
    return undefinedOnStatus(409, this.custom.createNamespacedCustomObject({ ...linksApi, namespace: this.namespace, body: link }) as Promise<SkupperLink>);
  }

  public async annotateLink(name: string, key: string, value: string): Promise<void> {
    await undefinedOnStatus(404, this.custom.patchNamespacedCustomObject(
      { ...linksApi, namespace: this.namespace, name, body: { metadata: { annotations: { [key]: value } } }, fieldManager: COMPONENT },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    ));
  }

  public async writeTokenStatus(token: LinkToken, status: LinkTokenStatus): Promise<'written' | 'conflict' | 'gone'> {
    try {
      // A replace carries the resourceVersion read: the API server refuses it if the token changed since.
      const metadata = statusWriteMetadata(token.metadata);
      await this.custom.replaceNamespacedCustomObjectStatus({
        ...tokensApi, namespace: this.namespace, name: token.metadata!.name!,
        body: { apiVersion: CDK8S_SKUPPER_API_VERSION, kind: 'LinkToken', metadata, spec: token.spec, status },
      });
      return 'written';
    } catch (error) {
      const code = apiStatusCode(error);
      if (code === 409) return 'conflict';
      if (code === 404) return 'gone';
      throw error;
    }
  }

  public async recordEvent(token: LinkToken, type: 'Normal' | 'Warning', reason: string, message: string): Promise<void> {
    const name = token.metadata!.name!;
    try {
      await this.core.createNamespacedEvent({
        namespace: this.namespace,
        body: eventBody({
          namespace: this.namespace,
          involvedObject: { apiVersion: CDK8S_SKUPPER_API_VERSION, kind: 'LinkToken', name, uid: token.metadata?.uid, resourceVersion: token.metadata?.resourceVersion },
          type, reason, message, component: COMPONENT, instance: os.hostname(), now: new Date(),
        }),
      });
    } catch (error) {
      // Events are a courtesy: the status says the same.
      this.log.warn('could not record an event', { token: name, reason, error: describeError(error) });
    }
  }
}

const tokensApi = { ...LINK_TOKENS };
const linksApi = { ...SKUPPER_LINKS };
