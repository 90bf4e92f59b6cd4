import { DUE_TOUCH_QUIET_MS, LINK_NUDGE_AFTER_MS, LINK_NUDGE_ANNOTATION, linkNudge } from '../../../../lib/controllers/redeemer/link-nudge';
import type { SkupperLink } from '../../../../lib/api/skupper';

const CREATED = '2026-03-01T10:00:00Z';
const at = (ms: number): Date => new Date(Date.parse(CREATED) + ms);

function link(touches?: string, conditions: Array<{ type: string; status: string }> = []): SkupperLink {
  return {
    apiVersion: 'skupper.io/v2alpha1', kind: 'Link',
    metadata: { name: 'l', creationTimestamp: CREATED as unknown as Date, annotations: touches === undefined ? {} : { [LINK_NUDGE_ANNOTATION]: touches } },
    spec: { endpoints: [] },
    ...(conditions.length > 0 ? { status: { conditions: conditions.map(c => ({ ...c, reason: 'r', message: 'm', lastTransitionTime: CREATED })) } } : {}),
  } as SkupperLink;
}

test('waits for the first delay before touching a new Link', () => {
  expect(linkNudge(link(), at(100))).toEqual({ requeueAfterMs: LINK_NUDGE_AFTER_MS[0] - 100 });
});

test('touches at each delay, counting, and stops after the last', () => {
  expect(linkNudge(link(), at(LINK_NUDGE_AFTER_MS[0]))).toEqual({ touchWith: '1', requeueAfterMs: LINK_NUDGE_AFTER_MS[1] - LINK_NUDGE_AFTER_MS[0] });
  expect(linkNudge(link('1'), at(LINK_NUDGE_AFTER_MS[0] + 1))).toEqual({ requeueAfterMs: LINK_NUDGE_AFTER_MS[1] - LINK_NUDGE_AFTER_MS[0] - 1 });
  const last = LINK_NUDGE_AFTER_MS.length - 1;
  expect(linkNudge(link(String(last)), at(LINK_NUDGE_AFTER_MS[last]))).toEqual({ touchWith: String(last + 1), requeueAfterMs: undefined });
  expect(linkNudge(link(String(last + 1)), at(3_600_000))).toEqual({});
});

test('does nothing once Skupper has written any condition, or without a creation time, or with a foreign count', () => {
  expect(linkNudge(link(undefined, [{ type: 'Configured', status: 'False' }]), at(60_000))).toEqual({});
  expect(linkNudge({ ...link(), metadata: { name: 'l' } }, at(60_000))).toEqual({});
  expect(linkNudge(link('many'), at(60_000))).toEqual({});
});

test('times a Link from when this process created it, if given (the creationTimestamp has whole seconds only)', () => {
  const createdHere = Date.parse(CREATED) + 900;
  expect(linkNudge(link(), at(1000), createdHere)).toEqual({ requeueAfterMs: LINK_NUDGE_AFTER_MS[0] - 100 });
  expect(linkNudge(link(), at(900 + LINK_NUDGE_AFTER_MS[0]), createdHere)).toEqual({ touchWith: '1', requeueAfterMs: LINK_NUDGE_AFTER_MS[1] - LINK_NUDGE_AFTER_MS[0] });
});

test('a Link due a touch is touched at once, and the schedule then leaves Skupper a quiet time', () => {
  const createdHere = Date.parse(CREATED);
  const nudge = linkNudge(link(), at(50), createdHere, true);
  const step = LINK_NUDGE_AFTER_MS.filter(ms => ms <= 50 + DUE_TOUCH_QUIET_MS).length;
  expect(nudge).toEqual({ touchWith: String(step), requeueAfterMs: LINK_NUDGE_AFTER_MS[step] - 50 });
  expect(LINK_NUDGE_AFTER_MS[step]).toBeGreaterThan(50 + DUE_TOUCH_QUIET_MS);
  expect(linkNudge(link(undefined, [{ type: 'Configured', status: 'True' }]), at(50), createdHere, true)).toEqual({});
});

test('steps passed while the redeemer was busy are skipped, not touched one after the other', () => {
  expect(linkNudge(link(), at(LINK_NUDGE_AFTER_MS[2] + 10))).toEqual({ touchWith: '3', requeueAfterMs: LINK_NUDGE_AFTER_MS[3] - LINK_NUDGE_AFTER_MS[2] - 10 });
});
