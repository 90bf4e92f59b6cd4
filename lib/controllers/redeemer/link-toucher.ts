import type { Logger } from '../machinery/logger';
import type { ReconcileResult } from '../machinery/work-queue';
import { describeError } from '../../kube-client/api-errors';
import { LINK_NUDGE_AFTER_MS, LINK_NUDGE_ANNOTATION, linkNudge } from './link-nudge';
import { LinkTouches } from './link-touches';
import { SkupperLink } from '../../api/skupper';

export interface LinkToucherDeps {
  /** Sets one annotation on a Link (a no-op when the Link is gone). */
  annotateLink(name: string, key: string, value: string): Promise<void>;
  /** Reconciles a token now, or after `afterMs` (one of its Links is due a touch). */
  readonly reconcileSoon?: (tokenName: string, afterMs?: number) => void;
  readonly log: Logger;
  readonly now: () => Date;
}

/**
 * Touches the Links the redeemer created until Skupper reports on them (Skupper 2.2.1 configures a
 * new Link only at its next event): on the schedule of link-nudge.ts, and at once when a touch is
 * known to count (link-touches.ts).
 */
export class LinkToucher {
  private readonly touches = new LinkTouches();

  public constructor(private readonly deps: LinkToucherDeps) {}

  /**
   * This process has just created `link` for `token`. The first touch is timed from here, not from
   * the end of the reconcile (which still writes the token's status: slow under a burst).
   */
  public created(link: string, token: string): void {
    this.touches.created(link, token, this.deps.now().getTime());
    this.deps.reconcileSoon?.(token, LINK_NUDGE_AFTER_MS[0]);
  }

  /** When this process created `link`, while Skupper has not reported on it. */
  public createdAt(link: string): number | undefined {
    return this.touches.createdAt(link);
  }

  /** Touches the Links Skupper has not configured yet (link-nudge.ts); when to look again. */
  public async nudge(links: readonly SkupperLink[]): Promise<ReconcileResult> {
    let requeueAfterMs: number | undefined;
    for (const link of links) {
      const linkName = link.metadata!.name!;
      const now = this.deps.now();
      const due = this.touches.isDue(linkName);
      const quietMs = due ? 0 : this.touches.quietMs(linkName, now.getTime());
      const scheduled = linkNudge(withKnownTouchCount(link, this.touches.lastStep(linkName)), now, this.touches.createdAt(linkName), due);
      // After a touch known to count, the schedule's touches wait (they are only a fallback).
      const nudge = quietMs > 0 && scheduled.touchWith !== undefined
        ? { requeueAfterMs: Math.max(quietMs, scheduled.requeueAfterMs ?? 0) }
        : scheduled;
      if ((link.status?.conditions ?? []).length > 0) {
        // Skupper has taken this Link's first touch off its queue, so the creates before it too.
        for (const token of this.touches.reported(linkName)) this.deps.reconcileSoon?.(token);
      } else if (nudge.requeueAfterMs === undefined && nudge.touchWith === undefined) {
        this.touches.forget(linkName);
      }
      if (nudge.touchWith !== undefined) {
        try {
          // Noted before sending: a create answered before this moment is ordered before the touch.
          this.touches.touched(linkName, now.getTime(), Number(nudge.touchWith));
          await this.deps.annotateLink(linkName, LINK_NUDGE_ANNOTATION, nudge.touchWith);
          this.deps.log.info('touched a Link Skupper has not configured yet', { link: linkName, touch: nudge.touchWith });
        } catch (error) {
          this.deps.log.warn('could not touch Link', { link: linkName, error: describeError(error) });
        }
      }
      if (nudge.requeueAfterMs !== undefined) requeueAfterMs = Math.min(requeueAfterMs ?? Infinity, nudge.requeueAfterMs);
    }
    return requeueAfterMs === undefined ? {} : { requeueAfterMs };
  }
}

/** The Link with the touch count this process set last, if the copy at hand (the informer's) is behind. */
function withKnownTouchCount(link: SkupperLink, lastStep: number | undefined): SkupperLink {
  const shown = Number(link.metadata?.annotations?.[LINK_NUDGE_ANNOTATION] ?? '0');
  if (lastStep === undefined || shown >= lastStep) return link;
  return { ...link, metadata: { ...link.metadata, annotations: { ...link.metadata?.annotations, [LINK_NUDGE_ANNOTATION]: String(lastStep) } } };
}
