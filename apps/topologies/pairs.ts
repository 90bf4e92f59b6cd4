import { ApplicationNetwork, Flux } from '../../lib';
import { siteRotations, Topology, TopologyOptions, topologyClusters } from './topology';

/**
 * Explicit pairs on two clusters: `west` and `east` both run a grant server, so in the link
 * west <-> east the first named (west) listens; the edge site `edge` on cluster east can only
 * connect, so east listens for it. Flux Kustomizations for both clusters.
 */
export function pairsTopology(options: TopologyOptions = {}): Topology {
  const [west, east] = topologyClusters('pairs', options, ['west', 'east']);
  const network = new ApplicationNetwork({ connected: true });
  network.addSite({ cluster: west, name: 'west', grantServerHost: 'grants.west.example.com', ...siteRotations(options, 'west') });
  network.addSite({ cluster: east, name: 'east', grantServerHost: 'grants.east.example.com', ...siteRotations(options, 'east') });
  network.addSite({ cluster: east, name: 'edge', namespace: 'east-edge', edge: true, ...siteRotations(options, 'edge') });

  network.link('west', 'east', { cost: 2, redemptionsAllowed: 2, expirationWindow: '1h' });
  network.link('edge', 'east');
  return { network, gitOps: [new Flux({ gitRepository: 'skupper-network' })] };
}
