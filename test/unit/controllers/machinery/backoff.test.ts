import { backoffDelay } from '../../../../lib/controllers/machinery/backoff';

test('doubles from the base after each failure and stops at the maximum', () => {
  const backoff = { baseMs: 500, maxMs: 3_000 };
  expect([1, 2, 3, 4, 5].map((failures) => backoffDelay(backoff, failures))).toEqual([500, 1_000, 2_000, 3_000, 3_000]);
});
