import * as YAML from 'yaml';
import type { AccessTokenDocument } from '../../constructs/link-token';
import type { LinkToken } from './resources';

/**
 * The LinkToken as a stock Skupper AccessToken (skupper.io/v2alpha1), for a site run by the
 * Skupper controller alone. It holds the code: print it, never store or log it.
 */
export function accessTokenDocument(token: LinkToken, code: string): AccessTokenDocument {
  return {
    apiVersion: 'skupper.io/v2alpha1',
    kind: 'AccessToken',
    metadata: { name: token.metadata!.name! },
    spec: {
      ca: token.spec.ca,
      code,
      ...(token.spec.linkCost !== undefined ? { linkCost: token.spec.linkCost } : {}),
      url: token.spec.url,
    },
  };
}

/** As `skupper token issue` writes it (sigs.k8s.io/yaml): keys sorted, empty values left out. */
export function renderAccessToken(document: AccessTokenDocument): string {
  return YAML.stringify(document, { sortMapEntries: true, lineWidth: 0 });
}
