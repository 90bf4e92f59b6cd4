/**
 * Whether `value` is canonical padded base64 (what the API server returns for Secret data):
 * Node's decoder skips anything else silently, so a corrupt value would decode to wrong bytes.
 */
export function isStrictBase64(value: string): boolean {
  return value.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(value);
}
