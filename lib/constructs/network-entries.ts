import type { LinkNames } from '../topology/link-names';
import type { LinkedSitePair } from './linked-site-pair';
import type { NetworkLink, NetworkPairOptions } from './network-link';
import type { NetworkSiteProps } from './network-site';
import type { Site } from './site';

/** A site of an ApplicationNetwork, as the network keeps it. */
export interface SiteEntry {
  readonly site: Site;
  /** `<cluster>/<site>`: unique in the network. */
  readonly key: string;
  readonly props: NetworkSiteProps;
}

/** A link of an ApplicationNetwork: declared at once, named and built by `build()`. */
export class LinkEntry implements NetworkLink {
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
