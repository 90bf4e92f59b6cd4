import { ApiObject } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { deriveEd25519KeyPair } from '../pki/deterministic-ed25519';
import { deriveRsaKeyPair, isRsaKeyPairCached } from '../pki/deterministic-rsa';
import { createGrantServerCertificates, GrantServerKeyPair } from '../pki/grant-server-certificates';
import { classifyHost } from '../pki/host';
import { inClusterOnlyHost } from '../topology/reachability';
import { SealedSecret } from './sealed-secret';
import { CA_FINGERPRINT_ANNOTATION, certificateFingerprint, ROTATION_ANNOTATION } from '../api/review-annotations';
import { RuntimeWorkload, DEFAULT_RUNTIME_IMAGE, RUNTIME_METRICS_PORT } from './runtime-workload';
import { Site } from './site';

/** How the grant server is reached from other clusters. */
export enum GrantServerExposure {
  /** A LoadBalancer Service; the URL port is the Service port. */
  LOAD_BALANCER = 'LoadBalancer',
  /** A NodePort Service; the URL port is the node port (set `nodePort`). */
  NODE_PORT = 'NodePort',
  /** A ClusterIP Service (the host is reached through something you run, or in-cluster). */
  CLUSTER_IP = 'ClusterIP',
  /** An ingress-nginx Ingress with TLS passthrough; the URL port is 443. */
  INGRESS_NGINX = 'IngressNginx',
  /** An OpenShift Route with TLS passthrough; the URL port is 443. */
  ROUTE = 'Route',
}

/** The key type of a grant server's CA and TLS key. */
export enum GrantServerKeyAlgorithm {
  /**
   * Ed25519 (RFC 8410): each key is 32 bytes derived from the master secret, made natively in
   * microseconds; its signatures are deterministic, so the certificates are byte-identical across
   * synths with no key cache. Redeemers need TLS 1.3 or 1.2 with Ed25519 support: ours (Node) and
   * Skupper's (Go) both have it.
   */
  ED25519 = 'Ed25519',
  /**
   * RSA 2048 with SHA-256 signatures, for a policy that requires RSA, or to keep the keys of a grant
   * server synthesized before Ed25519 became the default (earlier versions made only these).
   * Deriving each key from the master secret is pure JavaScript (0.3-6 s a key), so derived keys
   * are cached in the cluster's `keyCacheDir`.
   */
  RSA_2048 = 'RSA-2048',
}

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
const DEFAULT_PORT = 9090;

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
    const hostKind = classifyHost(props.host);
    const localHost = inClusterOnlyHost(props.host);
    if (localHost !== undefined && !props.allowLocalHost) {
      throw new Error(`grant server host "${props.host}" of site "${scope.name}" ${localHost}: no other cluster can reach it, ` +
        'so tokens for it could never be redeemed there; use a DNS name or IP address that other clusters reach, or set ' +
        'allowLocalHost: true for a single-machine test or for links within this cluster');
    }
    const exposure = props.exposure ?? GrantServerExposure.LOAD_BALANCER;
    if (!Object.values(GrantServerExposure).includes(exposure)) {
      throw new Error(`invalid grant server exposure "${exposure}": must be one of ${Object.values(GrantServerExposure).join(', ')}`);
    }
    const port = validatePort('grant server port', props.port ?? DEFAULT_PORT, 1, 65535);
    super(scope, id);
    this.site = scope;
    this.host = props.host;
    this.urlPort = urlPortOf(exposure, port, props.nodePort);
    if ((exposure === GrantServerExposure.INGRESS_NGINX || exposure === GrantServerExposure.ROUTE) && hostKind === 'ip') {
      throw new Error(`grant server host "${props.host}" is an IP address, but ${exposure} exposure routes by host name: use a DNS name`);
    }

    const namespace = scope.namespace;
    const labels = { 'app.kubernetes.io/name': NAME, 'app.kubernetes.io/part-of': 'cdk8s-skupper' };
    const rotation = String(props.rotation ?? 0);
    const cluster = scope.cluster;
    const context = [cluster.name, namespace, `rotation=${rotation}`];
    const seed = (purpose: string) => cluster.masterSecret.derive(purpose, context, 32);
    const keyAlgorithm = keyAlgorithmOf(props.keyAlgorithm, scope.name, seed('grant-server/ca-key'), cluster.keyCacheDir);
    const key = (purpose: string): GrantServerKeyPair => keyAlgorithm === GrantServerKeyAlgorithm.RSA_2048
      ? deriveRsaKeyPair(seed(purpose), { cacheDir: cluster.keyCacheDir })
      // Its own purpose: an Ed25519 key never shares a seed with an RSA key.
      : deriveEd25519KeyPair(seed(`${purpose}/ed25519`));
    const certificates = createGrantServerCertificates({
      caKey: key('grant-server/ca-key'),
      serverKey: key('grant-server/server-key'),
      serialSeed: seed('grant-server/serials'),
      host: props.host,
      extraDnsNames: [NAME, `${NAME}.${namespace}`, `${NAME}.${namespace}.svc`],
      validFrom: props.validFrom ?? new Date('2026-01-01T00:00:00Z'),
      validityDays: props.validityDays ?? 3650,
    });
    this.caCertificatePem = certificates.caCertificatePem;

    new SealedSecret(this, 'TlsSecret', {
      name: TLS_SECRET,
      namespace,
      type: 'kubernetes.io/tls',
      labels,
      annotations: { [ROTATION_ANNOTATION]: rotation, [CA_FINGERPRINT_ANNOTATION]: certificateFingerprint(certificates.caCertificatePem) },
      data: {
        'tls.crt': Buffer.from(certificates.serverCertificatePem),
        'tls.key': Buffer.from(certificates.serverPrivateKeyPem),
        'ca.crt': Buffer.from(certificates.caCertificatePem),
      },
    });

    new RuntimeWorkload(this, 'Resource', {
      name: NAME,
      namespace,
      image: props.image ?? DEFAULT_RUNTIME_IMAGE,
      selectorLabels: labels,
      args: ['grant-server', `--port=${port}`, `--tls-secret=${TLS_SECRET}`, `--base-url=https://${formatHostPort(props.host, this.urlPort)}`,
        `--metrics-address=:${RUNTIME_METRICS_PORT}`],
      ports: [{ name: 'https', containerPort: port }],
      rules: [
        { apiGroups: ['cdk8s-skupper.io'], resources: ['linkgrants'], verbs: ['get', 'list', 'watch'] },
        { apiGroups: ['cdk8s-skupper.io'], resources: ['linkgrants/status'], verbs: ['get', 'update', 'patch'] },
        // The Site's status.endpoints become the Links' endpoints and the client certificate's SANs.
        { apiGroups: ['skupper.io'], resources: ['sites'], verbs: ['get', 'list', 'watch'] },
        // Only its TLS key, the grants' codes and the issuing CAs, by name.
        { apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list', 'watch'], resourceNames: () => [...this.readableSecrets] },
        { apiGroups: [''], resources: ['events'], verbs: ['create', 'patch'] },
      ],
    });

    const serviceType = exposure === GrantServerExposure.LOAD_BALANCER || exposure === GrantServerExposure.NODE_PORT ? exposure : 'ClusterIP';
    new k8s.KubeService(this, 'Service', {
      metadata: { name: NAME, namespace, labels },
      spec: {
        type: serviceType,
        selector: labels,
        ports: [{
          name: 'https', port, targetPort: k8s.IntOrString.fromString('https'), protocol: 'TCP',
          nodePort: exposure === GrantServerExposure.NODE_PORT ? this.urlPort : undefined,
        }],
      },
    });
    if (exposure === GrantServerExposure.INGRESS_NGINX) {
      new k8s.KubeIngress(this, 'Ingress', {
        metadata: {
          name: NAME, namespace, labels,
          annotations: { 'nginx.ingress.kubernetes.io/ssl-passthrough': 'true', 'nginx.ingress.kubernetes.io/backend-protocol': 'HTTPS' },
        },
        spec: {
          ingressClassName: props.ingressClassName ?? 'nginx',
          rules: [{
            host: props.host,
            http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: NAME, port: { name: 'https' } } } }] },
          }],
        },
      });
    }
    if (exposure === GrantServerExposure.ROUTE) {
      new ApiObject(this, 'Route', {
        apiVersion: 'route.openshift.io/v1',
        kind: 'Route',
        metadata: { name: NAME, namespace, labels },
        spec: { host: props.host, to: { kind: 'Service', name: NAME }, port: { targetPort: 'https' }, tls: { termination: 'passthrough' } },
      });
    }
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

/**
 * The key algorithm to use: the one given, else Ed25519, unless the RSA CA key of this very grant
 * server (same cluster, namespace and rotation) is in the key cache, i.e. this project synthesized
 * it with RSA before: then switching would rotate its keys and every token of the site, which must
 * be a choice, not a side effect of an upgrade.
 */
function keyAlgorithmOf(given: GrantServerKeyAlgorithm | undefined, site: string, rsaCaSeed: Buffer, keyCacheDir: string): GrantServerKeyAlgorithm {
  if (given !== undefined) {
    if (!Object.values(GrantServerKeyAlgorithm).includes(given)) {
      throw new Error(`invalid grant server key algorithm "${given}": must be one of ${Object.values(GrantServerKeyAlgorithm).join(', ')}`);
    }
    return given;
  }
  if (isRsaKeyPairCached(rsaCaSeed, keyCacheDir)) {
    throw new Error(`the grant server of site "${site}" has RSA keys from an earlier synth (cached in ${keyCacheDir}), and the ` +
      'default key algorithm is now Ed25519: switching rotates its CA and TLS key, and so every token of the site. Choose: ' +
      'keyAlgorithm: GrantServerKeyAlgorithm.RSA_2048 keeps the keys, GrantServerKeyAlgorithm.ED25519 rotates them ' +
      '(in an ApplicationNetwork: grantServerKeyAlgorithm on the site, or on the network for all sites)');
  }
  return GrantServerKeyAlgorithm.ED25519;
}

function urlPortOf(exposure: GrantServerExposure, port: number, nodePort: number | undefined): number {
  switch (exposure) {
    case GrantServerExposure.NODE_PORT:
      if (nodePort === undefined) {
        throw new Error('grant server exposure NodePort needs nodePort (30000-32767): it is the port written into tokens');
      }
      return validatePort('grant server nodePort', nodePort, 30000, 32767);
    case GrantServerExposure.INGRESS_NGINX:
    case GrantServerExposure.ROUTE:
      return 443;
    default:
      return port;
  }
}

function validatePort(what: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`invalid ${what} ${value}: must be an integer from ${min} to ${max}`);
  }
  return value;
}

/** host:port, with IPv6 addresses in brackets as URLs need. */
function formatHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}
