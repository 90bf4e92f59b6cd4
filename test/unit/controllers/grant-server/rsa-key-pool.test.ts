import * as crypto from 'crypto';
import { RsaKeyPool } from '../../../../lib/controllers/grant-server/rsa-key-pool';

const pems = Array.from({ length: 6 }, () => crypto.generateKeyPairSync('rsa', {
  modulusLength: 1024, privateKeyEncoding: { type: 'pkcs1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' },
}).privateKey);

function countingGenerator() {
  let made = 0;
  return { generate: async () => pems[made++ % pems.length], made: () => made };
}

/** Lets pending promise chains run: turns of the event loop, not a wall-clock pause. */
const settle = async (): Promise<void> => {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
};

test('fills up to its size in the background and hands each key out once', async () => {
  const g = countingGenerator();
  const pool = new RsaKeyPool({ size: 3, generate: g.generate });
  pool.start();
  await settle();
  expect([pool.available, g.made()]).toEqual([3, 3]);
  const moduli = new Set<string>();
  for (let i = 0; i < 5; i++) moduli.add((await pool.take()).publicKey.n.toString(16));
  expect(moduli.size).toBe(5); // never the same key twice
  await settle();
  expect(pool.available).toBe(3);
  pool.stop();
  expect(pool.available).toBe(0);
});

test('size 0 generates every key on demand', async () => {
  const g = countingGenerator();
  const pool = new RsaKeyPool({ size: 0, generate: g.generate });
  pool.start();
  await settle();
  expect(g.made()).toBe(0);
  await pool.take();
  expect([g.made(), pool.available]).toEqual([1, 0]);
});

test('a failing generator is reported, and take() still works on demand', async () => {
  const errors: unknown[] = [];
  let fail = true;
  const pool = new RsaKeyPool({
    size: 2,
    generate: async () => {
      if (fail) throw new Error('no entropy');
      return pems[0];
    },
    onError: (e) => errors.push(e),
  });
  pool.start();
  await settle();
  expect(errors).toHaveLength(1);
  fail = false;
  await expect(pool.take()).resolves.toHaveProperty('privateKey');
  pool.stop();
});

test('refills only while no request is being served', async () => {
  // The idle check is a timer: fake timers make "busy for a while" exact (setImmediate stays real for settle).
  jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask'] });
  try {
    const g = countingGenerator();
    let busy = true;
    const pool = new RsaKeyPool({ size: 2, generate: g.generate, busy: () => busy });
    pool.start();
    await jest.advanceTimersByTimeAsync(10_000);
    await settle();
    expect(g.made()).toBe(0);
    await pool.take(); // on demand meanwhile
    expect(g.made()).toBe(1);
    busy = false;
    await jest.advanceTimersByTimeAsync(10_000);
    await settle();
    expect([pool.available, g.made()]).toEqual([2, 3]);
    pool.stop();
  } finally {
    jest.useRealTimers();
  }
});
