import { validateRoutingKey } from '../../../lib/validation/routing-key';

test.each(['backend', 'backend-v2', 'orders.eu', '0', 'a.b.c'])('accepts routing key %p', (key) => {
  expect(validateRoutingKey('routing key', key)).toBe(key);
});

test('a routing key has no length limit of its own (Skupper sets none)', () => {
  const key = `${'x'.repeat(100)}.${'y'.repeat(200)}`;
  expect(validateRoutingKey('routing key', key)).toBe(key);
});

test.each(['Backend', 'back_end', '-a', 'a-', 'a..b', '.a', 'a.', '', 'a b', 'a/b'])('refuses routing key %p', (key) => {
  expect(() => validateRoutingKey('routing key', key)).toThrow(`invalid routing key "${key}": must be a Skupper routing key`);
});
