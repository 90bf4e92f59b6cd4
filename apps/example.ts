import * as net from 'net';
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
  /**
   * The grant server's host (default grants.west.example.com). A loopback address or `localhost`
   * (what the integration tests use: they run the grant server on this machine) is passed to the
   * GrantServer with `allowLocalHost`, since no other cluster could reach it.
   */
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
  // Not $CDK8S_OUTDIR: `cdk8s synth` empties that folder before the app runs (see cdk8s.yaml).
  const outdir = options.outdir ?? 'dist';
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
  const grantServerHost = options.grantServerHost ?? 'grants.west.example.com';
  new GrantServer(westSite, 'GrantServer', {
    host: grantServerHost,
    port: options.grantServerPort,
    allowLocalHost: isLoopbackHost(grantServerHost),
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

/** `localhost`, or an address of 127.0.0.0/8 or ::1: this machine. */
function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || (net.isIPv4(host) && host.startsWith('127.'));
}
