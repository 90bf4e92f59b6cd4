import { aggregatingEvents } from '../../../../lib/controllers/grant-server/grant-events';
import { linkGrant } from './support';

afterEach(() => jest.useRealTimers());

test('the first event of a grant and reason is written at once, the ones within the window as one with their count', () => {
  jest.useFakeTimers();
  const written: string[] = [];
  const events = aggregatingEvents((grant, type, reason, message, count) => written.push(`${grant.metadata!.name} ${type} ${reason} x${count}: ${message}`), 1000);
  const g = linkGrant('g');
  events.record(g, 'Normal', 'Redeemed', 'one');
  events.record(linkGrant('h'), 'Normal', 'Redeemed', 'other grant');
  events.record(g, 'Normal', 'Redeemed', 'two');
  events.record(g, 'Normal', 'Reissued', 'other reason');
  events.record(g, 'Normal', 'Redeemed', 'three');
  expect(written).toEqual(['g Normal Redeemed x1: one', 'h Normal Redeemed x1: other grant', 'g Normal Reissued x1: other reason']);
  jest.advanceTimersByTime(1000);
  expect(written.slice(3)).toEqual(['g Normal Redeemed x2: three (and 1 more like it within 1 s)']);
  // The window starts again after an aggregated write; a quiet window ends it.
  events.record(g, 'Normal', 'Redeemed', 'four');
  jest.advanceTimersByTime(1000);
  expect(written.slice(4)).toEqual(['g Normal Redeemed x1: four']);
  jest.advanceTimersByTime(1000);
  events.record(g, 'Normal', 'Redeemed', 'five');
  expect(written.slice(5)).toEqual(['g Normal Redeemed x1: five']);
});

test('flush writes what is held at once', () => {
  jest.useFakeTimers();
  const written: string[] = [];
  const events = aggregatingEvents((_g, _t, _r, message, count) => written.push(`x${count}: ${message}`), 1000);
  events.record(linkGrant('g'), 'Normal', 'Redeemed', 'one');
  events.record(linkGrant('g'), 'Normal', 'Redeemed', 'two');
  events.flush();
  expect(written).toEqual(['x1: one', 'x1: two']);
  jest.advanceTimersByTime(5000);
  expect(written).toHaveLength(2);
});
