// The stock Skupper AccessToken, as both the LinkToken construct (toAccessToken) and the
// `token export` command produce it; kept here so neither has to import the other.

/** A stock Skupper `AccessToken` document (skupper.io/v2alpha1). It holds the code: print it, never store or log it. */
export interface AccessTokenDocument {
  readonly apiVersion: 'skupper.io/v2alpha1';
  readonly kind: 'AccessToken';
  readonly metadata: { readonly name: string };
  readonly spec: { readonly ca: string; readonly code: string; readonly linkCost?: number; readonly url: string };
}

/** What an AccessToken is made of: a token's name, its grant server's URL and CA, the code and the link cost. */
export interface AccessTokenParts {
  readonly name: string;
  readonly url: string;
  readonly ca: string;
  readonly code: string;
  /** Left out of the document when undefined (Skupper's default cost). */
  readonly linkCost?: number;
}

/** The AccessToken of a token; `linkCost` appears only when it is set. */
export function accessTokenDocument(parts: AccessTokenParts): AccessTokenDocument {
  return {
    apiVersion: 'skupper.io/v2alpha1',
    kind: 'AccessToken',
    metadata: { name: parts.name },
    spec: {
      ca: parts.ca,
      code: parts.code,
      ...(parts.linkCost !== undefined ? { linkCost: parts.linkCost } : {}),
      url: parts.url,
    },
  };
}
