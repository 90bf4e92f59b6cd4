import type { LinkGrant } from '../../api/link-grant';
import type { LinkToken } from '../../api/link-token';
import { CheckResult } from './doctor-check';
import { Handshake } from '../cluster/tls-handshake';

/** How long one TLS handshake may take. */
export const HANDSHAKE_TIMEOUT_MS = 5_000;

/** host and port of an https URL, or why there is none. */
export function httpsEndpoint(url: string): { host: string; port: number } | string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `"${url}" is not a URL`;
  }
  if (parsed.protocol !== 'https:') {
    return `"${url}" is not an https URL`;
  }
  // URL keeps the brackets of an IPv6 host; sockets want the bare address.
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  return { host, port: parsed.port === '' ? 443 : Number(parsed.port) };
}

/**
 * The listening side: one check per grant server endpoint (the host:port of the grants'
 * status.url), that a TLS 1.3 handshake completes from here. The grant server's CA is only
 * known to the connecting side, so the certificate is not checked here; that is the tokens'
 * check. Grants without a status.url (no grant server has seen them) are not checked.
 */
export async function checkGrantServers(context: string, grants: readonly LinkGrant[], handshake: Handshake): Promise<CheckResult[]> {
  const endpoints = new Map<string, { host: string; port: number; grants: string[] } | { invalid: string; grants: string[] }>();
  for (const grant of grants) {
    const url = grant.status?.url;
    if (!url) continue;
    const endpoint = httpsEndpoint(url);
    const key = typeof endpoint === 'string' ? url : `${endpoint.host}:${endpoint.port}`;
    const entry = endpoints.get(key) ?? (typeof endpoint === 'string' ? { invalid: endpoint, grants: [] } : { ...endpoint, grants: [] });
    entry.grants.push(`${grant.metadata?.namespace}/${grant.metadata?.name}`);
    endpoints.set(key, entry);
  }
  const sorted = [...endpoints].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Promise.all(sorted.map(async ([key, entry]): Promise<CheckResult> => {
    const check = `grant server ${key}`;
    const of = `(LinkGrant ${entry.grants.sort().join(', ')})`;
    if ('invalid' in entry) {
      return { context, check, outcome: 'FAIL', detail: `status.url ${entry.invalid} ${of}`, hint: 'the grant server writes status.url from its --base-url: check its arguments' };
    }
    const result = await handshake({ host: entry.host, port: entry.port, timeoutMs: HANDSHAKE_TIMEOUT_MS });
    return result.ok
      ? { context, check, outcome: 'OK', detail: `TLS 1.3 handshake completed ${of}` }
      : {
        context, check, outcome: 'FAIL', detail: `no TLS 1.3 handshake from here: ${result.reason} ${of}`,
        hint: 'the connecting sites must reach it: check that the grant server runs, and its Service/Ingress/Route and DNS (this check runs from where doctor runs)',
      };
  }));
}

/**
 * The connecting side, the real reachability check: for each LinkToken, a TLS 1.3 handshake
 * with the host:port of spec.url trusting only spec.ca and checking the host against the
 * certificate's SANs, as the redeemer will. A token that is already redeemed no longer needs
 * its grant server, so a failure there is only a WARN.
 */
export async function checkTokenReachability(context: string, tokens: readonly LinkToken[], handshake: Handshake): Promise<CheckResult[]> {
  const sorted = [...tokens].sort((a, b) => {
    const key = (t: LinkToken): string => `${t.metadata?.namespace}/${t.metadata?.name}`;
    return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
  });
  return Promise.all(sorted.map(async (token): Promise<CheckResult> => {
    const check = `LinkToken ${token.metadata?.namespace}/${token.metadata?.name}`;
    const endpoint = httpsEndpoint(token.spec?.url ?? '');
    if (typeof endpoint === 'string') {
      return { context, check, outcome: 'FAIL', detail: `spec.url ${endpoint}`, hint: 'the token must carry the https URL of its grant' };
    }
    const target = `${endpoint.host.includes(':') ? `[${endpoint.host}]` : endpoint.host}:${endpoint.port}`;
    if (!token.spec?.ca?.includes('-----BEGIN CERTIFICATE-----')) {
      return { context, check, outcome: 'FAIL', detail: `spec.ca is not a PEM certificate, so ${target} cannot be trusted`, hint: 'the token must carry the CA of the grant server' };
    }
    const result = await handshake({ ...endpoint, ca: token.spec.ca, timeoutMs: HANDSHAKE_TIMEOUT_MS });
    if (result.ok) {
      return { context, check, outcome: 'OK', detail: `TLS 1.3 handshake with ${target} completed, certificate trusted by spec.ca` };
    }
    const redeemed = token.status?.redeemed === true;
    return {
      context, check, outcome: redeemed ? 'WARN' : 'FAIL',
      detail: `no trusted TLS 1.3 handshake with ${target}: ${result.reason}${redeemed ? ' (already redeemed, so it no longer needs the grant server)' : ''}`,
      hint: redeemed
        ? 'nothing to do unless the token is to be redeemed again'
        : 'check the grant server\'s address, that it runs, and that spec.ca is the CA of its certificate (this check runs from where doctor runs, not from inside the cluster)',
    };
  }));
}
