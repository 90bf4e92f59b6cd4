import * as crypto from 'crypto';
import { SkupperEndpoint, SKUPPER_API_VERSION } from '../../api/skupper';
import { parseDocuments } from './bundle-documents';
import { BundleExpectations, checkFields, checkMetadata } from './bundle-metadata';
import { BundleProblem, describeKind, isObject, Json, quoteName, quoteSecretType } from './bundle-problem';
import { isStrictBase64 } from '../../validation/base64';

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
  readonly endpoints: readonly SkupperEndpoint[];
  readonly cost?: number;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
}

/** What a redemption returns: the link's client certificate, then one Link per router group. */
export interface ReceivedBundle {
  readonly secret: ReceivedSecret;
  readonly links: readonly ReceivedLink[];
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
    if (!isStrictBase64(value)) {
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

function checkEndpoint(value: unknown, what: string): SkupperEndpoint {
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
  return value as SkupperEndpoint;
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

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
