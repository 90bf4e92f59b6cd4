/** The schedule's touches wait this long after a touch known to count (see quietMs). */
export const CERTAIN_TOUCH_QUIET_MS = 2_000;

/**
 * What the redeemer knows about the Links it created and touched (link-nudge.ts), to touch a Link
 * when the touch is sure to count.
 *
 * A touch counts only if Skupper has already taken the Link's create off its work queue (else the
 * two are merged and Skupper still sees a new Link). Skupper takes Link events off one FIFO queue in
 * the order its watch delivered them, which is the order the API server made them. So once Skupper
 * has configured Link L, which only an event after L's create does (our first touch of L at the
 * earliest), it has also taken off every Link create made before that first touch: a touch of those
 * Links sent now counts. Under a burst this configures each Link about one touch after the first
 * one configured, instead of at the next step of the fixed schedule (many touches were lost there,
 * and touches landing while Skupper configured a Link made its status write conflict and repeat).
 */
export class LinkTouches {
  private readonly links = new Map<string, Tracked>();

  public constructor(private readonly maxTracked = 10_000) {}

  /** This process created `link` (for `token`) at `atMs`, as the create's answer came back. */
  public created(link: string, token: string, atMs: number): void {
    this.links.delete(link);
    this.links.set(link, { token, createdAtMs: atMs, due: false });
    // Bounded: a Link forgotten early is timed by its creationTimestamp and misses only the early touch.
    if (this.links.size > this.maxTracked) this.links.delete(this.links.keys().next().value!);
  }

  /** When this process created `link`, if it remembers. */
  public createdAt(link: string): number | undefined {
    return this.links.get(link)?.createdAtMs;
  }

  /** The touch count this process last set on `link` (the informer's copy may not show it yet). */
  public lastStep(link: string): number | undefined {
    return this.links.get(link)?.lastStep;
  }

  /** Whether a touch of `link` now is known to count (see the class comment). */
  public isDue(link: string): boolean {
    return this.links.get(link)?.due ?? false;
  }

  /** A touch of `link`, setting its count to `step`, was sent at `atMs`. */
  public touched(link: string, atMs: number, step: number): void {
    const tracked = this.links.get(link);
    if (!tracked) return;
    tracked.firstTouchAtMs ??= atMs;
    tracked.lastStep = Math.max(tracked.lastStep ?? 0, step);
    if (tracked.due) tracked.certainAtMs = atMs;
    tracked.due = false;
  }

  /**
   * How long the schedule's touches of `link` should still wait: a while after a touch known to
   * count, which Skupper acts on in its turn; a touch landing meanwhile would only make Skupper's
   * status write conflict and configure the Link again.
   */
  public quietMs(link: string, nowMs: number): number {
    const certainAtMs = this.links.get(link)?.certainAtMs;
    return certainAtMs === undefined ? 0 : Math.max(0, certainAtMs + CERTAIN_TOUCH_QUIET_MS - nowMs);
  }

  /**
   * Skupper has reported on `link`: it is forgotten, and the Links created before its first touch
   * that Skupper has not reported on become due, unless one touch known to count was sent already
   * (more would only land while Skupper configures them). Returns their tokens, to be reconciled now.
   */
  public reported(link: string): string[] {
    const tracked = this.links.get(link);
    this.links.delete(link);
    if (tracked?.firstTouchAtMs === undefined) return [];
    const tokens = new Set<string>();
    for (const other of this.links.values()) {
      if (other.createdAtMs < tracked.firstTouchAtMs && !other.due && other.certainAtMs === undefined) {
        other.due = true;
        tokens.add(other.token);
      }
    }
    return [...tokens];
  }

  /** Forgets `link` (Skupper reported on it, or it is no longer touched). */
  public forget(link: string): void {
    this.links.delete(link);
  }
}

interface Tracked {
  readonly token: string;
  readonly createdAtMs: number;
  firstTouchAtMs?: number;
  lastStep?: number;
  /** A touch now is known to count and has not been sent yet. */
  due: boolean;
  /** When a touch known to count was sent: Skupper will configure the Link without another. */
  certainAtMs?: number;
}
