import { FailedAttemptLimiter } from '../../../../lib/controllers/grant-server/failed-attempt-limiter';

function limiter(options: { maxClients?: number } = {}) {
  let now = 0;
  const l = new FailedAttemptLimiter({ burst: 3, intervalMs: 1000, now: () => now, ...options });
  return { l, advance: (ms: number) => (now += ms) };
}

test('allows a burst of failures, then asks to wait until one attempt is regained', () => {
  const { l, advance } = limiter();
  for (let i = 0; i < 3; i++) {
    expect(l.retryAfterMs('10.0.0.1')).toBe(0);
    l.recordFailure('10.0.0.1');
  }
  expect(l.retryAfterMs('10.0.0.1')).toBe(1000);
  advance(400);
  expect(l.retryAfterMs('10.0.0.1')).toBe(600);
  advance(600);
  expect(l.retryAfterMs('10.0.0.1')).toBe(0);
  l.recordFailure('10.0.0.1');
  expect(l.retryAfterMs('10.0.0.1')).toBe(1000);
});

test('clients are limited separately, and a refilled client is forgotten', () => {
  const { l, advance } = limiter();
  for (let i = 0; i < 3; i++) l.recordFailure('a');
  expect(l.retryAfterMs('a')).toBeGreaterThan(0);
  expect(l.retryAfterMs('b')).toBe(0);
  advance(3000);
  expect(l.retryAfterMs('a')).toBe(0);
  expect(l.size).toBe(0);
});

test('tracks at most maxClients addresses', () => {
  const { l } = limiter({ maxClients: 100 });
  for (let i = 0; i < 1000; i++) l.recordFailure(`10.0.${i >> 8}.${i & 255}`);
  expect(l.size).toBeLessThanOrEqual(100);
  expect(l.retryAfterMs('10.0.3.231')).toBe(0); // its bucket is not empty after one failure
});
