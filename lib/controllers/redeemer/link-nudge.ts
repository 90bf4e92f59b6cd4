import type { SkupperLink } from '../../api/skupper';

/**
 * Skupper 2.2.1 writes a Link it has never seen into the router configuration only at the Link's
 * NEXT event (internal/kube/site/site.go `Site.link()`: the new link's configuration is assigned to
 * a shadowed variable), so a freshly redeemed Link waits for the controller's informer resync
 * (observed here: 20-30 s). Any change to the Link is such an event, so the redeemer touches its
 * own Links with this annotation until Skupper has written any status on them. The annotation's
 * value counts the touches.
 */
export const LINK_NUDGE_ANNOTATION = 'cdk8s-skupper.io/configure-requested';

/**
 * Milliseconds after the Link's creation at which it is touched, if Skupper has not configured it
 * by then. Not at once: an update that reaches Skupper's work queue before it handled the create is
 * merged into it (the queue is keyed by object) and is lost the same way; later touches cover that.
 * Close together at first: a busy controller handles the create later, and each touch lost costs
 * the time to the next one (measured with 20 tokens at once: touches at 150-400 ms were often lost).
 */
export const LINK_NUDGE_AFTER_MS: readonly number[] = [150, 300, 500, 800, 1_200, 2_000, 3_000, 5_000, 8_000];

export interface LinkNudge {
  /** Touch the Link now, setting the annotation to this count. */
  readonly touchWith?: string;
  /** Look again after this long (a touch is still to come). */
  readonly requeueAfterMs?: number;
}

/**
 * What to do about one of the token's Links at `now`: nothing once Skupper has reported on it.
 * `createdAtMs`: when this process created the Link, if it did (the creationTimestamp has whole
 * seconds only, so a Link would look up to a second older than it is and be touched too early).
 */
export function linkNudge(link: SkupperLink, now: Date, createdAtMs?: number): LinkNudge {
  if ((link.status?.conditions ?? []).length > 0) return {};
  // A string as the API sends it (typed as Date by client-node): Date takes either.
  const created = createdAtMs ?? new Date(link.metadata?.creationTimestamp ?? NaN).getTime();
  if (Number.isNaN(created)) return {};
  const done = Number(link.metadata?.annotations?.[LINK_NUDGE_ANNOTATION] ?? '0');
  const count = Number.isInteger(done) && done >= 0 ? done : LINK_NUDGE_AFTER_MS.length;
  const age = now.getTime() - created;
  if (count >= LINK_NUDGE_AFTER_MS.length) return {};
  if (age < LINK_NUDGE_AFTER_MS[count]) return { requeueAfterMs: LINK_NUDGE_AFTER_MS[count] - age };
  const next = LINK_NUDGE_AFTER_MS[count + 1];
  return { touchWith: String(count + 1), requeueAfterMs: next === undefined ? undefined : Math.max(1, next - age) };
}
