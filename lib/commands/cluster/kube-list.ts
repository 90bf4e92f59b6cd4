import type { KubernetesObject } from '@kubernetes/client-node';
import { getJson, JSON_ACCEPT, KubeApiReader } from './kube-api-reader';

/** A page of a list: items and the token of the next page. */
interface ListPage<T> {
  readonly items?: T[];
  readonly metadata?: { readonly continue?: string };
}

/** Small pages keep each answer bounded on clusters with many objects. */
const PAGE_SIZE = 250;

/** Asks for metadata only: lists of Secrets then carry no secret data. */
export const METADATA_ONLY_ACCEPT = 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1';

/**
 * Every item of a list, following `continue` tokens. `query` holds extra parameters such as a
 * labelSelector. Throws a KubeApiError for an error status (404 when the resource type is not
 * served, e.g. its CRD is missing).
 */
export async function listAll<T = KubernetesObject>(
  reader: KubeApiReader,
  path: string,
  query: Readonly<Record<string, string>> = {},
  accept: string = JSON_ACCEPT,
): Promise<T[]> {
  const items: T[] = [];
  let next: string | undefined;
  do {
    const params = new URLSearchParams({ ...query, limit: String(PAGE_SIZE), ...(next ? { continue: next } : {}) });
    const page = await getJson<ListPage<T>>(reader, `${path}?${params.toString()}`, accept);
    items.push(...(page.items ?? []));
    next = page.metadata?.continue || undefined;
  } while (next);
  return items;
}
