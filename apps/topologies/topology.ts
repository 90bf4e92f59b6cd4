import * as path from 'path';
import { ApplicationNetwork, Cluster, IGitOpsTool, MasterSecret } from '../../lib';

/** Inputs of the example topologies. */
export interface TopologyOptions {
  /**
   * The folder the cluster folders (and `_gitops/`) are written to.
   * @default - `dist/topologies/<topology>`
   */
  readonly outdir?: string;
  /**
   * The folder holding the `<cluster>.pem` sealing certificates.
   * @default apps/certs
   */
  readonly certificateDir?: string;
  /**
   * The master secret.
   * @default - MasterSecret.load()
   */
  readonly masterSecret?: MasterSecret;
  /**
   * Where derived RSA keys are cached.
   * @default .cdk8s-skupper/keys
   */
  readonly keyCacheDir?: string;
  /**
   * Rotation inputs of all links of a site, by site name (the network's `linkRotation`).
   * @default - none
   */
  readonly linkRotation?: Readonly<Record<string, number>>;
  /**
   * Rotation inputs of a site's grant server, by site name (the network's `grantServerRotation`).
   * @default - none
   */
  readonly grantServerRotation?: Readonly<Record<string, number>>;
}

/** An example network and the GitOps objects it is synthesized with. */
export interface Topology {
  /** The network (not built yet, so more can be declared, e.g. `rotateLink`). */
  readonly network: ApplicationNetwork;
  /** The GitOps tools whose objects are written into `_gitops/`. */
  readonly gitOps: IGitOpsTool[];
}

/** Makes the clusters of a topology, each sealing with `apps/certs/<cluster>.pem`. */
export function topologyClusters(topology: string, options: TopologyOptions, names: readonly string[]): Cluster[] {
  const outdir = options.outdir ?? path.join('dist', 'topologies', topology);
  const masterSecret = options.masterSecret ?? MasterSecret.load();
  return names.map(name => new Cluster({
    name,
    sealingCertificateFile: path.join(options.certificateDir ?? path.join(__dirname, '..', 'certs'), `${name}.pem`),
    outdir: path.join(outdir, name),
    masterSecret,
    keyCacheDir: options.keyCacheDir,
  }));
}

/** The rotation inputs of one site. */
export function siteRotations(options: TopologyOptions, site: string): { linkRotation?: number; grantServerRotation?: number } {
  return { linkRotation: options.linkRotation?.[site], grantServerRotation: options.grantServerRotation?.[site] };
}

/** The repository the example GitOps objects point at. */
export const EXAMPLE_REPO_URL = 'https://git.example.com/platform/skupper-network.git';
