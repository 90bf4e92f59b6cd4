/** What is wrong with a grant server's answer; its message names the document and field, never a value. */
export class BundleProblem extends Error {}

/** A parsed YAML object of the answer. */
export type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value);
}

// The answer carries a private key: what a problem repeats of it must be harmless.

export function describeKind(doc: Json): string {
  const kind = typeof doc.kind === 'string' && /^[A-Za-z][A-Za-z0-9]{0,62}$/.test(doc.kind) ? doc.kind : undefined;
  const apiVersion = typeof doc.apiVersion === 'string' && /^[a-z0-9.-]{0,200}\/?[a-z0-9]{1,30}$/.test(doc.apiVersion) ? doc.apiVersion : undefined;
  if (kind === undefined) return 'an object without a valid kind';
  return apiVersion === undefined ? `a ${kind} without a valid apiVersion` : `a ${apiVersion} ${kind}`;
}

/** A name from the answer, quoted; anything that is not a Kubernetes name is not repeated. */
export function quoteName(value: unknown): string {
  return typeof value === 'string' && /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/.test(value) ? `"${value}"` : '(not a valid name)';
}

export function quoteSecretType(value: string): string {
  return /^[A-Za-z0-9./-]{1,100}$/.test(value) ? `"${value}"` : '(not a valid Secret type)';
}

export function safeFieldName(value: string): string {
  return /^[A-Za-z0-9._/-]{1,100}$/.test(value) ? value : '(not a valid field name)';
}
