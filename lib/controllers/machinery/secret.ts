import type { V1Secret } from '@kubernetes/client-node';

export type Secret = V1Secret;

/** A Secret's value under `key`, decoded; undefined when the Secret or the key is missing. */
export function secretValue(secret: Secret | undefined, key: string): Buffer | undefined {
  const value = secret?.data?.[key];
  return value === undefined ? undefined : Buffer.from(value, 'base64');
}
