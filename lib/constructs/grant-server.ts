import { Construct } from 'constructs';
import { inClusterOnlyHost } from '../topology/reachability';
import { addGrantServerEndpoints } from './grant-server-endpoints';
import { GrantServerExposure, resolveGrantServerEndpoint } from './grant-server-exposure';
import { GrantServerKeyAlgorithm } from './grant-server-key-algorithm';
import { grantServerCertificates } from './grant-server-tls';
import { addGrantServerWorkload } from './grant-server-workload';
import { DEFAULT_RUNTIME_IMAGE } from './runtime-workload';
import { SealedSecret } from './sealed-secret';
import { CA_FINGERPRINT_ANNOTATION, certificateFingerprint, ROTATION_ANNOTATION } from '../api/review-annotations';
import { Site } from './site';

/** Properties of a {@link GrantServer}. */
export interface GrantServerProps {
  /**
   * The host other clusters reach the grant server at, written into every token: a DNS name
   * or an IP address. Its certificate is made for exactly this host. A host that only this
   * machine or this cluster can resolve or reach (`localhost`, a loopback address, a Service name
   * such as `*.svc` or `*.cluster.local`, a single-label name) is refused unless `allowLocalHost` is set.
   */
  readonly host: string;
  /**
   * Accept a `host` that other clusters cannot reach: `localhost`, a loopback address (127.0.0.0/8,
   * ::1), an in-cluster Service name (`*.svc`, `*.cluster.local`) or a single-label name. Tokens
   * carrying such a host only work where it names this grant server: in a test that runs the
   * grant server on the same machine as the redeemer, or for tokens on sites of this same cluster
   * (a Service name). ApplicationNetwork sets it for a site that listens only for links within
   * its own cluster.
   * @default false
   */
  readonly allowLocalHost?: boolean;
  /**
   * How the grant server is exposed.
   * @default GrantServerExposure.LOAD_BALANCER
   */
  readonly exposure?: GrantServerExposure;
  /**
   * The port of the Service (and of the server).
   * @default 9090
   */
  readonly port?: number;
  /**
   * The node port, with `GrantServerExposure.NODE_PORT` (30000-32767).
   * @default - required for NODE_PORT, unused otherwise
   */
  readonly nodePort?: number;
  /**
   * The ingress class, with `GrantServerExposure.INGRESS_NGINX`.
   * @default nginx
   */
  readonly ingressClassName?: string;
  /**
   * The runtime image.
   * @default DEFAULT_RUNTIME_IMAGE
   */
  readonly image?: string;
  /**
   * Bump to rotate the grant server's CA and TLS key. Every token of this site changes with it.
   * @default 0
   */
  readonly rotation?: number;
  /**
   * The type of the CA key and the TLS key. Changing it rotates both, like `rotation`: the TLS
   * SealedSecret and every token of this site change.
   *
   * Left unset on a grant server whose RSA keys this project derived before (found in the
   * cluster's `keyCacheDir`), synth fails rather than silently rotating them to Ed25519: set
   * `GrantServerKeyAlgorithm.RSA_2048` to keep them or `GrantServerKeyAlgorithm.ED25519` to rotate.
   * @default GrantServerKeyAlgorithm.ED25519
   */
  readonly keyAlgorithm?: GrantServerKeyAlgorithm;
  /**
   * Start of the certificates' validity. Fixed (not "now") so that synth is repeatable.
   * @default 2026-01-01T00:00:00Z
   */
  readonly validFrom?: Date;
  /**
   * Validity of the CA and server certificates, in days.
   * @default 3650
   */
  readonly validityDays?: number;
}

const NAME = 'cdk8s-skupper-grant-server';
const TLS_SECRET = `${NAME}-tls`;

/**
 * What a listening site runs to redeem tokens: the runtime in `grant-server` mode (Deployment,
 * ServiceAccount, least-privilege Role), its Service (and Ingress or Route), and its TLS key as
 * a SealedSecret. The CA and server certificate are made at synth time for the declared host,
 * so tokens can be written before anything runs.
 */
export class GrantServer extends Construct {
  /** The grant server of a site, if it has one. */
  public static tryOf(site: Site): GrantServer | undefined {
    return site.node.tryFindChild('GrantServer') as GrantServer | undefined;
  }

  /** The host in token URLs. */
  public readonly host: string;
  /** The port in token URLs. */
  public readonly urlPort: number;
  /** The PEM CA certificate the server's certificate chains to (a token's `ca`). */
  public readonly caCertificatePem: string;
  /** `sha256:<hex>` of the CA certificate: the `cdk8s-skupper.io/ca-fingerprint` review note of its tokens. */
  public readonly caFingerprint: string;
  /** The site it serves. */
  public readonly site: Site;
  private readonly readableSecrets = new Set<string>([TLS_SECRET]);

  public constructor(scope: Site, id: string, props: GrantServerProps) {
    if (id !== 'GrantServer') {
      throw new Error(`the grant server of site "${scope.name}" must have the id "GrantServer", got "${id}"`);
    }
    if (GrantServer.tryOf(scope)) {
      throw new Error(`site "${scope.name}" already has a grant server: a site runs one grant server for all its grants`);
    }
    if (scope.edge) {
      throw new Error(`site "${scope.name}" is an edge site: edge sites cannot accept links, so they cannot run a grant server`);
    }
    const endpoint = resolveGrantServerEndpoint(props, {
      site: `site "${scope.name}"`, host: 'grant server host', exposure: 'grant server exposure', port: 'grant server port', nodePort: 'grant server nodePort',
    });
    const localHost = inClusterOnlyHost(props.host);
    if (localHost !== undefined && !props.allowLocalHost) {
      throw new Error(`grant server host "${props.host}" of site "${scope.name}" ${localHost}: no other cluster can reach it, ` +
        'so tokens for it could never be redeemed there; use a DNS name or IP address that other clusters reach, or set ' +
        'allowLocalHost: true for a single-machine test or for links within this cluster');
    }
    super(scope, id);
    this.site = scope;
    this.host = props.host;
    this.urlPort = endpoint.urlPort;

    const namespace = scope.namespace;
    const labels = { 'app.kubernetes.io/name': NAME, 'app.kubernetes.io/part-of': 'cdk8s-skupper' };
    const certificates = grantServerCertificates(scope, {
      host: props.host,
      extraDnsNames: [NAME, `${NAME}.${namespace}`, `${NAME}.${namespace}.svc`],
      rotation: props.rotation ?? 0,
      keyAlgorithm: props.keyAlgorithm,
      validFrom: props.validFrom ?? new Date('2026-01-01T00:00:00Z'),
      validityDays: props.validityDays ?? 3650,
    });
    this.caCertificatePem = certificates.caCertificatePem;
    // Once per grant server, not per token: a hub's grant server has a thousand tokens.
    this.caFingerprint = certificateFingerprint(certificates.caCertificatePem);

    new SealedSecret(this, 'TlsSecret', {
      name: TLS_SECRET,
      namespace,
      type: 'kubernetes.io/tls',
      labels,
      annotations: { [ROTATION_ANNOTATION]: String(props.rotation ?? 0), [CA_FINGERPRINT_ANNOTATION]: this.caFingerprint },
      data: {
        'tls.crt': Buffer.from(certificates.serverCertificatePem),
        'tls.key': Buffer.from(certificates.serverPrivateKeyPem),
        'ca.crt': Buffer.from(certificates.caCertificatePem),
      },
    });
    addGrantServerWorkload(this, {
      name: NAME,
      namespace,
      image: props.image ?? DEFAULT_RUNTIME_IMAGE,
      labels,
      port: endpoint.port,
      tlsSecret: TLS_SECRET,
      baseUrl: `https://${formatHostPort(props.host, this.urlPort)}`,
      readableSecrets: () => [...this.readableSecrets],
    });
    addGrantServerEndpoints(this, { name: NAME, namespace, labels, endpoint, ingressClassName: props.ingressClassName ?? 'nginx' });
  }

  /** The URL a token for `grantName` is redeemed at. */
  public urlFor(grantName: string): string {
    return `https://${formatHostPort(this.host, this.urlPort)}/${this.site.namespace}/${grantName}`;
  }

  /** Lets the grant server read the Secret `name` (a grant's code or an issuing CA). */
  public allowSecretRead(name: string): void {
    this.readableSecrets.add(name);
  }
}

/** host:port, with IPv6 addresses in brackets as URLs need. */
function formatHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}
