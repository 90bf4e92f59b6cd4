import { KeyedMutex } from '../../../../lib/controllers/grant-server/keyed-mutex';

// Yields to the event loop once: ordering, not time, is what the test looks at.
const tick = () => new Promise((resolve) => setImmediate(resolve));

test('runs tasks of one key one at a time in order, other keys in parallel', async () => {
  const mutex = new KeyedMutex();
  const events: string[] = [];
  const task = (key: string, id: number) => mutex.run(key, async () => {
    events.push(`start ${key}${id}`);
    await tick();
    events.push(`end ${key}${id}`);
    return id;
  });
  const results = await Promise.all([task('a', 1), task('a', 2), task('b', 1), task('a', 3)]);
  expect(results).toEqual([1, 2, 1, 3]);
  const a = events.filter((e) => / a\d$/.test(e));
  expect(a).toEqual(['start a1', 'end a1', 'start a2', 'end a2', 'start a3', 'end a3']);
  expect(events.indexOf('start b1')).toBeLessThan(events.indexOf('end a1'));
  expect(mutex.activeKeys).toBe(0);
});

test('a failing task releases the key', async () => {
  const mutex = new KeyedMutex();
  await expect(mutex.run('a', async () => { throw new Error('boom'); })).rejects.toThrow('boom');
  await expect(mutex.run('a', async () => 'next')).resolves.toBe('next');
  expect(mutex.activeKeys).toBe(0);
});
