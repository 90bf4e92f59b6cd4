import type { KubernetesObject, V1ObjectMeta, V1OwnerReference } from '@kubernetes/client-node';
import type { ReceivedBundle } from './received-bundle';
import { TOKEN_LABEL } from '../../api/labels';
import { LinkToken } from '../../api/link-token';
import { MAX_LABEL_VALUE_LENGTH } from '../../validation/label-value';
import { Secret } from '../machinery/secret';
import { SKUPPER_API_VERSION, SkupperLink, SkupperSite } from '../../api/skupper';

/**
 * Marks what the redeemer created for a token (annotation; also a label when the name fits in
 * one, for `kubectl get -l`). Objects of the token's name without it are someone else's.
 */
export const TOKEN_MARKER = TOKEN_LABEL;
/**
 * On the Secret: the Links created with it. The Secret is created first, so after a crash it
 * tells which Links are still missing.
 */
export const LINKS_ANNOTATION = 'cdk8s-skupper.io/links';

const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** The Secret and Links to create from a checked answer, in creation order (Secret first). */
export interface ObjectsToCreate {
  readonly secret: Secret;
  readonly links: readonly SkupperLink[];
}

/**
 * What a redemption creates, as Skupper's redeemer does: the received Secret and Links in the
 * token's namespace, owned by the Site (so they go with it, not with the token), with the
 * token's linkCost as the Links' cost; plus our markers.
 */
export function objectsToCreate(bundle: ReceivedBundle, token: LinkToken, site: SkupperSite): ObjectsToCreate {
  const tokenName = token.metadata!.name!;
  const namespace = token.metadata!.namespace!;
  const ownerReferences: V1OwnerReference[] = [{ apiVersion: SKUPPER_API_VERSION, kind: 'Site', name: site.metadata!.name!, uid: site.metadata!.uid! }];
  const labels: Record<string, string> = LABEL_VALUE.test(tokenName) && tokenName.length <= MAX_LABEL_VALUE_LENGTH ? { [TOKEN_MARKER]: tokenName } : {};
  const metadata = (name: string, received: ReceivedMetadata, annotations: Record<string, string> = {}): V1ObjectMeta => ({
    name,
    namespace,
    labels: { ...received.labels, ...labels },
    annotations: { ...received.annotations, [TOKEN_MARKER]: tokenName, ...annotations },
    ownerReferences,
  });
  return {
    secret: {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: metadata(bundle.secret.name, bundle.secret, { [LINKS_ANNOTATION]: bundle.links.map(link => link.name).join(',') }),
      type: 'kubernetes.io/tls',
      data: { ...bundle.secret.data },
    },
    links: bundle.links.map(link => ({
      apiVersion: SKUPPER_API_VERSION,
      kind: 'Link',
      metadata: metadata(link.name, link),
      spec: {
        endpoints: link.endpoints,
        tlsCredentials: bundle.secret.name,
        ...(token.spec.linkCost !== undefined ? { cost: token.spec.linkCost } : link.cost !== undefined ? { cost: link.cost } : {}),
      },
    })),
  };
}

interface ReceivedMetadata {
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
}

/** True if the redeemer created `obj` for the token named `tokenName`. */
export function createdForToken(obj: KubernetesObject, tokenName: string): boolean {
  return obj.metadata?.annotations?.[TOKEN_MARKER] === tokenName;
}

/** The token an object was created for, if any. */
export function tokenOf(obj: KubernetesObject): string | undefined {
  return obj.metadata?.annotations?.[TOKEN_MARKER];
}

/** The Links a Secret of ours was created with (empty if it does not say). */
export function linksRecordedOn(secret: Secret): string[] {
  const value = secret.metadata?.annotations?.[LINKS_ANNOTATION] ?? '';
  return value.split(',').map(name => name.trim()).filter(name => name !== '');
}
