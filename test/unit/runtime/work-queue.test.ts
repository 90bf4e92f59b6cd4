import { WorkQueue } from '../../../lib/runtime/work-queue';

const tick = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

test('a key added many times while pending is reconciled once', async () => {
  const seen: string[] = [];
  const queue = new WorkQueue(async key => { seen.push(key); return {}; }, () => undefined);
  for (let i = 0; i < 5; i++) queue.add('ns/a');
  queue.add('ns/b');
  await tick(20);
  expect(seen.sort()).toEqual(['ns/a', 'ns/b']);
  queue.stop();
});

test('a key added while its reconcile runs is reconciled again afterwards, never concurrently', async () => {
  let running = 0;
  let maxRunning = 0;
  let calls = 0;
  const queue = new WorkQueue(async () => {
    running++; maxRunning = Math.max(maxRunning, running); calls++;
    await tick(20);
    running--;
    return {};
  }, () => undefined);
  queue.add('k');
  await tick(5);
  queue.add('k');
  queue.add('k');
  await tick(80);
  expect(calls).toBe(2);
  expect(maxRunning).toBe(1);
  queue.stop();
});

test('failures are retried with exponential backoff and reported', async () => {
  const times: number[] = [];
  const errors: unknown[] = [];
  const queue = new WorkQueue(async () => {
    times.push(Date.now());
    if (times.length < 3) throw new Error('transient');
    return {};
  }, (_key, err) => errors.push(err), { baseMs: 20, maxMs: 1000 });
  queue.add('k');
  await tick(200);
  expect(times).toHaveLength(3);
  expect(errors).toHaveLength(2);
  expect(times[2] - times[1]).toBeGreaterThanOrEqual(times[1] - times[0]);
  queue.stop();
});

test('requeueAfterMs schedules one more reconcile, stop cancels pending retries', async () => {
  let calls = 0;
  const queue = new WorkQueue(async () => { calls++; return calls === 1 ? { requeueAfterMs: 30 } : {}; }, () => undefined);
  queue.add('k');
  await tick(80);
  expect(calls).toBe(2);
  const stopped = new WorkQueue(async () => { calls++; return { requeue: true }; }, () => undefined, { baseMs: 30, maxMs: 30 });
  stopped.add('k');
  await tick(5);
  stopped.stop();
  await tick(80);
  expect(calls).toBe(3);
});
