import type { Cluster } from './cluster';
import type { GrantServerExposure } from './grant-server-exposure';
import type { GrantServerKeyAlgorithm } from './grant-server-key-algorithm';
import type { LinkAccess, Site, SiteProps } from './site';

/**
 * A site of an {@link ApplicationNetwork}: the `Site` that `addSite` returned, `"<cluster>/<site>"`,
 * or just `"<site>"` when no other site of the network has that name.
 */
export type NetworkSiteRef = Site | string;

/** Properties of one site of an {@link ApplicationNetwork}. */
export interface NetworkSiteProps extends SiteProps {
  /** The cluster the site is on. */
  readonly cluster: Cluster;
  /** The Skupper Site's name (a DNS-1123 label); also the id of its chart in the cluster. */
  readonly name: string;
  /**
   * How the Site accepts incoming links.
   * @default - LinkAccess.DEFAULT when `grantServerHost` is set, else LinkAccess.NONE
   */
  readonly linkAccess?: LinkAccess;
  /**
   * The host other sites reach this site's grant server at (a DNS name or an IP address). A site
   * can only listen for links when it has one; the network then runs ONE GrantServer on it for all
   * the links it listens for (and none when it listens for none).
   * @default - the site cannot listen; it only connects
   */
  readonly grantServerHost?: string;
  /**
   * How the grant server is exposed.
   * @default GrantServerExposure.LOAD_BALANCER
   */
  readonly grantServerExposure?: GrantServerExposure;
  /**
   * The port of the grant server's Service.
   * @default 9090
   */
  readonly grantServerPort?: number;
  /**
   * The node port, with `GrantServerExposure.NODE_PORT`.
   * @default - required for NODE_PORT, unused otherwise
   */
  readonly grantServerNodePort?: number;
  /**
   * The ingress class, with `GrantServerExposure.INGRESS_NGINX`.
   * @default nginx
   */
  readonly grantServerIngressClassName?: string;
  /**
   * Raise to rotate the grant server's CA and TLS key. Changes its TLS SealedSecret and every token
   * of the links this site listens for (their `ca`); no code changes.
   * @default 0
   */
  readonly grantServerRotation?: number;
  /**
   * The key type of the grant server's CA and TLS key (`keyAlgorithm` of its GrantServer). Changing
   * it rotates them, like `grantServerRotation`.
   * @default - the network's `grantServerKeyAlgorithm`
   */
  readonly grantServerKeyAlgorithm?: GrantServerKeyAlgorithm;
  /**
   * Raise to rotate the codes of ALL links of this site, listening or connecting. Changes the two
   * code SealedSecrets of each of those links, nothing else.
   * @default 0
   */
  readonly linkRotation?: number;
  /**
   * The runtime image of this site's grant server and token redeemer.
   * @default DEFAULT_RUNTIME_IMAGE
   */
  readonly image?: string;
}
