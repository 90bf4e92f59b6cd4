import { GenerationError } from '../../../../lib/controllers/grant-server/link-bundle-generator';
import { RedemptionCommitter } from '../../../../lib/controllers/grant-server/redemption-committer';
import { CountedRedemption, countRedemptions, CountRedemptionsInput, PendingRedemption, TooManyConflictsError } from '../../../../lib/controllers/grant-server/redemption-counter';
import { grantReconciler } from '../../../../lib/controllers/grant-server/grant-reconciler';
import { desiredGrantStatus, GrantWorld } from '../../../../lib/controllers/grant-server/grant-status';
import { Logger } from '../../../../lib/controllers/machinery/logger';
import type { LinkGrant } from '../../../../lib/api/link-grant';
import { FakeGrantApi } from './fake-grant-api';
import { codeSecret, linkGrant, site, siteCa } from './support';

const LATER = new Date(Date.now() + 600_000).toISOString();

/** One request, as most tests count it. */
type CountRedemptionInput = PendingRedemption & Omit<CountRedemptionsInput, 'requests'>;

/** countRedemptions for one request; its generation failure is thrown. */
async function countRedemption(input: CountRedemptionInput): Promise<CountedRedemption> {
  const [outcome] = (await countRedemptions({ ...input, requests: [input] })).outcomes;
  if ('error' in outcome) throw outcome.error;
  return outcome.counted;
}

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

test('50 concurrent redemptions of a grant allowing 3, one batch at a time: exactly 3', async () => {
  const api = new FakeGrantApi(linkGrant('g', { redemptionsAllowed: 3 }, { expirationTime: LATER, redemptions: 0 }));
  const committer = new RedemptionCommitter({ api, cachedGrant: () => undefined });
  const results = await Promise.all(Array.from({ length: 50 }, (_, i) => committer.count('g', input(api, `r${i}`)).catch((error: unknown) => ({ kind: String(error) }))));
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

test('a batch is decided in order and counted by one write: exactly what the grant still allows', async () => {
  const api = new FakeGrantApi(linkGrant('g', { redemptionsAllowed: 3 }, { expirationTime: LATER, redemptions: 1, redeemers: [{ name: 'old', subject: 'subject-old' }] }));
  const requests = ['a', 'old', 'b', 'c', 'd'].map((name) => input(api, name));
  const { outcomes, latest } = await countRedemptions({ api, grantName: 'g', requests });
  expect(outcomes.map((o) => ('counted' in o ? [o.counted.kind, 'redemptions' in o.counted ? o.counted.redemptions : undefined] : 'error')))
    .toEqual([['issued', 2], ['reissued', 2], ['issued', 3], ['exhausted', undefined], ['exhausted', undefined]]);
  expect(api.writes).toBe(1);
  expect(api.grant!.status).toMatchObject({ redemptions: 3, redeemers: [{ name: 'old' }, { name: 'a' }, { name: 'b' }] });
  expect(latest!.metadata!.resourceVersion).toBe(api.grant!.metadata!.resourceVersion);
});

test('a failed generation or a client gone in a batch counts nothing for it, and the rest are decided again', async () => {
  const api = new FakeGrantApi(linkGrant('g', { redemptionsAllowed: 2 }, { expirationTime: LATER, redemptions: 0 }));
  const requests = [
    input(api, 'a', { generate: async () => { throw new GenerationError('No valid endpoints found for site'); } }),
    input(api, 'b', { stillWanted: () => false }),
    input(api, 'c'), input(api, 'd'), input(api, 'e'),
  ];
  const { outcomes } = await countRedemptions({ api, grantName: 'g', requests });
  expect(outcomes.map((o) => ('counted' in o ? o.counted.kind : (o.error as Error).message)))
    .toEqual(['No valid endpoints found for site', 'abandoned', 'issued', 'issued', 'exhausted']);
  expect(api.grant!.status).toMatchObject({ redemptions: 2, redeemers: [{ name: 'c' }, { name: 'd' }] });
});

test('from the last known grant an uncontended count is one write; a stale one costs a conflict and a fresh read', async () => {
  const api = new FakeGrantApi(linkGrant('g', { redemptionsAllowed: 5 }, { expirationTime: LATER, redemptions: 0 }));
  const first = await countRedemptions({ api, grantName: 'g', requests: [input(api, 'a')], lastKnown: structuredClone(api.grant) });
  expect([api.reads, api.writes]).toEqual([0, 1]);
  const stale = structuredClone(api.grant!);
  await countRedemptions({ api, grantName: 'g', requests: [input(api, 'b')], lastKnown: first.latest });
  expect([api.reads, api.writes, api.conflicts]).toEqual([0, 2, 0]);
  await countRedemptions({ api, grantName: 'g', requests: [input(api, 'c')], lastKnown: stale });
  expect([api.reads, api.writes, api.conflicts]).toEqual([1, 3, 1]);
  expect(api.grant!.status).toMatchObject({ redemptions: 3 });
});

test('a refusal or re-issue is never decided on a stale grant', async () => {
  const api = new FakeGrantApi(linkGrant('g', { redemptionsAllowed: 1 }, { expirationTime: LATER, redemptions: 1, redeemers: [{ name: 'x', subject: 'subject-x' }] }));
  const stale = structuredClone(api.grant!);
  // Meanwhile the grant was given more redemptions and the redeemer list was reset.
  api.touch((g) => ({ ...g, spec: { ...g.spec, redemptionsAllowed: 3 }, status: { ...g.status, redeemers: [] } }));
  const { outcomes } = await countRedemptions({ api, grantName: 'g', requests: [input(api, 'a'), input(api, 'x')], lastKnown: stale });
  expect(outcomes.map((o) => ('counted' in o ? o.counted.kind : 'error'))).toEqual(['issued', 'issued']);
  expect(api.reads).toBe(1);
  expect(api.grant!.status!.redemptions).toBe(3);
});

test('the committer counts the redemptions that wait together with one write, and a grant deleted meanwhile is gone', async () => {
  const api = new FakeGrantApi(linkGrant('g', { redemptionsAllowed: 100 }, { expirationTime: LATER, redemptions: 0 }));
  const committer = new RedemptionCommitter({ api, cachedGrant: () => structuredClone(api.grant) });
  const results = await Promise.all(Array.from({ length: 20 }, (_, i) => committer.count('g', input(api, `r${i}`))));
  expect(results.every((r) => r.kind === 'issued')).toBe(true);
  expect(results.map((r) => ('redemptions' in r ? r.redemptions : 0)).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  expect(api.writes).toBeLessThan(20);
  expect(api.grant!.status!.redemptions).toBe(20);
  expect(committer.activeGrants).toBe(0);
  api.grant = undefined;
  const reads = api.reads;
  await expect(committer.count('g', input(api, 'late'))).resolves.toEqual({ kind: 'gone' });
  expect(api.reads - reads).toBe(1); // the write from the last known grant fails, one fresh read finds it gone
});

test('with settleStatus the count is written with the whole status: the last redemption allowed leaves the grant Exhausted, and its reconciler nothing to write', async () => {
  const ca = siteCa();
  const world = (): GrantWorld => ({ namespace: 'west', baseUrl: 'https://grants.example.com:9090', now: new Date(), sites: [site()],
    secret: (name) => [codeSecret('g-code', 'c0de'), ca.secret].find((s) => s.metadata!.name === name) });
  const api = new FakeGrantApi(linkGrant('g', { redemptionsAllowed: 2 }));
  const reconcile = grantReconciler({ api, cachedGrant: () => api.grant, world, log: new Logger({}, () => undefined) });
  await reconcile('g');
  expect(api.grant!.status).toMatchObject({ status: 'Ready', redemptions: 0 });
  const settleStatus = (grant: LinkGrant) => desiredGrantStatus(grant, world()).status;

  const [first] = (await countRedemptions({ api, grantName: 'g', requests: [input(api, 'a')], settleStatus })).outcomes;
  expect(first).toMatchObject({ counted: { kind: 'issued', redemptions: 1 } });
  expect(api.grant!.status).toMatchObject({ status: 'Ready', redemptions: 1 });
  await countRedemptions({ api, grantName: 'g', requests: [input(api, 'b')], settleStatus });
  expect(api.grant!.status).toMatchObject({ status: 'Exhausted', message: 'All 2 redemptions allowed have been made', redemptions: 2 });
  expect(api.grant!.status!.conditions).toEqual([expect.objectContaining({ type: 'Ready', status: 'False', reason: 'Exhausted' })]);
  const writes = api.writes;
  await reconcile('g');
  expect(api.writes).toBe(writes);

  // Without it only the count is written, and the reconciler writes the state after it.
  const plain = new FakeGrantApi(linkGrant('g', { redemptionsAllowed: 1 }));
  const reconcilePlain = grantReconciler({ api: plain, cachedGrant: () => plain.grant, world, log: new Logger({}, () => undefined) });
  await reconcilePlain('g');
  await countRedemptions({ api: plain, grantName: 'g', requests: [input(plain, 'a')] });
  expect(plain.grant!.status).toMatchObject({ status: 'Ready', redemptions: 1 });
  const before = plain.writes;
  await reconcilePlain('g');
  expect(plain.writes).toBe(before + 1);
  expect(plain.grant!.status).toMatchObject({ status: 'Exhausted' });
});
