/**
 * The tokens this process found or made complete lately (their Secret and Links exist), so that
 * the reconciles that follow, one per event on the token or its Links (Skupper's status writes,
 * our touches), can take the Links from the informer cache instead of reading the Secret and the
 * Links afresh: under a burst of tokens those reads were most of the API calls. A POST is still
 * only ever decided on fresh reads: a token not remembered, or whose Links the cache lacks, is read
 * afresh. The Secret is not watched (the Role reads it by name only), so a Secret deleted within
 * `ttlMs` of the last fresh read is noticed at the first reconcile after that.
 */
export class RecentRedemptions {
  private readonly tokens = new Map<string, { readonly linkNames: readonly string[]; readonly atMs: number }>();

  public constructor(private readonly ttlMs = DEFAULT_TTL_MS, private readonly maxTokens = 10_000) {}

  /** `token`'s Secret, recording `linkNames`, and those Links existed at `atMs` (a fresh read, or our creation). */
  public complete(token: string, linkNames: readonly string[], atMs: number): void {
    this.tokens.delete(token);
    this.tokens.set(token, { linkNames: [...linkNames], atMs });
    if (this.tokens.size > this.maxTokens) this.tokens.delete(this.tokens.keys().next().value!);
  }

  /** The Link names of `token` if it was complete less than the TTL ago. */
  public linkNames(token: string, nowMs: number): readonly string[] | undefined {
    const entry = this.tokens.get(token);
    if (!entry) return undefined;
    if (nowMs - entry.atMs >= this.ttlMs || nowMs < entry.atMs) {
      this.tokens.delete(token);
      return undefined;
    }
    return entry.linkNames;
  }

  public forget(token: string): void {
    this.tokens.delete(token);
  }
}

/** Longer than the touch schedule (link-nudge.ts), short enough for a deleted Secret to be seen soon. */
const DEFAULT_TTL_MS = 15_000;
