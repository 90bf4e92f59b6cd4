import { RecentRedemptions } from '../../../../lib/controllers/redeemer/recent-redemptions';

test('remembers a complete token for the TTL only, bounded, and forgets on request', () => {
  const recent = new RecentRedemptions(1_000, 2);
  recent.complete('a', ['a'], 100);
  expect(recent.linkNames('a', 1_099)).toEqual(['a']);
  expect(recent.linkNames('a', 1_100)).toBeUndefined();
  recent.complete('b', ['b-1', 'b-2'], 100);
  expect(recent.linkNames('b', 50)).toBeUndefined(); // a clock gone back proves nothing
  recent.complete('b', ['b-1', 'b-2'], 100);
  recent.complete('c', ['c'], 100);
  recent.complete('d', ['d'], 100);
  expect(recent.linkNames('b', 200)).toBeUndefined();
  expect(recent.linkNames('d', 200)).toEqual(['d']);
  recent.forget('d');
  expect(recent.linkNames('d', 200)).toBeUndefined();
});
