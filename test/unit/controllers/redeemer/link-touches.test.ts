import { CERTAIN_TOUCH_QUIET_MS, LinkTouches } from '../../../../lib/controllers/redeemer/link-touches';

test('once Skupper reports on a touched Link, the Links created before its first touch are due, once', () => {
  const touches = new LinkTouches();
  touches.created('a', 'token-a', 100);
  touches.created('b', 'token-b', 110);
  touches.created('c', 'token-c', 300);
  touches.touched('b', 200, 1);
  touches.touched('b', 400, 2); // only the first touch bounds what Skupper has seen
  expect(touches.reported('b')).toEqual(['token-a']);
  expect(touches.isDue('a')).toBe(true);
  expect(touches.isDue('c')).toBe(false);
  expect(touches.createdAt('b')).toBeUndefined();
  expect(touches.lastStep('a')).toBeUndefined();
  touches.touched('a', 500, 3);
  expect(touches.isDue('a')).toBe(false);
  expect(touches.lastStep('a')).toBe(3);
  // The schedule leaves a quiet time after a touch known to count.
  expect(touches.quietMs('a', 600)).toBe(CERTAIN_TOUCH_QUIET_MS - 100);
  expect(touches.quietMs('a', 500 + CERTAIN_TOUCH_QUIET_MS)).toBe(0);
  touches.created('d', 'token-d', 350);
  touches.touched('c', 360, 1);
  // a had its touch known to count: it is not touched again.
  expect(touches.reported('c')).toEqual(['token-d']);
  expect(touches.reported('c')).toEqual([]);
});

test('a Link reported on without a touch of ours tells nothing about the others', () => {
  const touches = new LinkTouches();
  touches.created('a', 'token-a', 100);
  touches.created('b', 'token-b', 200);
  expect(touches.reported('b')).toEqual([]);
  expect(touches.isDue('a')).toBe(false);
  expect(touches.reported('unknown')).toEqual([]);
});

test('tracks a bounded number of Links, forgetting the oldest', () => {
  const touches = new LinkTouches(2);
  touches.created('a', 'token-a', 1);
  touches.created('b', 'token-b', 2);
  touches.created('c', 'token-c', 3);
  expect(touches.createdAt('a')).toBeUndefined();
  expect(touches.createdAt('c')).toBe(3);
  touches.forget('c');
  expect(touches.createdAt('c')).toBeUndefined();
});
