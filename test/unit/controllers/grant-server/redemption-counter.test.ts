import { KeyedMutex } from '../../../../lib/controllers/grant-server/keyed-mutex';
import { GenerationError } from '../../../../lib/controllers/grant-server/link-bundle-generator';
import { countRedemption, CountRedemptionInput, TooManyConflictsError } from '../../../../lib/controllers/grant-server/redemption-counter';
import { FakeGrantApi } from './fake-grant-api';
import { linkGrant } from './support';

const LATER = new Date(Date.now() + 600_000).toISOString();

function input(api: FakeGrantApi, name: string, overrides: Partial<CountRedemptionInput> = {}): CountRedemptionInput {
  return { api, grantName: 'g', requester: { name, subject: `subject-${name}` }, generate: async () => `bundle for ${name}`, stillWanted: () => true, ...overrides };
}

test('counts a redemption only after generating, and records the redeemer', async () => {
  const api = new FakeGrantApi(linkGrant('g', { redemptionsAllowed: 2 }, { expirationTime: LATER, redemptions: 0 }));
  const order: string[] = [];
  const result = await countRedemption(input(api, 'a', {
    generate: async () => { order.push(`generate at ${api.writes} writes`); return 'bundle'; },
  }));
  expect(order).toEqual(['generate at 0 writes']);
  expect(result).toMatchObject({ kind: 'issued', bundle: 'bundle' });
  expect(api.grant!.status).toMatchObject({ redemptions: 1, redeemers: [{ name: 'a', subject: 'subject-a' }] });
});

test('a failed generation counts nothing', async () => {
  const api = new FakeGrantApi(linkGrant('g', {}, { expirationTime: LATER, redemptions: 0 }));
  await expect(countRedemption(input(api, 'a', { generate: async () => { throw new GenerationError('No valid endpoints found for site'); } })))
    .rejects.toThrow('No valid endpoints found for site');
  expect(api.writes).toBe(0);
  expect(api.grant!.status!.redemptions).toBe(0);
});

test('a client gone before the count is not counted', async () => {
  const api = new FakeGrantApi(linkGrant('g', {}, { expirationTime: LATER, redemptions: 0 }));
  await expect(countRedemption(input(api, 'a', { stillWanted: () => false }))).resolves.toEqual({ kind: 'abandoned' });
  expect(api.writes).toBe(0);
});

test('re-issue to the same name and subject generates again without counting', async () => {
  const api = new FakeGrantApi(linkGrant('g', {}, { expirationTime: LATER, redemptions: 1, redeemers: [{ name: 'a', subject: 'subject-a' }] }));
  await expect(countRedemption(input(api, 'a'))).resolves.toMatchObject({ kind: 'reissued', bundle: 'bundle for a' });
  await expect(countRedemption(input(api, 'b'))).resolves.toEqual({ kind: 'exhausted' });
  expect(api.writes).toBe(0);
});

test('50 concurrent redemptions of a grant allowing 3, serialized per grant: exactly 3', async () => {
  const api = new FakeGrantApi(linkGrant('g', { redemptionsAllowed: 3 }, { expirationTime: LATER, redemptions: 0 }));
  const mutex = new KeyedMutex();
  const results = await Promise.all(Array.from({ length: 50 }, (_, i) => mutex.run('g', () => countRedemption(input(api, `r${i}`)))));
  expect(results.filter((r) => r.kind === 'issued')).toHaveLength(3);
  expect(results.filter((r) => r.kind === 'exhausted')).toHaveLength(47);
  expect(api.grant!.status!.redemptions).toBe(3);
  expect(api.grant!.status!.redeemers).toHaveLength(3);
});

test('without the in-process lock (two replicas), optimistic concurrency alone still allows exactly 3', async () => {
  const api = new FakeGrantApi(linkGrant('g', { redemptionsAllowed: 3 }, { expirationTime: LATER, redemptions: 0 }));
  const results = await Promise.all(Array.from({ length: 20 }, (_, i) => countRedemption(input(api, `r${i}`, { maxAttempts: 100 }))));
  expect(results.filter((r) => r.kind === 'issued')).toHaveLength(3);
  expect(api.conflicts).toBeGreaterThan(0);
  expect(api.grant!.status!.redemptions).toBe(3);
});

test('after a conflict the limit is checked again on a fresh read, and the answer is not generated twice', async () => {
  const api = new FakeGrantApi(linkGrant('g', { redemptionsAllowed: 1 }, { expirationTime: LATER, redemptions: 0 }));
  let generated = 0;
  const result = await countRedemption(input(api, 'a', {
    generate: async () => {
      generated++;
      // Meanwhile another replica counts the last redemption.
      api.touch((g) => ({ ...g, status: { ...g.status, redemptions: 1, redeemers: [{ name: 'x', subject: 'y' }] } }));
      return 'bundle';
    },
  }));
  expect(result).toEqual({ kind: 'exhausted' });
  expect(generated).toBe(1);
  expect(api.grant!.status!.redemptions).toBe(1);
});

test('gives up after too many conflicts in a row, having counted nothing', async () => {
  const api = new FakeGrantApi(linkGrant('g', { redemptionsAllowed: 5 }, { expirationTime: LATER, redemptions: 0 }));
  const original = api.replaceStatus.bind(api);
  api.replaceStatus = async (grant) => { api.touch(); return original(grant); };
  await expect(countRedemption(input(api, 'a', { maxAttempts: 3 }))).rejects.toThrow(TooManyConflictsError);
  expect(api.grant!.status!.redemptions).toBe(0);
});

test('expired and deleted grants', async () => {
  const expired = new FakeGrantApi(linkGrant('g', {}, { expirationTime: new Date(Date.now() - 1000).toISOString(), redemptions: 0 }));
  await expect(countRedemption(input(expired, 'a'))).resolves.toEqual({ kind: 'expired' });
  await expect(countRedemption(input(new FakeGrantApi(undefined), 'a'))).resolves.toEqual({ kind: 'gone' });
});
