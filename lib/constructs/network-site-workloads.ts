import { GrantServer } from './grant-server';
import type { GrantServerKeyAlgorithm } from './grant-server-key-algorithm';
import type { LinkEntry, SiteEntry } from './network-entries';
import { TokenRedeemer } from './token-redeemer';

/**
 * What a network site runs for its links: ONE GrantServer, made from the site's grantServer*
 * props, when it listens for any link; a TokenRedeemer with the site's image when it connects
 * (without an image, the first LinkToken adds the default one).
 */
export function addNetworkSiteWorkloads(entry: SiteEntry, links: readonly LinkEntry[], defaultKeyAlgorithm?: GrantServerKeyAlgorithm): void {
  const listensFor = links.filter(link => link.listeningEntry === entry);
  const connectsFor = links.filter(link => link.connectingEntry === entry);
  if (listensFor.length > 0) {
    if (GrantServer.tryOf(entry.site)) {
      throw new Error(`site "${entry.key}" already has a GrantServer: in an ApplicationNetwork the network makes it from ` +
        'the site\'s grantServerHost; do not add one yourself');
    }
    new GrantServer(entry.site, 'GrantServer', {
      host: entry.props.grantServerHost!,
      exposure: entry.props.grantServerExposure,
      port: entry.props.grantServerPort,
      nodePort: entry.props.grantServerNodePort,
      ingressClassName: entry.props.grantServerIngressClassName,
      image: entry.props.image,
      rotation: entry.props.grantServerRotation,
      keyAlgorithm: entry.props.grantServerKeyAlgorithm ?? defaultKeyAlgorithm,
      // link() already refused hosts the connecting site cannot reach; within one cluster a Service name is fine.
      allowLocalHost: listensFor.every(link => link.connecting.cluster === entry.site.cluster),
    });
  }
  if (connectsFor.length > 0 && entry.props.image !== undefined && !entry.site.node.tryFindChild('TokenRedeemer')) {
    new TokenRedeemer(entry.site, 'TokenRedeemer', { image: entry.props.image });
  }
}
