import * as crypto from 'crypto';
import * as YAML from 'yaml';
import { LinkEndpoint, SKUPPER_API_VERSION } from './resources';

/** The Secret of a grant server's answer, checked: a kubernetes.io/tls Secret named like the token. */
export interface ReceivedSecret {
  readonly name: string;
  /** tls.crt, tls.key and ca.crt, base64 as received. */
  readonly data: Readonly<Record<string, string>>;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
}

/** A Link of a grant server's answer, checked. */
export interface ReceivedLink {
  readonly name: string;
  readonly endpoints: readonly LinkEndpoint[];
  readonly cost?: number;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
}

/** What a redemption returns: the link's client certificate, then one Link per router group. */
export interface ReceivedBundle {
  readonly secret: ReceivedSecret;
  readonly links: readonly ReceivedLink[];
}

/** Where the answer will be created: the token's name (the Secret's and Links' names) and namespace. */
export interface BundleExpectations {
  readonly tokenName: string;
  readonly namespace: string;
}

export type BundleCheck =
  | { readonly valid: true; readonly bundle: ReceivedBundle }
  | { readonly valid: false; readonly problem: string };

/** Skupper answers with one Link per router group: two with HA. Anything far beyond is not a grant server's answer. */
export const MAX_LINKS = 8;

const SECRET_DATA_KEYS = ['ca.crt', 'tls.crt', 'tls.key'];
const SECRET_FIELDS = ['apiVersion', 'kind', 'metadata', 'type', 'data'];
const LINK_FIELDS = ['apiVersion', 'kind', 'metadata', 'spec', 'status'];
// settings is left out on purpose: its proxy-configuration key would point our router at a
// Secret of the peer's choosing. Skupper's grant server never sends it.
const LINK_SPEC_FIELDS = ['endpoints', 'tlsCredentials', 'cost'];
const ENDPOINT_FIELDS = ['name', 'host', 'port', 'group'];
const METADATA_FIELDS = ['name', 'namespace', 'creationTimestamp', 'labels', 'annotations'];
// Fields that only the API server may set, or that would tie the object to something the peer chose.
const FORBIDDEN_METADATA_FIELDS = ['uid', 'resourceVersion', 'ownerReferences', 'finalizers', 'generateName',
  'generation', 'selfLink', 'managedFields', 'deletionTimestamp', 'deletionGracePeriodSeconds'];
/** Our ownership markers: a peer must not be able to claim objects for some other token. */
const RESERVED_KEY_PREFIX = 'cdk8s-skupper.io/';

/**
 * Checks a grant server's answer before anything is created from it: a YAML stream of exactly
 * one v1 kubernetes.io/tls Secret named like the token (tls.crt + matching tls.key, ca.crt),
 * then 1 to MAX_LINKS skupper.io/v2alpha1 Links named `<token>` or `<token>-<n>` whose
 * tlsCredentials is that Secret. Everything else is refused: other kinds, extra documents,
 * another namespace, server-owned or unknown fields. Problems name the document and field,
 * never a value of the answer (it carries a private key).
 */
export function checkReceivedBundle(body: string, expected: BundleExpectations): BundleCheck {
  try {
    const documents = parseDocuments(body);
    if (documents.length === 0) {
      throw new BundleProblem('the answer is empty: expected a Secret and at least one Link');
    }
    const secret = checkSecret(documents[0], expected);
    const links = documents.slice(1).map((doc, i) => checkLink(doc, i + 2, expected));
    if (links.length === 0) {
      throw new BundleProblem('the answer has no Link after the Secret');
    }
    if (links.length > MAX_LINKS) {
      throw new BundleProblem(`the answer has ${links.length} Links: at most ${MAX_LINKS} are accepted`);
    }
    const names = links.map(link => link.name);
    const duplicate = names.find((name, i) => names.indexOf(name) !== i);
    if (duplicate !== undefined) {
      throw new BundleProblem(`the answer has two Links named ${quoteName(duplicate)}`);
    }
    return { valid: true, bundle: { secret, links } };
  } catch (error) {
    if (error instanceof BundleProblem) {
      return { valid: false, problem: error.message };
    }
    throw error;
  }
}

class BundleProblem extends Error {}

type Json = Record<string, unknown>;

function parseDocuments(body: string): Json[] {
  const documents: Json[] = [];
  YAML.parseAllDocuments(body, { uniqueKeys: true }).forEach((doc, i) => {
    const where = `document ${i + 1}`;
    const issue = doc.errors[0] ?? doc.warnings[0];
    if (issue) {
      // The parser's message quotes the source; only its code and position are repeated.
      const at = issue.linePos?.[0];
      throw new BundleProblem(`${where} is not valid YAML (${issue.code}${at ? ` at line ${at.line}, column ${at.col}` : ''})`);
    }
    let value: unknown;
    try {
      // No aliases: Skupper's serializer never writes them, and they allow expansion attacks.
      value = doc.toJS({ maxAliasCount: 0 });
    } catch {
      throw new BundleProblem(`${where} uses YAML aliases, which are not accepted`);
    }
    if (value === null || value === undefined) return; // an empty document, e.g. after a final `---`
    if (!isObject(value)) {
      throw new BundleProblem(`${where} is not an object`);
    }
    documents.push(value);
  });
  return documents;
}

function checkSecret(doc: Json, expected: BundleExpectations): ReceivedSecret {
  const where = 'document 1';
  if (doc.apiVersion !== 'v1' || doc.kind !== 'Secret') {
    throw new BundleProblem(`${where} must be a v1 Secret, got ${describeKind(doc)}`);
  }
  const what = `${where} (Secret)`;
  checkFields(doc, SECRET_FIELDS, what, '');
  const metadata = checkMetadata(doc.metadata, what, expected);
  if (metadata.name !== expected.tokenName) {
    throw new BundleProblem(`${what} is named ${quoteName(metadata.name)}: expected the token's name ${quoteName(expected.tokenName)}`);
  }
  if (doc.type !== 'kubernetes.io/tls') {
    throw new BundleProblem(`${what} has type ${typeof doc.type === 'string' ? quoteSecretType(doc.type) : 'none'}: expected kubernetes.io/tls`);
  }
  if (!isObject(doc.data)) {
    throw new BundleProblem(`${what} has no data`);
  }
  checkFields(doc.data, SECRET_DATA_KEYS, what, 'data.');
  const pem: Record<string, string> = {};
  for (const key of SECRET_DATA_KEYS) {
    const value = doc.data[key];
    if (typeof value !== 'string' || value === '') {
      throw new BundleProblem(`${what} has no data.${key}`);
    }
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(value) || value.length % 4 !== 0) {
      throw new BundleProblem(`${what} data.${key} is not valid base64`);
    }
    pem[key] = Buffer.from(value, 'base64').toString('utf8');
  }
  const certificate = parseCertificate(pem['tls.crt'], `${what} data.tls.crt`);
  parseCertificate(pem['ca.crt'], `${what} data.ca.crt`);
  if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(pem['tls.key'])) {
    throw new BundleProblem(`${what} data.tls.key is not a PEM private key`);
  }
  let matches = false;
  try {
    matches = certificate.checkPrivateKey(crypto.createPrivateKey(pem['tls.key']));
  } catch {
    throw new BundleProblem(`${what} data.tls.key is not a readable private key`);
  }
  if (!matches) {
    throw new BundleProblem(`${what} data.tls.key is not the private key of data.tls.crt`);
  }
  return { name: metadata.name, data: doc.data as Record<string, string>, labels: metadata.labels, annotations: metadata.annotations };
}

function checkLink(doc: Json, index: number, expected: BundleExpectations): ReceivedLink {
  const where = `document ${index}`;
  if (doc.apiVersion !== SKUPPER_API_VERSION || doc.kind !== 'Link') {
    throw new BundleProblem(`${where} must be a ${SKUPPER_API_VERSION} Link, got ${describeKind(doc)}`);
  }
  const what = `${where} (Link)`;
  checkFields(doc, LINK_FIELDS, what, '');
  const metadata = checkMetadata(doc.metadata, what, expected);
  const namePattern = new RegExp(`^${escapeRegExp(expected.tokenName)}(-[1-9][0-9]{0,2})?$`);
  if (!namePattern.test(metadata.name)) {
    throw new BundleProblem(`${what} is named ${quoteName(metadata.name)}: expected "${expected.tokenName}" or "${expected.tokenName}-<n>"`);
  }
  // Skupper's serializer writes `status: {}`; the API server ignores status on create anyway.
  if (doc.status !== undefined && doc.status !== null && !(isObject(doc.status) && Object.keys(doc.status).length === 0)) {
    throw new BundleProblem(`${what} has a status: expected none`);
  }
  if (!isObject(doc.spec)) {
    throw new BundleProblem(`${what} has no spec`);
  }
  const spec = doc.spec;
  checkFields(spec, LINK_SPEC_FIELDS, what, 'spec.');
  if (spec.tlsCredentials !== expected.tokenName) {
    throw new BundleProblem(`${what} spec.tlsCredentials must be the Secret's name ${quoteName(expected.tokenName)}`);
  }
  if (spec.cost !== undefined && (!Number.isInteger(spec.cost) || (spec.cost as number) < 1)) {
    throw new BundleProblem(`${what} spec.cost must be a positive integer`);
  }
  if (!Array.isArray(spec.endpoints) || spec.endpoints.length === 0) {
    throw new BundleProblem(`${what} spec.endpoints must be a non-empty list`);
  }
  const endpoints = spec.endpoints.map((endpoint: unknown, i: number) => checkEndpoint(endpoint, `${what} spec.endpoints[${i}]`));
  return {
    name: metadata.name,
    endpoints,
    cost: spec.cost as number | undefined,
    labels: metadata.labels,
    annotations: metadata.annotations,
  };
}

function checkEndpoint(value: unknown, what: string): LinkEndpoint {
  if (!isObject(value)) {
    throw new BundleProblem(`${what} is not an object`);
  }
  checkFields(value, ENDPOINT_FIELDS, what, '');
  for (const field of ENDPOINT_FIELDS) {
    if (value[field] !== undefined && typeof value[field] !== 'string') {
      throw new BundleProblem(`${what}.${field} must be a string`);
    }
  }
  if (!value.host) {
    throw new BundleProblem(`${what} has no host`);
  }
  const port = value.port as string | undefined;
  if (port === undefined || !/^[0-9]{1,5}$/.test(port) || Number(port) < 1 || Number(port) > 65535) {
    throw new BundleProblem(`${what}.port must be a port number (a string from "1" to "65535")`);
  }
  return value as LinkEndpoint;
}

interface CheckedMetadata {
  readonly name: string;
  readonly labels: Record<string, string>;
  readonly annotations: Record<string, string>;
}

function checkMetadata(value: unknown, what: string, expected: BundleExpectations): CheckedMetadata {
  if (!isObject(value)) {
    throw new BundleProblem(`${what} has no metadata`);
  }
  for (const field of FORBIDDEN_METADATA_FIELDS) {
    if (value[field] !== undefined) {
      throw new BundleProblem(`${what} sets metadata.${field}, which a grant server must not send`);
    }
  }
  checkFields(value, METADATA_FIELDS, what, 'metadata.');
  if (typeof value.name !== 'string' || value.name === '') {
    throw new BundleProblem(`${what} has no metadata.name`);
  }
  const namespace = value.namespace;
  if (namespace !== undefined && namespace !== null && namespace !== '' && namespace !== expected.namespace) {
    throw new BundleProblem(`${what} is for namespace ${quoteName(namespace)}: objects are only created in this namespace ${quoteName(expected.namespace)}`);
  }
  if (value.creationTimestamp !== undefined && value.creationTimestamp !== null) {
    throw new BundleProblem(`${what} sets metadata.creationTimestamp, which a grant server must not send`);
  }
  return {
    name: value.name,
    labels: checkStringMap(value.labels, `${what} metadata.labels`),
    annotations: checkStringMap(value.annotations, `${what} metadata.annotations`),
  };
}

function checkStringMap(value: unknown, what: string): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (!isObject(value)) {
    throw new BundleProblem(`${what} is not a map`);
  }
  for (const [key, entry] of Object.entries(value)) {
    if (typeof entry !== 'string') {
      throw new BundleProblem(`${what} has a value that is not a string`);
    }
    if (key.startsWith(RESERVED_KEY_PREFIX)) {
      throw new BundleProblem(`${what} uses the reserved prefix ${RESERVED_KEY_PREFIX}`);
    }
  }
  return value as Record<string, string>;
}

function checkFields(value: Json, allowed: readonly string[], what: string, prefix: string): void {
  const unknown = Object.keys(value).find(key => !allowed.includes(key));
  if (unknown !== undefined) {
    throw new BundleProblem(`${what} has an unexpected field ${prefix}${safeFieldName(unknown)}`);
  }
}

function parseCertificate(pem: string, what: string): crypto.X509Certificate {
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
    throw new BundleProblem(`${what} is not a PEM certificate`);
  }
  try {
    return new crypto.X509Certificate(pem);
  } catch {
    throw new BundleProblem(`${what} is not a readable certificate`);
  }
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value);
}

function describeKind(doc: Json): string {
  const kind = typeof doc.kind === 'string' && /^[A-Za-z][A-Za-z0-9]{0,62}$/.test(doc.kind) ? doc.kind : undefined;
  const apiVersion = typeof doc.apiVersion === 'string' && /^[a-z0-9.-]{0,200}\/?[a-z0-9]{1,30}$/.test(doc.apiVersion) ? doc.apiVersion : undefined;
  if (kind === undefined) return 'an object without a valid kind';
  return apiVersion === undefined ? `a ${kind} without a valid apiVersion` : `a ${apiVersion} ${kind}`;
}

/** A name from the answer, quoted; anything that is not a Kubernetes name is not repeated. */
function quoteName(value: unknown): string {
  return typeof value === 'string' && /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/.test(value) ? `"${value}"` : '(not a valid name)';
}

function quoteSecretType(value: string): string {
  return /^[A-Za-z0-9./-]{1,100}$/.test(value) ? `"${value}"` : '(not a valid Secret type)';
}

function safeFieldName(value: string): string {
  return /^[A-Za-z0-9._/-]{1,100}$/.test(value) ? value : '(not a valid field name)';
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
