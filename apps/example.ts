import * as path from 'path';
import { Cluster, GrantServer, LinkAccess, LinkedSitePair, MasterSecret, Site } from '../lib';

/** Inputs of the example topology. */
export interface ExampleOptions {
  /** Folder holding `<cluster>.pem` sealing certificates. */
  readonly certificateDir?: string;
  /** Output folder (one sub-folder per cluster). */
  readonly outdir?: string;
  /** The master secret (default: MasterSecret.load()). */
  readonly masterSecret?: MasterSecret;
  /** Where derived keys are cached. */
  readonly keyCacheDir?: string;
  /** Rotation input of the west-east link's code. */
  readonly linkRotation?: number;
  /** The grant server's host (default grants.west.example.com). */
  readonly grantServerHost?: string;
  /**
   * Namespaces of the two sites (default west and east); integration tests give each test its own.
   */
  readonly namespaces?: { readonly west: string; readonly east: string };
  /** The grant server's port (default 9090). */
  readonly grantServerPort?: number;
}

/**
 * The example of Skupper's "Linking sites on Kubernetes using YAML", as code: the listening site
 * `west` (namespace west, linkAccess default) with a grant server, the connecting site `east`, a
 * grant allowing 2 redemptions within 25 minutes and a token named `token-to-west`.
 */
export function exampleClusters(options: ExampleOptions = {}): Cluster[] {
  const certificateDir = options.certificateDir ?? path.join(__dirname, 'certs');
  const outdir = options.outdir ?? process.env.CDK8S_OUTDIR ?? 'dist';
  const masterSecret = options.masterSecret ?? MasterSecret.load();
  const cluster = (name: string) => new Cluster({
    name,
    sealingCertificateFile: path.join(certificateDir, `${name}.pem`),
    outdir: path.join(outdir, name),
    masterSecret,
    keyCacheDir: options.keyCacheDir,
  });
  const west = cluster('west');
  const east = cluster('east');

  const westSite = new Site(west, 'west', { linkAccess: LinkAccess.DEFAULT, namespace: options.namespaces?.west });
  new GrantServer(westSite, 'GrantServer', {
    host: options.grantServerHost ?? 'grants.west.example.com',
    port: options.grantServerPort,
  });
  const eastSite = new Site(east, 'east', { namespace: options.namespaces?.east });

  new LinkedSitePair(westSite, 'west-east', {
    listening: westSite,
    connecting: eastSite,
    grantName: 'grant-west',
    tokenName: 'token-to-west',
    redemptionsAllowed: 2,
    expirationWindow: '25m',
    rotation: options.linkRotation,
  });
  return [west, east];
}
