import { ApplicationNetwork, ArgoCd, Flux } from '../../lib';
import { EXAMPLE_REPO_URL, siteRotations, Topology, TopologyOptions, topologyClusters } from './topology';

/**
 * Hub and spokes over three clusters: the hub `west` listens (it alone runs a grant server, one
 * for both links); the spokes `east` and `north` connect to it. The hub runs a service, `backend`
 * (pods `app=backend`, port 8080), that clients on both spokes reach as `backend:8080`: a Skupper
 * Connector on west, a Listener on each spoke. Argo CD Applications (one per cluster) and Flux
 * Kustomizations.
 */
export function hubAndSpokesTopology(options: TopologyOptions = {}): Topology {
  const [west, east, north] = topologyClusters('hub-and-spokes', options, ['west', 'east', 'north']);
  const network = new ApplicationNetwork({ connected: true });
  network.addSite({ cluster: west, name: 'west', grantServerHost: 'grants.west.example.com', ...siteRotations(options, 'west') });
  network.addSite({ cluster: east, name: 'east', ...siteRotations(options, 'east') });
  network.addSite({ cluster: north, name: 'north', ...siteRotations(options, 'north') });

  network.hubAndSpokes('west', ['east', 'north'], { redemptionsAllowed: 2, expirationWindow: '1h' });
  // After the links: expose checks that a chain of links connects each spoke to the hub.
  network.expose('backend', { from: 'west', port: 8080, selector: 'app=backend', to: ['east', 'north'] });
  return {
    network,
    gitOps: [new ArgoCd({ repoURL: EXAMPLE_REPO_URL, pathPrefix: 'dist/topologies/hub-and-spokes' }),
      new Flux({ gitRepository: 'skupper-network', pathPrefix: 'dist/topologies/hub-and-spokes' })],
  };
}
