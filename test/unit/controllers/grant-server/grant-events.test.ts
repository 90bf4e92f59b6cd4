import { aggregatingEvents } from '../../../../lib/controllers/grant-server/grant-events';
import { linkGrant } from './support';

afterEach(() => jest.useRealTimers());

test('the events of a grant and reason within the window are written as one with their count when it ends', () => {
  jest.useFakeTimers();
  const written: string[] = [];
  const events = aggregatingEvents((grant, type, reason, message, count) => written.push(`${grant.metadata!.name} ${type} ${reason} x${count}: ${message}`), 1000);
  const g = linkGrant('g');
  events.record(g, 'Normal', 'Redeemed', 'one');
  events.record(linkGrant('h'), 'Normal', 'Redeemed', 'other grant');
  events.record(g, 'Normal', 'Redeemed', 'two');
  events.record(g, 'Normal', 'Reissued', 'other reason');
  events.record(g, 'Normal', 'Redeemed', 'three');
  expect(written).toEqual([]);
  jest.advanceTimersByTime(999);
  expect(written).toEqual([]);
  jest.advanceTimersByTime(1);
  expect(written).toEqual([
    'g Normal Redeemed x3: three (and 2 more like it within 1 s)',
    'h Normal Redeemed x1: other grant',
    'g Normal Reissued x1: other reason',
  ]);
  // A new window starts with the next event; a single one is written alone.
  events.record(g, 'Normal', 'Redeemed', 'four');
  jest.advanceTimersByTime(1000);
  expect(written.slice(3)).toEqual(['g Normal Redeemed x1: four']);
  jest.advanceTimersByTime(5000);
  expect(written).toHaveLength(4);
});

test('flush writes what is held at once', () => {
  jest.useFakeTimers();
  const written: string[] = [];
  const events = aggregatingEvents((_g, _t, _r, message, count) => written.push(`x${count}: ${message}`), 1000);
  events.record(linkGrant('g'), 'Normal', 'Redeemed', 'one');
  events.record(linkGrant('g'), 'Normal', 'Redeemed', 'two');
  events.record(linkGrant('h'), 'Normal', 'Redeemed', 'three');
  events.flush();
  expect(written).toEqual(['x2: two (and 1 more like it within 1 s)', 'x1: three']);
  jest.advanceTimersByTime(5000);
  expect(written).toHaveLength(2);
});
