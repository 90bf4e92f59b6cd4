import type { LinkedSitePair } from './linked-site-pair';
import type { NetworkSiteRef } from './network-site';
import type { Site } from './site';

/** Options of every link of an {@link ApplicationNetwork}. */
export interface NetworkLinkOptions {
  /**
   * The cost of the link.
   * @default - Skupper's default (1)
   */
  readonly cost?: number;
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
   * Raise to rotate the link's code (its two code SealedSecrets change, nothing else). The code's
   * rotation input is the sum of this and both sites' `linkRotation`, so only ever raise these.
   * @default 0
   */
  readonly rotation?: number;
}

/** Options of one explicit link ({@link ApplicationNetwork.link}). */
export interface NetworkPairOptions extends NetworkLinkOptions {
  /**
   * Which of the two sites listens (holds the grant and runs the grant server).
   * @default - the first site named, if it can listen and the other can reach it; else the second
   */
  readonly listening?: NetworkSiteRef;
  /**
   * The grant's name on the listening site.
   * @default - `link-<connecting site>`, or `link-<connecting site>-<its cluster>` when the listening site
   * has links to two sites of that name
   */
  readonly grantName?: string;
  /**
   * The token's name on the connecting site (and of the Link and Secret it creates).
   * @default - `link-to-<listening site>`, or `link-to-<listening site>-<its cluster>` when the connecting
   * site has links to two sites of that name
   */
  readonly tokenName?: string;
}

/** Options of {@link ApplicationNetwork.hubAndSpokes}. */
export interface HubAndSpokesOptions extends NetworkLinkOptions {
  /**
   * Whether the hub listens for every link (true) or every spoke listens for its own (false).
   * @default - per link, the default rule: the hub when it can listen and the spoke can reach it
   */
  readonly hubListens?: boolean;
}

/** Options of {@link ApplicationNetwork.fullMesh}. */
export interface FullMeshOptions extends NetworkLinkOptions {}

/** One link of an {@link ApplicationNetwork}. */
export interface NetworkLink {
  /** The site that holds the grant and runs the grant server. */
  readonly listening: Site;
  /** The site that holds the token and runs the token redeemer. */
  readonly connecting: Site;
  /** The grant's name; known once the network is built. */
  readonly grantName: string;
  /** The token's name; known once the network is built. */
  readonly tokenName: string;
  /** The rotation input of the link's code (link rotation plus both sites' linkRotation). */
  readonly effectiveRotation: number;
  /** The LinkedSitePair it became; exists once the network is built. */
  readonly pair: LinkedSitePair;
}
