import * as YAML from 'yaml';
import { AccessTokenDocument, accessTokenDocument as document } from '../../api/access-token';
import type { LinkToken } from '../../api/link-token';

/**
 * The LinkToken as a stock Skupper AccessToken (skupper.io/v2alpha1), for a site run by the
 * Skupper controller alone. It holds the code: print it, never store or log it.
 */
export function accessTokenDocument(token: LinkToken, code: string): AccessTokenDocument {
  return document({ name: token.metadata!.name!, url: token.spec.url, ca: token.spec.ca, code, linkCost: token.spec.linkCost });
}

/** As `skupper token issue` writes it (sigs.k8s.io/yaml): keys sorted, empty values left out. */
export function renderAccessToken(document: AccessTokenDocument): string {
  return YAML.stringify(document, { sortMapEntries: true, lineWidth: 0 });
}
