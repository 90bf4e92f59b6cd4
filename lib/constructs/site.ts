import { ApiObject, Chart, JsonPatch } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import * as skupper from '../../imports/skupper-skupper.io';
import { validateDnsLabel } from '../validation/kubernetes-names';
import { nameChartFolder } from './chart-folder';
import type { Cluster } from './cluster';
import { PART_OF_LABELS } from './labels';
import { validateOneOf } from '../validation/one-of';

/**
 * How a Site accepts incoming links (Skupper's `spec.linkAccess`): the access type of the
 * Skupper controller, or `none`.
 */
export enum LinkAccess {
  /** No incoming links. */
  NONE = 'none',
  /** The Skupper controller's default access type (a Route on OpenShift, else a LoadBalancer). */
  DEFAULT = 'default',
  /** A ClusterIP Service: only reachable from inside the cluster. */
  LOCAL = 'local',
  /** A LoadBalancer Service. */
  LOAD_BALANCER = 'loadbalancer',
  /** @deprecated use LOAD_BALANCER */
  LOADBALANCER = 'loadbalancer',
  /** An OpenShift Route. */
  ROUTE = 'route',
  /** A NodePort Service. */
  NODE_PORT = 'nodeport',
  /** @deprecated use NODE_PORT */
  NODEPORT = 'nodeport',
  /** An ingress-nginx Ingress with TLS passthrough. */
  INGRESS_NGINX = 'ingress-nginx',
  /** A generic Ingress. */
  INGRESS = 'ingress',
  /** A Contour HTTPProxy. */
  CONTOUR_HTTP_PROXY = 'contour-http-proxy',
  /** A Gateway API TLSRoute. */
  GATEWAY = 'gateway',
}

/** Properties of a {@link Site}. */
export interface SiteProps {
  /**
   * The Skupper Site's name. Must be a DNS-1123 label.
   * @default - the construct id
   */
  readonly name?: string;
  /**
   * The namespace the Site lives in. Must be a DNS-1123 label.
   * @default - the site name
   */
  readonly namespace?: string;
  /**
   * How the Site accepts incoming links. A Site that listens for links needs one other than `none`.
   * @default LinkAccess.NONE
   */
  readonly linkAccess?: LinkAccess;
  /**
   * Whether this is an edge site (it can only connect, never listen).
   * @default false
   */
  readonly edge?: boolean;
  /**
   * Whether to run two routers (high availability).
   * @default false
   */
  readonly ha?: boolean;
  /**
   * Whether to synthesize the Namespace object. Turn off when the namespace is managed elsewhere.
   * @default true
   */
  readonly createNamespace?: boolean;
  /**
   * Skupper site settings (`spec.settings`).
   * @default - none
   */
  readonly settings?: Record<string, string>;
}

/**
 * The Skupper Site (skupper.io/v2alpha1) of one namespace on one cluster, as a chart of its own
 * (output folder `dist/<cluster>/<site name>/`). Grants, tokens, the grant server and the token
 * redeemer of this namespace are added to it.
 */
export class Site extends Chart {
  /** The Skupper Site's name. */
  public readonly name: string;
  /** The namespace of the Site and of everything this library adds to it. */
  public readonly namespace: string;
  /** How the Site accepts incoming links. */
  public readonly linkAccess: LinkAccess;
  /** Whether this is an edge site. */
  public readonly edge: boolean;
  /** The cluster the Site is on. */
  public readonly cluster: Cluster;
  /** The Skupper Site object. */
  public readonly apiObject: ApiObject;
  /** The Namespace object, when synthesized. */
  public readonly namespaceObject?: ApiObject;
  private readonly claimedNames = new Set<string>();

  public constructor(scope: Cluster, id: string, props: SiteProps = {}) {
    const name = validateDnsLabel('site name', props.name ?? id);
    const namespace = validateDnsLabel(`namespace of site "${name}"`, props.namespace ?? name);
    const linkAccess = validateOneOf('linkAccess', props.linkAccess ?? LinkAccess.NONE, LinkAccess, `site "${name}"`);
    if (props.edge && props.ha) {
      throw new Error(`site "${name}": an edge site cannot have ha enabled (Skupper refuses it)`);
    }
    const sameNamespace = scope.node.children.find(c => c instanceof Site && c.namespace === namespace) as Site | undefined;
    if (sameNamespace) {
      throw new Error(`site "${name}" and site "${sameNamespace.name}" are both in namespace "${namespace}" of cluster ` +
        `"${scope.name}": Skupper allows one Site per namespace`);
    }
    super(scope, id, { disableResourceNameHashes: true });
    this.name = name;
    nameChartFolder(this, name);
    this.namespace = namespace;
    this.linkAccess = linkAccess;
    this.edge = props.edge ?? false;
    this.cluster = scope;
    if (scope.crds) {
      this.addDependency(scope.crds);
    }

    if (props.createNamespace ?? true) {
      this.namespaceObject = new k8s.KubeNamespace(this, 'Namespace', { metadata: { name: namespace, labels: { ...PART_OF_LABELS } } });
      // Chart.namespace (this site's namespace) is stamped on every object, cluster-scoped ones too (cdk8s-core#731).
      this.namespaceObject.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
    }
    // Files are written one per resource; kustomize, Argo CD and Flux apply Namespaces first.
    this.apiObject = new skupper.Site(this, 'Resource', {
      metadata: { name, namespace, labels: { ...PART_OF_LABELS } },
      spec: {
        linkAccess: linkAccess === LinkAccess.NONE ? undefined : linkAccess,
        edge: props.edge || undefined,
        ha: props.ha || undefined,
        settings: props.settings,
      },
    });
  }

  /**
   * Records that a `kind` (grant, token) named `name` exists in this site; false when the name was
   * already taken. A set rather than a tree walk keeps large hubs linear.
   */
  public claimName(kind: string, name: string): boolean {
    if (this.isClaimed(kind, name)) return false;
    this.claimedNames.add(`${kind}/${name}`);
    return true;
  }

  /** Whether a `kind` named `name` exists in this site (see {@link claimName}). */
  public isClaimed(kind: string, name: string): boolean {
    return this.claimedNames.has(`${kind}/${name}`);
  }
}
