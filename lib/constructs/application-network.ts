import { IGitOpsTool } from '../gitops/gitops-tool';
import { synthClustersWithGitOps } from '../gitops/synth-gitops';
import { classifyHost } from '../pki/host';
import { defaultLinkNames, LinkNames } from '../topology/link-names';
import { connectedComponents } from '../topology/network-graph';
import { inClusterOnlyHost } from '../topology/reachability';
import { parseGoDuration } from '../validation/go-duration';
import { validateDnsSubdomain } from '../validation/kubernetes-names';
import { Cluster } from './cluster';
import { GrantServer, GrantServerExposure, GrantServerKeyAlgorithm } from './grant-server';
import { LinkedSitePair } from './linked-site-pair';
import { NetworkService, NetworkServiceOptions } from './network-service';
import { NetworkServiceRegistry } from './network-service-registry';
import { LinkAccess, Site, SiteProps } from './site';
import { TokenRedeemer } from './token-redeemer';

/**
 * A site of an {@link ApplicationNetwork}: the `Site` that `addSite` returned, `"<cluster>/<site>"`,
 * or just `"<site>"` when no other site of the network has that name.
 */
export type NetworkSiteRef = Site | string;

/** Properties of one site of an {@link ApplicationNetwork}. */
export interface NetworkSiteProps extends SiteProps {
  /** The cluster the site is on. */
  readonly cluster: Cluster;
  /** The Skupper Site's name (a DNS-1123 label); also the id of its chart in the cluster. */
  readonly name: string;
  /**
   * How the Site accepts incoming links.
   * @default - LinkAccess.DEFAULT when `grantServerHost` is set, else LinkAccess.NONE
   */
  readonly linkAccess?: LinkAccess;
  /**
   * The host other sites reach this site's grant server at (a DNS name or an IP address). A site
   * can only listen for links when it has one; the network then runs ONE GrantServer on it for all
   * the links it listens for (and none when it listens for none).
   * @default - the site cannot listen; it only connects
   */
  readonly grantServerHost?: string;
  /**
   * How the grant server is exposed.
   * @default GrantServerExposure.LOAD_BALANCER
   */
  readonly grantServerExposure?: GrantServerExposure;
  /**
   * The port of the grant server's Service.
   * @default 9090
   */
  readonly grantServerPort?: number;
  /**
   * The node port, with `GrantServerExposure.NODE_PORT`.
   * @default - required for NODE_PORT, unused otherwise
   */
  readonly grantServerNodePort?: number;
  /**
   * The ingress class, with `GrantServerExposure.INGRESS_NGINX`.
   * @default nginx
   */
  readonly grantServerIngressClassName?: string;
  /**
   * Raise to rotate the grant server's CA and TLS key. Changes its TLS SealedSecret and every token
   * of the links this site listens for (their `ca`); no code changes.
   * @default 0
   */
  readonly grantServerRotation?: number;
  /**
   * The key type of the grant server's CA and TLS key (`keyAlgorithm` of its GrantServer). Changing
   * it rotates them, like `grantServerRotation`.
   * @default - the network's `grantServerKeyAlgorithm`
   */
  readonly grantServerKeyAlgorithm?: GrantServerKeyAlgorithm;
  /**
   * Raise to rotate the codes of ALL links of this site, listening or connecting. Changes the two
   * code SealedSecrets of each of those links, nothing else.
   * @default 0
   */
  readonly linkRotation?: number;
  /**
   * The runtime image of this site's grant server and token redeemer.
   * @default DEFAULT_RUNTIME_IMAGE
   */
  readonly image?: string;
}

/** Options of every link of an {@link ApplicationNetwork}. */
export interface NetworkLinkOptions {
  /**
   * The cost of the link.
   * @default - Skupper's default (1)
   */
  readonly cost?: number;
  /**
   * How many times the token may be redeemed (re-provisioning the connecting site uses one).
   * @default 1
   */
  readonly redemptionsAllowed?: number;
  /**
   * How long the grant stays redeemable once the grant server first sees it, as a Go duration.
   * @default 15m
   */
  readonly expirationWindow?: string;
  /**
   * Raise to rotate the link's code (its two code SealedSecrets change, nothing else). The code's
   * rotation input is the sum of this and both sites' `linkRotation`, so only ever raise these.
   * @default 0
   */
  readonly rotation?: number;
}

/** Options of one explicit link ({@link ApplicationNetwork.link}). */
export interface NetworkPairOptions extends NetworkLinkOptions {
  /**
   * Which of the two sites listens (holds the grant and runs the grant server).
   * @default - the first site named, if it can listen and the other can reach it; else the second
   */
  readonly listening?: NetworkSiteRef;
  /**
   * The grant's name on the listening site.
   * @default - `link-<connecting site>`, or `link-<connecting site>-<its cluster>` when the listening site
   * has links to two sites of that name
   */
  readonly grantName?: string;
  /**
   * The token's name on the connecting site (and of the Link and Secret it creates).
   * @default - `link-to-<listening site>`, or `link-to-<listening site>-<its cluster>` when the connecting
   * site has links to two sites of that name
   */
  readonly tokenName?: string;
}

/** Options of {@link ApplicationNetwork.hubAndSpokes}. */
export interface HubAndSpokesOptions extends NetworkLinkOptions {
  /**
   * Whether the hub listens for every link (true) or every spoke listens for its own (false).
   * @default - per link, the default rule: the hub when it can listen and the spoke can reach it
   */
  readonly hubListens?: boolean;
}

/** Options of {@link ApplicationNetwork.fullMesh}. */
export interface FullMeshOptions extends NetworkLinkOptions {}

/** Properties of an {@link ApplicationNetwork}. */
export interface ApplicationNetworkProps {
  /**
   * Whether the network must be connected: every site reachable from every other over links
   * (in either direction). Checked when the network is built.
   * @default false
   */
  readonly connected?: boolean;
  /**
   * Sites to add at once, as with `addSite`.
   * @default - none
   */
  readonly sites?: readonly NetworkSiteProps[];
  /**
   * The key type of every grant server's CA and TLS key, unless a site sets its own
   * `grantServerKeyAlgorithm`. Set `GrantServerKeyAlgorithm.RSA_2048` to keep the RSA keys of grant
   * servers synthesized before Ed25519 became the default (see GrantServerProps.keyAlgorithm).
   * @default - GrantServerKeyAlgorithm.ED25519 (GrantServer's default)
   */
  readonly grantServerKeyAlgorithm?: GrantServerKeyAlgorithm;
}

/** Options of {@link ApplicationNetwork.synth}. */
export interface NetworkSynthOptions {
  /**
   * GitOps objects to write next to the cluster folders, into `<outdir>/_gitops/<tool>/`.
   * @default - none (and a previous `_gitops` folder written by cdk8s-skupper is removed)
   */
  readonly gitOps?: readonly IGitOpsTool[];
}

/** One link of an {@link ApplicationNetwork}. */
export interface NetworkLink {
  /** The site that holds the grant and runs the grant server. */
  readonly listening: Site;
  /** The site that holds the token and runs the token redeemer. */
  readonly connecting: Site;
  /** The grant's name; known once the network is built. */
  readonly grantName: string;
  /** The token's name; known once the network is built. */
  readonly tokenName: string;
  /** The rotation input of the link's code (link rotation plus both sites' linkRotation). */
  readonly effectiveRotation: number;
  /** The LinkedSitePair it became; exists once the network is built. */
  readonly pair: LinkedSitePair;
}

interface SiteEntry {
  readonly site: Site;
  readonly key: string;
  readonly props: NetworkSiteProps;
}

class LinkEntry implements NetworkLink {
  public names?: LinkNames;
  public linkedPair?: LinkedSitePair;
  public constructor(
    public readonly listeningEntry: SiteEntry,
    public readonly connectingEntry: SiteEntry,
    public readonly options: NetworkPairOptions,
    public rotation: number | undefined,
  ) {}

  public get listening(): Site { return this.listeningEntry.site; }
  public get connecting(): Site { return this.connectingEntry.site; }
  public get description(): string { return `"${this.listeningEntry.key}" <-> "${this.connectingEntry.key}"`; }
  public get grantName(): string { return this.built().names!.grantName; }
  public get tokenName(): string { return this.built().names!.tokenName; }
  public get pair(): LinkedSitePair { return this.built().linkedPair!; }
  public get effectiveRotation(): number {
    return (this.rotation ?? 0) + (this.listeningEntry.props.linkRotation ?? 0) + (this.connectingEntry.props.linkRotation ?? 0);
  }

  private built(): this {
    if (!this.linkedPair) {
      throw new Error(`link ${this.description} is not built yet: call build() or synth() on its network first`);
    }
    return this;
  }
}

/** Maximum length of generated grant and token names: they are also label values. */
const MAX_LINK_NAME_LENGTH = 63;

/**
 * Many sites across clusters and the links between them: explicit pairs, hub and spokes, or a
 * full mesh. Each link becomes a {@link LinkedSitePair}; a site that listens for several links
 * runs one {@link GrantServer}, made by the network from the site's `grantServerHost`.
 *
 * Not a Construct, on purpose: a network spans several Clusters, each a cdk8s App with its own
 * construct tree, and a construct has exactly one parent in one tree. Placing the network in one
 * cluster's tree would be arbitrary and would hide it from the others. So it is a plain
 * orchestrator: `addSite` creates each Site in its own Cluster at once (so you can add more to it),
 * links are recorded, and `build()` (or `synth()`) turns them into GrantServers and LinkedSitePairs
 * inside the sites' charts. Building is deferred because default grant/token names depend on all
 * of a site's links. Clusters holding network sites refuse to synthesize before the network is built.
 *
 * Invalid input (unknown sites, self-links, duplicate links in either direction, an edge site or a
 * site without a reachable grant server asked to listen, bad options) throws at once; whether the
 * network is connected (`connected: true`) and whether names clash is checked by `build()`, before
 * any file is written.
 */
export class ApplicationNetwork {
  private readonly connected: boolean;
  private readonly grantServerKeyAlgorithm?: GrantServerKeyAlgorithm;
  private readonly siteEntries: SiteEntry[] = [];
  private readonly linkEntries: LinkEntry[] = [];
  private readonly clusterList: Cluster[] = [];
  private readonly serviceRegistry = new NetworkServiceRegistry();
  private isBuilt = false;

  public constructor(props: ApplicationNetworkProps = {}) {
    this.connected = props.connected ?? false;
    this.grantServerKeyAlgorithm = props.grantServerKeyAlgorithm;
    for (const site of props.sites ?? []) {
      this.addSite(site);
    }
  }

  /** The clusters of the network's sites, in the order they first appeared. */
  public get clusters(): Cluster[] {
    return [...this.clusterList];
  }

  /** The network's sites, in the order they were added. */
  public get sites(): Site[] {
    return this.siteEntries.map(entry => entry.site);
  }

  /** The network's links, in the order they were declared. */
  public get links(): NetworkLink[] {
    return [...this.linkEntries];
  }

  /** The network's services, in the order they were exposed. */
  public get services(): NetworkService[] {
    return this.serviceRegistry.all;
  }

  /** Whether `build()` has run. */
  public get built(): boolean {
    return this.isBuilt;
  }

  /**
   * Adds a site: creates its Site (a chart of its own in its cluster) now, and returns it, so more
   * can be added to it. Its grant server, grants, tokens and token redeemer come with `build()`.
   */
  public addSite(props: NetworkSiteProps): Site {
    this.assertNotBuilt('add a site');
    const cluster = props.cluster;
    if (!(cluster instanceof Cluster)) {
      throw new Error(`site "${props.name}" has no cluster: set cluster to the Cluster the site runs on`);
    }
    const key = `${cluster.name}/${props.name}`;
    if (this.siteEntries.some(entry => entry.key === key)) {
      throw new Error(`duplicate site "${key}": a site name can appear only once per cluster`);
    }
    validateSiteProps(key, props);
    const linkAccess = props.linkAccess ?? (props.grantServerHost !== undefined ? LinkAccess.DEFAULT : LinkAccess.NONE);
    const site = new Site(cluster, props.name, {
      name: props.name,
      namespace: props.namespace,
      linkAccess,
      edge: props.edge,
      ha: props.ha,
      createNamespace: props.createNamespace,
      settings: props.settings,
    });
    if (!this.clusterList.includes(cluster)) {
      this.clusterList.push(cluster);
      cluster.node.addValidation({
        validate: () => (this.isBuilt ? [] : [`cluster "${cluster.name}" holds sites of an ApplicationNetwork that was not built: ` +
          'call network.synth(), or network.build() before synthesizing the clusters']),
      });
    }
    this.siteEntries.push({ site, key, props });
    return site;
  }

  /** The Site that `ref` names. */
  public site(ref: NetworkSiteRef): Site {
    return this.entryOf(ref).site;
  }

  /**
   * Declares one link between two sites. Which one listens: `options.listening`, else the first
   * named when it can listen (a non-edge site with a grantServerHost that the other site can
   * reach), else the second.
   */
  public link(a: NetworkSiteRef, b: NetworkSiteRef, options: NetworkPairOptions = {}): NetworkLink {
    this.assertNotBuilt('add a link');
    const first = this.entryOf(a);
    const second = this.entryOf(b);
    if (first === second) {
      throw new Error(`link from site "${first.key}" to itself: a link needs two different sites`);
    }
    const existing = this.findLink(first, second);
    if (existing) {
      throw new Error(`duplicate link between "${first.key}" and "${second.key}": already declared as ${existing.description} ` +
        '(a link connects both ways; declare it once)');
    }
    const where = `link "${first.key}" <-> "${second.key}"`;
    validateLinkOptions(where, options);
    const listening = options.listening === undefined ? this.defaultListener(first, second) : this.explicitListener(first, second, options.listening);
    const connecting = listening === first ? second : first;
    const entry = new LinkEntry(listening, connecting, options, options.rotation);
    this.linkEntries.push(entry);
    return entry;
  }

  /**
   * Links `hub` with each of `spokes`. The hub listens when it can (see `link`), unless
   * `hubListens` says otherwise.
   */
  public hubAndSpokes(hub: NetworkSiteRef, spokes: readonly NetworkSiteRef[], options: HubAndSpokesOptions = {}): NetworkLink[] {
    if (spokes.length === 0) {
      throw new Error(`hub and spokes around "${this.entryOf(hub).key}" has no spokes: pass at least one spoke`);
    }
    const { hubListens, ...linkOptions } = options;
    return spokes.map(spoke => this.link(hub, spoke, {
      ...linkOptions,
      listening: hubListens === undefined ? undefined : (hubListens ? hub : spoke),
    }));
  }

  /**
   * Links every two of `sites`: n sites give n(n-1)/2 links. For each pair the site named earlier
   * in `sites` listens when it can (see `link`).
   */
  public fullMesh(sites: readonly NetworkSiteRef[], options: FullMeshOptions = {}): NetworkLink[] {
    const entries = sites.map(ref => this.entryOf(ref));
    if (entries.length < 2) {
      throw new Error(`a full mesh needs at least two sites, got ${entries.length}`);
    }
    const twice = entries.find((entry, index) => entries.indexOf(entry) !== index);
    if (twice) {
      throw new Error(`site "${twice.key}" appears twice in the full mesh: list each site once`);
    }
    const links: NetworkLink[] = [];
    for (let i = 0; i < entries.length; i++) {
      for (let j = i + 1; j < entries.length; j++) {
        links.push(this.link(entries[i].site, entries[j].site, options));
      }
    }
    return links;
  }

  /**
   * Sets the rotation input of the link between `a` and `b` (in either order), e.g. to rotate one
   * link of a mesh. Only that link's two code SealedSecrets change.
   */
  public rotateLink(a: NetworkSiteRef, b: NetworkSiteRef, rotation: number): void {
    this.assertNotBuilt('rotate a link');
    const first = this.entryOf(a);
    const second = this.entryOf(b);
    const link = this.findLink(first, second);
    if (!link) {
      throw new Error(`no link between "${first.key}" and "${second.key}" to rotate: declare the link first`);
    }
    validateRotation(`rotation of link ${link.description}`, rotation);
    if (link.options.rotation !== undefined && link.options.rotation !== rotation) {
      throw new Error(`link ${link.description} already has rotation ${link.options.rotation} from its declaration: ` +
        'set the rotation in one place');
    }
    link.rotation = rotation;
  }

  /**
   * Declares a service: the workload `name` runs on the `from` site(s) (a Skupper Connector on
   * each) and is used on the `to` sites (a Skupper Listener on each, at host `name` unless
   * `listenerHost` says otherwise). Connectors and Listeners share the routing key `name` (or
   * `routingKey`) and are named `name`. Several exposing sites are allowed: Skupper balances each
   * consumer's connections between them.
   *
   * Checked at once: unknown sites; a consuming site that no chain of links connects to an
   * exposing site (so declare links first); a site on both sides; a service name used twice; two
   * services with one routing key but different ports; a listener host taken twice on a site;
   * and every value (DNS names, ports, routing key and selector syntax).
   */
  public expose(name: string, options: NetworkServiceOptions): NetworkService {
    this.assertNotBuilt('expose a service');
    const from = Array.isArray(options.from) ? options.from as readonly NetworkSiteRef[] : [options.from as NetworkSiteRef];
    const groups = connectedComponents(
      this.siteEntries.map(entry => entry.key),
      this.linkEntries.map(link => [link.listeningEntry.key, link.connectingEntry.key] as const),
    );
    const groupOf = new Map(groups.flatMap((members, index) => members.map(key => [key, index] as const)));
    return this.serviceRegistry.expose(name, options, {
      exposing: from.map(ref => this.entryOf(ref)),
      consuming: (options.to ?? []).map(ref => this.entryOf(ref)),
      linked: (a, b) => groupOf.get(a.key) === groupOf.get(b.key),
    });
  }

  /**
   * Checks the whole network (connectivity when declared, unique names), then creates the grant
   * servers, token redeemers and LinkedSitePairs. Returns the clusters, ready to synthesize.
   * Runs once; later calls return the same clusters.
   */
  public build(): Cluster[] {
    if (this.isBuilt) {
      return this.clusters;
    }
    if (this.siteEntries.length === 0) {
      // Synthesizing nothing and exiting 0 would look like success: almost surely sites were never added.
      throw new Error('the network has no sites, so there is nothing to synthesize: add sites with addSite (or the sites prop) ' +
        'before build() or synth()');
    }
    if (this.connected) {
      this.assertConnected();
    }
    const names = defaultLinkNames(this.linkEntries.map(link => ({
      listening: { cluster: link.listening.cluster.name, name: link.listening.name },
      connecting: { cluster: link.connecting.cluster.name, name: link.connecting.name },
      grantName: link.options.grantName,
      tokenName: link.options.tokenName,
    })));
    this.linkEntries.forEach((link, index) => { link.names = names[index]; });
    this.assertNamesFit();

    for (const entry of this.siteEntries) {
      const listensFor = this.linkEntries.filter(link => link.listeningEntry === entry);
      const connectsFor = this.linkEntries.filter(link => link.connectingEntry === entry);
      if (listensFor.length > 0) {
        if (GrantServer.tryOf(entry.site)) {
          throw new Error(`site "${entry.key}" already has a GrantServer: in an ApplicationNetwork the network makes it from ` +
            'the site\'s grantServerHost; do not add one yourself');
        }
        new GrantServer(entry.site, 'GrantServer', {
          host: entry.props.grantServerHost!,
          exposure: entry.props.grantServerExposure,
          port: entry.props.grantServerPort,
          nodePort: entry.props.grantServerNodePort,
          ingressClassName: entry.props.grantServerIngressClassName,
          image: entry.props.image,
          rotation: entry.props.grantServerRotation,
          keyAlgorithm: entry.props.grantServerKeyAlgorithm ?? this.grantServerKeyAlgorithm,
          // link() already refused hosts the connecting site cannot reach; within one cluster a Service name is fine.
          allowLocalHost: listensFor.every(link => link.connecting.cluster === entry.site.cluster),
        });
      }
      if (connectsFor.length > 0 && entry.props.image !== undefined && !entry.site.node.tryFindChild('TokenRedeemer')) {
        new TokenRedeemer(entry.site, 'TokenRedeemer', { image: entry.props.image });
      }
    }
    for (const link of this.linkEntries) {
      const id = `Link:${link.listeningEntry.key.replace('/', '.')}:${link.connectingEntry.key.replace('/', '.')}`;
      link.linkedPair = new LinkedSitePair(link.listening, id, {
        listening: link.listening,
        connecting: link.connecting,
        grantName: link.names!.grantName,
        tokenName: link.names!.tokenName,
        redemptionsAllowed: link.options.redemptionsAllowed,
        expirationWindow: link.options.expirationWindow,
        cost: link.options.cost,
        rotation: link.effectiveRotation,
      });
    }
    this.isBuilt = true;
    return this.clusters;
  }

  /**
   * Builds the network and writes every cluster's folder (all validated before any is written),
   * plus the requested GitOps objects into `<outdir>/_gitops/`.
   */
  public synth(options: NetworkSynthOptions = {}): void {
    const clusters = this.build();
    synthClustersWithGitOps(clusters, options.gitOps ?? []);
  }

  private entryOf(ref: NetworkSiteRef): SiteEntry {
    if (ref instanceof Site) {
      const entry = this.siteEntries.find(e => e.site === ref);
      if (!entry) {
        throw new Error(`site "${ref.cluster.name}/${ref.name}" is not part of this network: add it with addSite`);
      }
      return entry;
    }
    if (typeof ref !== 'string') {
      throw new Error(`invalid site reference ${String(ref)}: pass a Site, "<cluster>/<site>" or "<site>"`);
    }
    const matches = ref.includes('/')
      ? this.siteEntries.filter(e => e.key === ref)
      : this.siteEntries.filter(e => e.site.name === ref);
    if (matches.length === 1) {
      return matches[0];
    }
    if (matches.length > 1) {
      throw new Error(`site name "${ref}" is ambiguous: it names ${matches.map(e => `"${e.key}"`).join(' and ')}; ` +
        'write "<cluster>/<site>"');
    }
    const known = this.siteEntries.map(e => e.key).join(', ') || 'none';
    throw new Error(`unknown site "${ref}": known sites are ${known} (add sites with addSite before linking them)`);
  }

  private findLink(a: SiteEntry, b: SiteEntry): LinkEntry | undefined {
    return this.linkEntries.find(link =>
      (link.listeningEntry === a && link.connectingEntry === b) || (link.listeningEntry === b && link.connectingEntry === a));
  }

  /** Why `listener` cannot listen for a link from `connector`, or undefined when it can. */
  private whyCannotListen(listener: SiteEntry, connector: SiteEntry): string | undefined {
    if (listener.site.edge) {
      return 'it is an edge site, and edge sites only connect';
    }
    const host = listener.props.grantServerHost;
    if (host === undefined) {
      return 'it declares no grantServerHost, so it has no grant server to redeem tokens';
    }
    if (listener.site.linkAccess === LinkAccess.NONE) {
      return 'it has linkAccess "none"';
    }
    if (listener.site.cluster !== connector.site.cluster) {
      const otherCluster = `cluster "${connector.site.cluster.name}"`;
      if (listener.site.linkAccess === LinkAccess.LOCAL) {
        return `its linkAccess "local" is a ClusterIP Service, which ${otherCluster} cannot reach`;
      }
      const hostProblem = inClusterOnlyHost(host);
      if (hostProblem) {
        return `its grantServerHost "${host}" ${hostProblem}, which ${otherCluster} cannot reach`;
      }
    }
    return undefined;
  }

  private defaultListener(first: SiteEntry, second: SiteEntry): SiteEntry {
    const firstProblem = this.whyCannotListen(first, second);
    if (firstProblem === undefined) {
      return first;
    }
    const secondProblem = this.whyCannotListen(second, first);
    if (secondProblem === undefined) {
      return second;
    }
    throw new Error(`neither site of link "${first.key}" <-> "${second.key}" can listen: "${first.key}": ${firstProblem}; ` +
      `"${second.key}": ${secondProblem}; give one of them a reachable grantServerHost (and linkAccess)`);
  }

  private explicitListener(first: SiteEntry, second: SiteEntry, ref: NetworkSiteRef): SiteEntry {
    const listener = this.entryOf(ref);
    if (listener !== first && listener !== second) {
      throw new Error(`listening site "${listener.key}" is not an end of link "${first.key}" <-> "${second.key}": ` +
        `pick "${first.key}" or "${second.key}"`);
    }
    const connector = listener === first ? second : first;
    const problem = this.whyCannotListen(listener, connector);
    if (problem !== undefined) {
      throw new Error(`site "${listener.key}" cannot listen for the link with "${connector.key}": ${problem}`);
    }
    return listener;
  }

  private assertConnected(): void {
    const components = connectedComponents(
      this.siteEntries.map(entry => entry.key),
      this.linkEntries.map(link => [link.listeningEntry.key, link.connectingEntry.key] as const),
    );
    if (components.length > 1) {
      const parts = components.map(component => `{${component.join(', ')}}`).join(' and ');
      throw new Error(`the network is declared connected, but its sites fall into ${components.length} unlinked groups: ${parts}: ` +
        'add links between the groups, or drop connected: true');
    }
  }

  /** Grant, token and Secret names must be unique per site, and fit in a label value. */
  private assertNamesFit(): void {
    const used = new Map<SiteEntry, Map<string, string>>();
    const claim = (entry: SiteEntry, name: string, what: string) => {
      const names = used.get(entry) ?? new Map<string, string>();
      used.set(entry, names);
      const previous = names.get(name);
      if (previous !== undefined) {
        throw new Error(`name "${name}" is used twice on site "${entry.key}": by ${previous} and by ${what}: ` +
          'set grantName or tokenName on one of these links');
      }
      names.set(name, what);
    };
    for (const link of this.linkEntries) {
      const { grantName, tokenName } = link.names!;
      for (const [name, what] of [[grantName, 'grant name'], [tokenName, 'token name']] as const) {
        validateDnsSubdomain(`${what} of link ${link.description}`, name);
        if (name.length > MAX_LINK_NAME_LENGTH) {
          throw new Error(`${what} "${name}" of link ${link.description} is longer than ${MAX_LINK_NAME_LENGTH} characters ` +
            '(it is also a label value): set a shorter grantName/tokenName for this link');
        }
      }
      claim(link.listeningEntry, grantName, `the grant of link ${link.description}`);
      claim(link.listeningEntry, `${grantName}-code`, `the grant code Secret of link ${link.description}`);
      // The token's name is also the Secret its redemption creates, next to its code Secret.
      claim(link.connectingEntry, tokenName, `the token (and its Secret) of link ${link.description}`);
      claim(link.connectingEntry, `${tokenName}-code`, `the token code Secret of link ${link.description}`);
    }
  }

  private assertNotBuilt(what: string): void {
    if (this.isBuilt) {
      throw new Error(`cannot ${what}: the network is already built (declare all sites and links before build() or synth())`);
    }
  }
}

function validateSiteProps(key: string, props: NetworkSiteProps): void {
  for (const [what, value] of [['grantServerRotation', props.grantServerRotation], ['linkRotation', props.linkRotation]] as const) {
    if (value !== undefined) {
      validateRotation(`${what} of site "${key}"`, value);
    }
  }
  const host = props.grantServerHost;
  if (host === undefined) {
    const stray = (['grantServerExposure', 'grantServerPort', 'grantServerNodePort', 'grantServerIngressClassName', 'grantServerRotation',
      'grantServerKeyAlgorithm'] as const)
      .filter(prop => props[prop] !== undefined);
    if (stray.length > 0) {
      throw new Error(`site "${key}" sets ${stray.join(', ')} but no grantServerHost: set the host its grant server is reached at`);
    }
    return;
  }
  const hostKind = classifyHost(host);
  const exposure = props.grantServerExposure;
  if (exposure === GrantServerExposure.NODE_PORT && props.grantServerNodePort === undefined) {
    throw new Error(`site "${key}" exposes its grant server as NodePort but sets no grantServerNodePort (30000-32767): ` +
      'it is the port written into tokens');
  }
  if ((exposure === GrantServerExposure.INGRESS_NGINX || exposure === GrantServerExposure.ROUTE) && hostKind === 'ip') {
    throw new Error(`grantServerHost "${host}" of site "${key}" is an IP address, but ${exposure} exposure routes by host name: use a DNS name`);
  }
  if (props.edge) {
    throw new Error(`site "${key}" is an edge site but declares grantServerHost "${host}": edge sites cannot accept links, ` +
      'so they run no grant server');
  }
  if (props.linkAccess === LinkAccess.NONE) {
    throw new Error(`site "${key}" declares grantServerHost "${host}" but linkAccess "none": it could never listen; ` +
      'set another linkAccess or drop the host');
  }
}

function validateLinkOptions(where: string, options: NetworkPairOptions): void {
  if (options.cost !== undefined && (!Number.isInteger(options.cost) || options.cost < 1)) {
    throw new Error(`invalid cost ${options.cost} of ${where}: must be a positive integer`);
  }
  if (options.redemptionsAllowed !== undefined && (!Number.isInteger(options.redemptionsAllowed) || options.redemptionsAllowed < 1)) {
    throw new Error(`invalid redemptionsAllowed ${options.redemptionsAllowed} of ${where}: must be a positive integer`);
  }
  if (options.expirationWindow !== undefined) {
    parseGoDuration(`expiration window of ${where}`, options.expirationWindow);
  }
  if (options.rotation !== undefined) {
    validateRotation(`rotation of ${where}`, options.rotation);
  }
}

function validateRotation(what: string, value: number): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new Error(`invalid ${what} ${value}: must be a non-negative integer`);
  }
}
