import { WorkQueue } from '../../../../lib/controllers/machinery/work-queue';

// Time is an input in every test here: jest's fake timers, advanced by hand, so what is asserted
// never depends on how fast this machine is.
beforeEach(() => jest.useFakeTimers({ now: 0 }));
afterEach(() => jest.useRealTimers());
const tick = (ms: number): Promise<void> => jest.advanceTimersByTimeAsync(ms);

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
  // Fake setImmediate adds a tick of 1 ms to each attempt: compare against windows, not instants.
  const attemptsBy = async (ms: number): Promise<number> => {
    await tick(ms - Date.now());
    return times.length;
  };
  expect(await attemptsBy(19)).toBe(1); // first at once, then 20 ms of backoff
  expect(await attemptsBy(25)).toBe(2);
  expect(await attemptsBy(59)).toBe(2); // then 40 ms
  expect(await attemptsBy(70)).toBe(3);
  expect(errors).toHaveLength(2);
  await jest.advanceTimersByTimeAsync(10_000);
  expect(times).toHaveLength(3); // succeeded: no more retries
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

test('addAfter schedules a key once, at the earliest time asked for, and stop cancels it', async () => {
  const times: number[] = [];
  const queue = new WorkQueue(async () => { times.push(Date.now()); return {}; }, () => undefined);
  queue.addAfter('k', 100);
  queue.addAfter('k', 300); // later: does not postpone it
  await tick(99);
  expect(times).toEqual([]);
  await tick(10);
  expect(times).toHaveLength(1);
  expect(times[0]).toBeGreaterThanOrEqual(100);
  expect(times[0]).toBeLessThan(109);
  await tick(1_000);
  expect(times).toHaveLength(1); // once, not once per call
  queue.addAfter('k', 200);
  queue.addAfter('k', 50); // sooner: brings it forward
  await tick(60);
  expect(times).toHaveLength(2);
  queue.addAfter('k', 50);
  queue.stop();
  await tick(1_000);
  expect(times).toHaveLength(2);
});
