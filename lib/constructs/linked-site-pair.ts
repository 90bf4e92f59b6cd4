import { Construct } from 'constructs';
import { MAX_LABEL_VALUE_LENGTH } from '../validation/label-value';
import { LinkGrant } from './link-grant';
import { LinkToken } from './link-token';
import { Site } from './site';

/** Properties of a {@link LinkedSitePair}. */
export interface LinkedSitePairProps {
  /** The site that accepts the link (needs linkAccess and a GrantServer). */
  readonly listening: Site;
  /** The site that makes the link. */
  readonly connecting: Site;
  /**
   * The grant's name on the listening site.
   * @default - `grant-<connecting site>`
   */
  readonly grantName?: string;
  /**
   * The token's name on the connecting site (and of the Link and Secret it creates).
   * @default - `token-to-<listening site>`
   */
  readonly tokenName?: string;
  /**
   * How many times the token may be redeemed (re-provisioning the connecting site uses one).
   * @default 1
   */
  readonly redemptionsAllowed?: number;
  /**
   * How long the grant stays redeemable once the grant server first sees it, as a Go duration.
   * @default 15m
   */
  readonly expirationWindow?: string;
  /**
   * The cost of the link.
   * @default - Skupper's default (1)
   */
  readonly cost?: number;
  /**
   * Bump to rotate this link's code.
   * @default 0
   */
  readonly rotation?: number;
}

/**
 * One link between two sites, usually on two clusters: a LinkGrant on the listening site and the
 * matching LinkToken on the connecting site, sharing a code that is only ever written sealed,
 * once for each cluster.
 */
export class LinkedSitePair extends Construct {
  /** The grant on the listening site. */
  public readonly grant: LinkGrant;
  /** The token on the connecting site. */
  public readonly token: LinkToken;

  public constructor(scope: Construct, id: string, props: LinkedSitePairProps) {
    if (props.listening === props.connecting) {
      throw new Error(`link "${id}" connects site "${props.listening.name}" to itself: pick two different sites`);
    }
    super(scope, id);
    // The grant and token live in their sites' charts (one per cluster folder); this construct only ties them together.
    this.grant = new LinkGrant(props.listening, `LinkGrant-${id}`, {
      name: props.grantName ?? defaultName(id, 'grant', `grant-${props.connecting.name}`, 'connecting'),
      redemptionsAllowed: props.redemptionsAllowed,
      expirationWindow: props.expirationWindow,
      rotation: props.rotation,
    });
    this.token = new LinkToken(props.connecting, `LinkToken-${id}`, {
      name: props.tokenName ?? defaultName(id, 'token', `token-to-${props.listening.name}`, 'listening'),
      grant: this.grant,
      cost: props.cost,
    });
  }
}

/**
 * A default grant or token name, refused here when too long, so the error can say which prop to
 * set (LinkGrant and LinkToken refuse it too, but cannot know that the name was derived).
 */
function defaultName(id: string, kind: 'grant' | 'token', name: string, fromSite: 'connecting' | 'listening'): string {
  if (name.length > MAX_LABEL_VALUE_LENGTH) {
    throw new Error(`link "${id}": the default ${kind} name "${name}", made from the ${fromSite} site's name, has ${name.length} characters, ` +
      `but a ${kind} name is also a label value and may have at most ${MAX_LABEL_VALUE_LENGTH}: set ${kind}Name`);
  }
  return name;
}
