import type { SkupperLink } from '../../api/skupper';

/**
 * Skupper 2.2.1 writes a Link it has never seen into the router configuration only at the Link's
 * NEXT event (internal/kube/site/site.go `Site.link()`: the new link's configuration is assigned to
 * a shadowed variable), so a freshly redeemed Link waits for the controller's informer resync
 * (observed here: 20-30 s). Any change to the Link is such an event, so the redeemer touches its
 * own Links with this annotation until Skupper has written any status on them. The annotation's
 * value is the step of the schedule below reached by the last touch (steps already passed when the
 * redeemer gets to a Link late are skipped, not touched one after the other).
 */
export const LINK_NUDGE_ANNOTATION = 'cdk8s-skupper.io/configure-requested';

/**
 * Milliseconds after the Link's creation at which it is touched, if Skupper has not configured it
 * by then. Not at once: an update that reaches Skupper's work queue before it handled the create is
 * merged into it (the queue is keyed by object) and is lost the same way; later touches cover that.
 * Not too close together either: Skupper configures a Link at each event after the first (its
 * 2.2.1 code compares whole objects), and a touch landing while it configures the Link makes its
 * status write conflict, so the Link is configured again, in turn with all the others (measured
 * with 20 tokens at once: touches 100-200 ms apart caused such a repeat for a quarter of the Links).
 * Under a burst, most Links are touched at once when another is configured (link-touches.ts).
 */
export const LINK_NUDGE_AFTER_MS: readonly number[] = [150, 400, 800, 1_300, 2_000, 3_000, 5_000, 8_000];

/**
 * After a touch known to count, the schedule's next touch waits at least this long: it would most
 * likely land while Skupper configures the Link, and make Skupper's status write conflict and repeat.
 */
export const DUE_TOUCH_QUIET_MS = 500;

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
 * `due`: a touch now is known to count (link-touches.ts), whatever the schedule says.
 */
export function linkNudge(link: SkupperLink, now: Date, createdAtMs?: number, due = false): LinkNudge {
  if ((link.status?.conditions ?? []).length > 0) return {};
  // A string as the API sends it (typed as Date by client-node): Date takes either.
  const created = createdAtMs ?? new Date(link.metadata?.creationTimestamp ?? NaN).getTime();
  if (Number.isNaN(created)) return {};
  const done = Number(link.metadata?.annotations?.[LINK_NUDGE_ANNOTATION] ?? '0');
  const count = Number.isInteger(done) && done >= 0 ? done : LINK_NUDGE_AFTER_MS.length;
  const age = now.getTime() - created;
  if (count >= LINK_NUDGE_AFTER_MS.length) return {};
  if (age < LINK_NUDGE_AFTER_MS[count] && !due) return { requeueAfterMs: LINK_NUDGE_AFTER_MS[count] - age };
  const step = Math.max(count + 1, stepsPassed(age + (due ? DUE_TOUCH_QUIET_MS : 0)));
  const next = LINK_NUDGE_AFTER_MS[step];
  return { touchWith: String(step), requeueAfterMs: next === undefined ? undefined : Math.max(1, next - age) };
}

/** The steps of the schedule at or before `ageMs`. */
function stepsPassed(ageMs: number): number {
  return LINK_NUDGE_AFTER_MS.filter((afterMs) => afterMs <= ageMs).length;
}
