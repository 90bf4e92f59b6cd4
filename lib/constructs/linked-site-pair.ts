import { Construct } from 'constructs';
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
      name: props.grantName ?? `grant-${props.connecting.name}`,
      redemptionsAllowed: props.redemptionsAllowed,
      expirationWindow: props.expirationWindow,
      rotation: props.rotation,
    });
    this.token = new LinkToken(props.connecting, `LinkToken-${id}`, {
      name: props.tokenName ?? `token-to-${props.listening.name}`,
      grant: this.grant,
      cost: props.cost,
    });
  }
}
