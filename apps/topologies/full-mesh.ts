import { ApplicationNetwork, ArgoCd, ArgoCdLayout } from '../../lib';
import { EXAMPLE_REPO_URL, siteRotations, Topology, TopologyOptions, topologyClusters } from './topology';

/**
 * A full mesh of three clusters: every two sites linked (3 links). Every site declares a grant
 * server host; in each pair the site named first in the mesh listens, so `west` listens for two
 * links, `east` for one, and `north` (listening for none) runs no grant server. One Argo CD
 * ApplicationSet over the three clusters, addressed by API server URL.
 */
export function fullMeshTopology(options: TopologyOptions = {}): Topology {
  const names = ['west', 'east', 'north'];
  const clusters = topologyClusters('full-mesh', options, names);
  const network = new ApplicationNetwork({ connected: true });
  clusters.forEach((cluster, index) => network.addSite({
    cluster, name: names[index], grantServerHost: `grants.${names[index]}.example.com`, ...siteRotations(options, names[index]),
  }));

  network.fullMesh(names);
  return {
    network,
    gitOps: [new ArgoCd({
      repoURL: EXAMPLE_REPO_URL,
      pathPrefix: 'dist/topologies/full-mesh',
      layout: ArgoCdLayout.APPLICATION_SET,
      destinations: Object.fromEntries(names.map(name => [name, { server: `https://api.${name}.example.com:6443` }])),
    })],
  };
}
