import { IGitOpsTool } from '../gitops/gitops-tool';
import { synthClustersWithGitOps } from '../gitops/synth-gitops';
import { defaultLinkNames } from '../topology/link-names';
import { connectedComponents } from '../topology/network-graph';
import { validateNonNegativeInteger } from '../validation/integers';
import { Cluster } from './cluster';
import { GrantServerKeyAlgorithm } from './grant-server-key-algorithm';
import { assertLinkNamesFit } from './link-name-claims';
import { defaultListener, explicitListener } from './link-listener';
import { LinkedSitePair } from './linked-site-pair';
import { LinkEntry, SiteEntry } from './network-entries';
import { validateLinkOptions, validateSiteProps } from './network-input-checks';
import { FullMeshOptions, HubAndSpokesOptions, NetworkLink, NetworkPairOptions } from './network-link';
import { NetworkService, NetworkServiceOptions } from './network-service';
import { NetworkServiceRegistry } from './network-service-registry';
import { NetworkSiteProps, NetworkSiteRef } from './network-site';
import { findSiteEntry } from './network-site-ref';
import { addNetworkSiteWorkloads } from './network-site-workloads';
import { LinkAccess, Site } from './site';

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
    const listening = options.listening === undefined
      ? defaultListener(first, second)
      : explicitListener(first, second, this.entryOf(options.listening));
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
    validateNonNegativeInteger(`rotation of link ${link.description}`, rotation);
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
    const groups = this.linkedGroups();
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
    assertLinkNamesFit(this.linkEntries);

    for (const entry of this.siteEntries) {
      addNetworkSiteWorkloads(entry, this.linkEntries, this.grantServerKeyAlgorithm);
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
    return findSiteEntry(this.siteEntries, ref);
  }

  private findLink(a: SiteEntry, b: SiteEntry): LinkEntry | undefined {
    return this.linkEntries.find(link =>
      (link.listeningEntry === a && link.connectingEntry === b) || (link.listeningEntry === b && link.connectingEntry === a));
  }

  private assertConnected(): void {
    const components = this.linkedGroups();
    if (components.length > 1) {
      const parts = components.map(component => `{${component.join(', ')}}`).join(' and ');
      throw new Error(`the network is declared connected, but its sites fall into ${components.length} unlinked groups: ${parts}: ` +
        'add links between the groups, or drop connected: true');
    }
  }

  /** The sites (keys) in groups that links connect, directly or through other sites. */
  private linkedGroups(): string[][] {
    return connectedComponents(
      this.siteEntries.map(entry => entry.key),
      this.linkEntries.map(link => [link.listeningEntry.key, link.connectingEntry.key] as const),
    );
  }

  private assertNotBuilt(what: string): void {
    if (this.isBuilt) {
      throw new Error(`cannot ${what}: the network is already built (declare all sites and links before build() or synth())`);
    }
  }
}
