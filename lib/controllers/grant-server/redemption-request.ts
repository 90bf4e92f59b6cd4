import type { IncomingHttpHeaders } from 'http';
import type { Requester } from './redemption-decision';

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** A Secret/Link name, with room for the `-N` suffix of HA links. */
const MAX_NAME_LENGTH = 240;
/** X.509's upper bound for a common name (ub-common-name). */
const MAX_SUBJECT_LENGTH = 64;

/** The grant a request asks for, from the path `/<namespace>/<name>`. */
export interface GrantKey {
  readonly namespace: string;
  readonly name: string;
}

/**
 * The grant named by the request path, or undefined for any other path: such requests are
 * answered like an unknown grant. Only `/<namespace>/<name>` of valid object names; no UID form.
 */
export function grantKeyFromUrl(rawUrl: string | undefined): GrantKey | undefined {
  const path = (rawUrl ?? '').split('?')[0];
  const match = /^\/([^/]+)\/([^/]+)$/.exec(path);
  if (!match || match[1].length > 63 || match[2].length > 253 || !DNS_SUBDOMAIN.test(match[1]) || !DNS_SUBDOMAIN.test(match[2])) {
    return undefined;
  }
  return { namespace: match[1], name: match[2] };
}

/** The `name` and `subject` headers, with Skupper's defaults: the grant's name, then the name. */
export function requesterFromHeaders(headers: IncomingHttpHeaders, grantName: string): Requester | { readonly invalid: string } {
  const header = (key: string): string => {
    const value = headers[key];
    return (Array.isArray(value) ? value[0] : value) ?? '';
  };
  const name = header('name') || grantName;
  const subject = header('subject') || name;
  if (name.length > MAX_NAME_LENGTH || !DNS_SUBDOMAIN.test(name)) {
    return { invalid: `Invalid name header: must be a DNS-1123 subdomain of at most ${MAX_NAME_LENGTH} characters` };
  }
  if (subject.length > MAX_SUBJECT_LENGTH || !/^[\x21-\x7e]([\x20-\x7e]*[\x21-\x7e])?$/.test(subject)) {
    return { invalid: `Invalid subject header: must be at most ${MAX_SUBJECT_LENGTH} printable ASCII characters` };
  }
  return { name, subject };
}
