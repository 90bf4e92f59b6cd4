import type { ObjectMeta } from '../api/kubernetes-object';

/**
 * An object's metadata for a status write, without managedFields: the API server keeps them when a
 * write leaves them out, and they are most of the body it would otherwise decode on every write.
 */
export function statusWriteMetadata(metadata: ObjectMeta | undefined): ObjectMeta {
  const { managedFields: _, ...rest } = (metadata ?? {}) as ObjectMeta & { managedFields?: unknown };
  return rest;
}
