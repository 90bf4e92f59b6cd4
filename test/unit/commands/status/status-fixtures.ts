// LinkGrants, LinkTokens, Links, Listeners and Connectors as the API returns them, with the status
// our runtime and Skupper's controller write, for the status and doctor tests.
import type { SkupperConnector, SkupperLink, SkupperListener } from '../../../../lib/api/skupper';
import type { LinkGrant } from '../../../../lib/api/link-grant';
import type { Condition } from '../../../../lib/api/kubernetes-object';
import type { LinkToken } from '../../../../lib/api/link-token';

export const NOW = new Date('2026-05-01T12:00:00Z');

export function condition(type: string, status: Condition['status'], reason: string, message = ''): Condition {
  return { type, status, reason, message, lastTransitionTime: '2026-05-01T11:00:00Z' };
}

export function grant(namespace: string, name: string, status?: LinkGrant['status'], redemptionsAllowed?: number): LinkGrant {
  return {
    apiVersion: 'cdk8s-skupper.io/v1alpha1', kind: 'LinkGrant', metadata: { namespace, name },
    spec: { codeSecretRef: { name: `${name}-code` }, ...(redemptionsAllowed === undefined ? {} : { redemptionsAllowed }) },
    ...(status ? { status } : {}),
  };
}

export function token(namespace: string, name: string, status?: LinkToken['status'], url = 'https://grants.west.example.com:8443/west/grant-west'): LinkToken {
  return {
    apiVersion: 'cdk8s-skupper.io/v1alpha1', kind: 'LinkToken', metadata: { namespace, name },
    spec: { url, ca: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n', codeSecretRef: { name: `${name}-code` }, remoteSite: 'west' },
    ...(status ? { status } : {}),
  };
}

export function link(namespace: string, name: string, status?: SkupperLink['status']): SkupperLink {
  return {
    apiVersion: 'skupper.io/v2alpha1', kind: 'Link', metadata: { namespace, name },
    spec: { endpoints: [{ name: 'inter-router', host: '10.0.0.1', port: '55671', group: 'skupper-router' }], tlsCredentials: name },
    ...(status ? { status } : {}),
  };
}

export const READY_GRANT_STATUS = {
  status: 'Ready', message: 'OK', redemptions: 1, expirationTime: '2026-05-01T12:25:00Z', url: 'https://grants.west.example.com:8443/west/grant-west',
};
export const READY_TOKEN_STATUS = { status: 'Ready', message: 'OK', redeemed: true, links: ['token-to-west'], secretName: 'token-to-west' };
export const READY_LINK_STATUS = {
  status: 'Ready', message: 'OK', remoteSiteName: 'west',
  conditions: [condition('Configured', 'True', 'Ready'), condition('Operational', 'True', 'Ready'), condition('Ready', 'True', 'Ready', 'OK')],
};

export function listener(namespace: string, name: string, status?: SkupperListener['status']): SkupperListener {
  return {
    apiVersion: 'skupper.io/v2alpha1', kind: 'Listener', metadata: { namespace, name },
    spec: { routingKey: name, host: name, port: 8080 },
    ...(status ? { status } : {}),
  };
}

export function connector(namespace: string, name: string, status?: SkupperConnector['status']): SkupperConnector {
  return {
    apiVersion: 'skupper.io/v2alpha1', kind: 'Connector', metadata: { namespace, name },
    spec: { routingKey: name, selector: `app=${name}`, port: 8080 },
    ...(status ? { status } : {}),
  };
}

/** What Skupper 2.2.1 writes once a Listener is in the router configuration and a Connector with its key exists. */
export const READY_LISTENER_STATUS = {
  status: 'Ready', message: 'OK', hasMatchingConnector: true,
  conditions: [condition('Configured', 'True', 'Ready', 'OK'), condition('Matched', 'True', 'Ready', 'OK'), condition('Ready', 'True', 'Ready', 'OK')],
};
/** ... and before any Connector with its key exists (the status Skupper's setReady copies from Matched). */
export const UNMATCHED_CONNECTOR_STATUS = {
  status: 'Pending', message: 'No matching listeners',
  conditions: [condition('Configured', 'True', 'Ready', 'OK'), condition('Matched', 'False', 'Pending', 'No matching listeners'),
    condition('Ready', 'False', 'Pending', 'No matching listeners')],
};
