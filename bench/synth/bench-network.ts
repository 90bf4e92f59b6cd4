import * as path from 'path';
import { ApplicationNetwork, Cluster, GrantServerKeyAlgorithm, MasterSecret } from '../../lib';

/** The benchmarked topologies. */
export type BenchTopology = 'hub' | 'mesh';

/** A fixed master secret, so that runs derive (and cache) the same keys. Benchmark only. */
const BENCH_MASTER_SECRET = MasterSecret.fromHex('ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100');
const CERTIFICATE = path.join(__dirname, '..', '..', 'apps', 'certs', 'west.pem');

/** How many sites a full mesh needs for about `links` links: n(n-1)/2 ≈ links. */
export function meshSites(links: number): number {
  return Math.max(2, Math.round((1 + Math.sqrt(1 + 8 * links)) / 2));
}

/**
 * A network of about `links` links, one site per cluster (the one-folder-per-cluster model):
 * a hub with `links` spokes (one grant server, on the hub), or a full mesh where every site has a
 * grant server host (the first-named site of each pair listens, so all but the last run one).
 */
export function benchNetwork(topology: BenchTopology, links: number, outdir: string, keyCacheDir: string,
  keyAlgorithm: GrantServerKeyAlgorithm = GrantServerKeyAlgorithm.ED25519): ApplicationNetwork {
  const network = new ApplicationNetwork({ connected: true, grantServerKeyAlgorithm: keyAlgorithm });
  const siteCount = topology === 'hub' ? links + 1 : meshSites(links);
  const names: string[] = [];
  for (let i = 0; i < siteCount; i++) {
    const name = `site-${i}`;
    names.push(name);
    const cluster = new Cluster({
      name: `cluster-${i}`, sealingCertificateFile: CERTIFICATE, masterSecret: BENCH_MASTER_SECRET, keyCacheDir, outdir: path.join(outdir, `cluster-${i}`),
    });
    const listens = topology === 'mesh' || i === 0;
    network.addSite({ cluster, name, grantServerHost: listens ? `grants.${name}.example.com` : undefined });
  }
  if (topology === 'hub') {
    network.hubAndSpokes(names[0], names.slice(1));
  } else {
    network.fullMesh(names);
  }
  return network;
}
