import { Logger } from '../../../../lib/controllers/machinery/logger';
import { RuntimeMetrics } from '../../../../lib/controllers/machinery/metrics';
import { RedemptionAnswer, RedemptionRequest } from '../../../../lib/controllers/redeemer/grant-server-client';
import { LINKS_ANNOTATION, TOKEN_MARKER } from '../../../../lib/controllers/redeemer/received-objects';
import { Condition } from '../../../../lib/api/kubernetes-object';
import { LinkToken, LinkTokenStatus } from '../../../../lib/api/link-token';
import { Secret } from '../../../../lib/controllers/machinery/secret';
import { SkupperLink, SkupperSite } from '../../../../lib/api/skupper';
import { LINK_NUDGE_AFTER_MS, LINK_NUDGE_ANNOTATION } from '../../../../lib/controllers/redeemer/link-nudge';
import { FIRST_STATUS_WAIT_MS, RedeemerCluster, TokenReconciler } from '../../../../lib/controllers/redeemer/token-reconciler';
import { answerDocuments, Document, renderAnswer, throwawayPki } from './redemption-fixtures';

/** After creating a Link, the reconciler comes back to touch it (timed from its creation here, not the API's whole seconds). */
const TOUCH_SOON = { requeueAfterMs: LINK_NUDGE_AFTER_MS[0] };

// The reconciler's decisions against a small in-memory cluster; the real API server is in
// test/integ/redeemer.test.ts.

const NAMESPACE = 'east';
const TOKEN = 'token-to-west';
const CODE = 'Zx8QwErTy12uIoPaSdFgHjKl';
const SITE: SkupperSite = { apiVersion: 'skupper.io/v2alpha1', kind: 'Site', metadata: { name: 'east', namespace: NAMESPACE, uid: 'site-uid-east' } };
const { server, siteCa } = throwawayPki();
const answerOf = (groups = 1): Document[] => answerDocuments(siteCa, TOKEN, SITE.metadata!.uid!, groups);
const VALID_ANSWER = renderAnswer(answerOf());

class FakeCluster implements RedeemerCluster {
  public readonly tokens = new Map<string, LinkToken>();
  public sites: SkupperSite[] = [SITE];
  public readonly secrets = new Map<string, Secret>();
  public readonly links = new Map<string, SkupperLink>();
  public readonly creations: string[] = [];
  public readonly events: string[] = [];
  public readonly statuses: LinkTokenStatus[] = [];
  public conflictOnNextWrite = false;
  private serial = 0;

  public cachedToken(name: string) { return this.tokens.get(name); }
  public cachedSites() { return this.sites; }
  public freshReads = 0;
  public async readSecret(name: string) { this.freshReads++; return structuredClone(this.secrets.get(name)); }
  public async readLink(name: string) { this.freshReads++; return structuredClone(this.links.get(name)); }
  /** The informer's copy: only what a test put there (the cache lags, or has nothing yet). */
  public readonly cachedLinks = new Map<string, SkupperLink>();
  public cachedLink(name: string) { return this.cachedLinks.get(name); }
  public async createSecret(secret: Secret) { return this.create(this.secrets, secret, 'Secret'); }
  public async createLink(link: SkupperLink) { return this.create(this.links, link, 'Link'); }
  public readonly touches: string[] = [];
  public async annotateLink(name: string, key: string, value: string) {
    const link = this.links.get(name);
    if (!link) return;
    this.links.set(name, { ...link, metadata: { ...link.metadata, annotations: { ...link.metadata?.annotations, [key]: value } } });
    this.touches.push(`${name} ${key}=${value}`);
  }
  public async writeTokenStatus(token: LinkToken, status: LinkTokenStatus): Promise<'written' | 'conflict' | 'gone'> {
    const current = this.tokens.get(token.metadata!.name!);
    if (!current) return 'gone';
    if (this.conflictOnNextWrite || current.metadata!.resourceVersion !== token.metadata!.resourceVersion) {
      this.conflictOnNextWrite = false;
      return 'conflict';
    }
    this.tokens.set(token.metadata!.name!, { ...current, metadata: { ...current.metadata, resourceVersion: String(++this.serial + 100) }, status });
    this.statuses.push(status);
    return 'written';
  }
  public async recordEvent(_token: LinkToken, type: string, reason: string, message: string) { this.events.push(`${type} ${reason}: ${message}`); }

  private create<T extends Secret | SkupperLink>(store: Map<string, T>, obj: T, kind: string): T | undefined {
    const name = obj.metadata!.name!;
    if (store.has(name)) return undefined;
    const created = { ...structuredClone(obj), metadata: { ...obj.metadata, uid: `uid-${++this.serial}`, resourceVersion: String(this.serial) } } as T;
    store.set(name, created);
    this.creations.push(`${kind} ${name}`);
    return structuredClone(created);
  }
}

function linkToken(overrides: Partial<LinkToken['spec']> = {}, generation = 1): LinkToken {
  return {
    apiVersion: 'cdk8s-skupper.io/v1alpha1',
    kind: 'LinkToken',
    metadata: { name: TOKEN, namespace: NAMESPACE, uid: 'token-uid', generation, resourceVersion: '1' },
    spec: { url: 'https://127.0.0.1:9090/west/grant-west', ca: server.caCertificatePem, codeSecretRef: { name: `${TOKEN}-code`, key: 'code' }, ...overrides },
  };
}

const codeSecret: Secret = { metadata: { name: `${TOKEN}-code`, namespace: NAMESPACE }, data: { code: Buffer.from(CODE).toString('base64') } };

interface Setup {
  readonly cluster: FakeCluster;
  readonly reconciler: TokenReconciler;
  readonly requests: RedemptionRequest[];
  /** Answers the grant server gives, in turn. */
  readonly answers: Array<RedemptionAnswer | ((request: RedemptionRequest) => RedemptionAnswer)>;
  readonly logs: string[];
  readonly metrics: RuntimeMetrics;
  readonly clock: { now: number };
  readonly status: () => LinkTokenStatus | undefined;
}

function setup(token: LinkToken = linkToken(), options: { withCode?: boolean; reconcileSoon?: (token: string, afterMs?: number) => void } = {}): Setup {
  const cluster = new FakeCluster();
  cluster.tokens.set(TOKEN, token);
  if (options.withCode ?? true) cluster.secrets.set(codeSecret.metadata!.name!, codeSecret);
  const requests: RedemptionRequest[] = [];
  const answers: Setup['answers'] = [];
  const logs: string[] = [];
  const metrics = new RuntimeMetrics();
  const clock = { now: Date.parse('2026-03-01T10:00:00Z') };
  const reconciler = new TokenReconciler({
    namespace: NAMESPACE,
    cluster,
    redeem: async (request) => {
      requests.push(request);
      const next = answers.shift() ?? { kind: 'issued', body: VALID_ANSWER };
      return typeof next === 'function' ? next(request) : next;
    },
    metrics,
    log: new Logger({}, line => logs.push(line)),
    now: () => new Date(clock.now),
    reconcileSoon: options.reconcileSoon,
  });
  return { cluster, reconciler, requests, answers, logs, metrics, clock, status: () => cluster.tokens.get(TOKEN)?.status };
}

const condition = (status: LinkTokenStatus | undefined, type: string): Condition | undefined => status?.conditions?.find(c => c.type === type);

async function redemptionCounts(metrics: RuntimeMetrics): Promise<Record<string, number>> {
  const values = (await metrics.tokenRedemptions.get()).values;
  return Object.fromEntries(values.map(v => [String(v.labels.outcome), v.value]));
}

function setLinkConditions(cluster: FakeCluster, conditions: Array<Pick<Condition, 'type' | 'status' | 'reason' | 'message'>>): void {
  const link = cluster.links.get(TOKEN)!;
  cluster.links.set(TOKEN, { ...link, status: { conditions: conditions.map(c => ({ ...c, lastTransitionTime: '2026-03-01T10:00:00Z' })) } });
}

test('waits for the Site, saying so, without POSTing', async () => {
  const s = setup();
  s.cluster.sites = [];
  expect(await s.reconciler.reconcile(TOKEN)).toEqual({ requeue: true });
  expect(s.status()).toMatchObject({ redeemed: false, status: 'Pending', message: 'Waiting for a Site in namespace east' });
  expect(condition(s.status(), 'Redeemed')).toMatchObject({ status: 'False', reason: 'Pending', observedGeneration: 1 });
  expect(s.requests).toHaveLength(0);
});

test('waits for the code Secret (unsealed later)', async () => {
  const s = setup(linkToken(), { withCode: false });
  expect(await s.reconciler.reconcile(TOKEN)).toEqual({ requeue: true });
  expect(s.status()).toMatchObject({ status: 'Pending', message: 'Waiting for Secret token-to-west-code holding the code' });
  expect(s.requests).toHaveLength(0);
});

test('redeems once: POSTs as Skupper does, creates the Secret then the Link owned by the Site, with the cost', async () => {
  const s = setup(linkToken({ linkCost: 5 }));
  expect(await s.reconciler.reconcile(TOKEN)).toEqual(TOUCH_SOON);
  expect(s.requests).toEqual([{ url: 'https://127.0.0.1:9090/west/grant-west', ca: server.caCertificatePem, code: CODE, name: TOKEN, subject: 'site-uid-east' }]);
  expect(s.cluster.creations).toEqual([`Secret ${TOKEN}`, `Link ${TOKEN}`]);

  const owner = [{ apiVersion: 'skupper.io/v2alpha1', kind: 'Site', name: 'east', uid: 'site-uid-east' }];
  const secret = s.cluster.secrets.get(TOKEN)!;
  expect(secret).toMatchObject({ type: 'kubernetes.io/tls', metadata: { namespace: NAMESPACE, ownerReferences: owner, labels: { [TOKEN_MARKER]: TOKEN } } });
  expect(secret.metadata!.annotations).toEqual({ [TOKEN_MARKER]: TOKEN, [LINKS_ANNOTATION]: TOKEN });
  expect(Object.keys(secret.data!).sort()).toEqual(['ca.crt', 'tls.crt', 'tls.key']);
  const link = s.cluster.links.get(TOKEN)!;
  expect(link).toMatchObject({ apiVersion: 'skupper.io/v2alpha1', kind: 'Link', metadata: { ownerReferences: owner, annotations: { [TOKEN_MARKER]: TOKEN } } });
  expect(link.spec).toEqual({ endpoints: answerOf()[1].spec.endpoints, tlsCredentials: TOKEN, cost: 5 });

  // The first status waits for Skupper's report on the Link, FIRST_STATUS_WAIT_MS at most.
  expect(s.status()).toBeUndefined();
  expect(s.cluster.events).toEqual([]);
  s.clock.now += FIRST_STATUS_WAIT_MS;
  await s.reconciler.reconcile(TOKEN);
  expect(s.status()).toMatchObject({
    redeemed: true, secretName: TOKEN, links: [TOKEN], status: 'Redeemed', message: `Link ${TOKEN} is not configured yet`,
  });
  expect(condition(s.status(), 'Redeemed')).toMatchObject({ status: 'True', reason: 'Redeemed', message: `Created Secret ${TOKEN} and Link ${TOKEN}` });
  expect(condition(s.status(), 'LinkReady')).toMatchObject({ status: 'False', reason: 'NotConfigured' });
  expect(s.cluster.events).toEqual([`Normal Redeemed: Link ${TOKEN} is not configured yet`]);
  expect(await redemptionCounts(s.metrics)).toEqual({ redeemed: 1 });

  // Level-triggered: another pass (a status event, a restart) finds it done and POSTs nothing.
  await s.reconciler.reconcile(TOKEN);
  expect(s.requests).toHaveLength(1);
  expect(s.cluster.statuses).toHaveLength(1);
});

test('a token just redeemed gets one status write when Skupper reports on its Link, not one before it too', async () => {
  const s = setup();
  expect(await s.reconciler.reconcile(TOKEN)).toEqual(TOUCH_SOON);
  s.clock.now += FIRST_STATUS_WAIT_MS - 1;
  expect(await s.reconciler.reconcile(TOKEN)).toEqual({ requeueAfterMs: 1 }); // a touch was due sooner: sent
  expect(s.cluster.statuses).toHaveLength(0);
  setLinkConditions(s.cluster, [{ type: 'Configured', status: 'True', reason: 'Ready', message: 'OK' }]);
  await s.reconciler.reconcile(TOKEN);
  expect(s.cluster.statuses).toHaveLength(1);
  expect(s.status()).toMatchObject({ redeemed: true, status: 'Redeemed', message: `Link ${TOKEN} is configured, not operational yet` });
  expect(s.cluster.events).toEqual([`Normal Redeemed: Link ${TOKEN} is configured, not operational yet`]);
});

test('a token that had a status (it waited for its code) shows its redemption at once', async () => {
  const s = setup(linkToken(), { withCode: false });
  await s.reconciler.reconcile(TOKEN);
  expect(s.status()).toMatchObject({ status: 'Pending' });
  s.cluster.secrets.set(codeSecret.metadata!.name!, codeSecret);
  await s.reconciler.reconcile(TOKEN);
  expect(s.status()).toMatchObject({ redeemed: true, status: 'Redeemed', message: `Link ${TOKEN} is not configured yet` });
});

test('touches a new Link Skupper leaves unconfigured (its 2.2.1 bug), by the injected clock, until Skupper reports on it', async () => {
  const s = setup();
  await s.reconciler.reconcile(TOKEN);
  // As the API server would have set it: created now.
  const link = s.cluster.links.get(TOKEN)!;
  s.cluster.links.set(TOKEN, { ...link, metadata: { ...link.metadata, creationTimestamp: new Date(s.clock.now) } });
  expect(await s.reconciler.reconcile(TOKEN)).toEqual({ requeueAfterMs: LINK_NUDGE_AFTER_MS[0] });
  expect(s.cluster.touches).toEqual([]);

  s.clock.now += LINK_NUDGE_AFTER_MS[0];
  expect(await s.reconciler.reconcile(TOKEN)).toEqual({ requeueAfterMs: LINK_NUDGE_AFTER_MS[1] - LINK_NUDGE_AFTER_MS[0] });
  expect(s.cluster.touches).toEqual([`${TOKEN} ${LINK_NUDGE_ANNOTATION}=1`]);

  setLinkConditions(s.cluster, [{ type: 'Configured', status: 'True', reason: 'Ready', message: 'OK' }]);
  s.clock.now += 60_000;
  expect(await s.reconciler.reconcile(TOKEN)).toEqual({});
  expect(s.cluster.touches).toHaveLength(1);
  expect(s.requests).toHaveLength(1);
});

test('once Skupper configures a Link first touched after another Link was created, that one is touched at once', async () => {
  const soon: string[] = [];
  const timed: string[] = [];
  const s = setup(linkToken(), { reconcileSoon: (token, afterMs) => (afterMs === undefined ? soon : timed).push(afterMs === undefined ? token : `${token} after ${afterMs} ms`) });
  const OTHER = 'token-to-north';
  s.cluster.tokens.set(OTHER, { ...linkToken(), metadata: { ...linkToken().metadata, name: OTHER, uid: 'token-uid-north' } });
  s.answers.push(request => ({ kind: 'issued', body: renderAnswer(answerDocuments(siteCa, request.name, SITE.metadata!.uid!)) }));
  s.answers.push(request => ({ kind: 'issued', body: renderAnswer(answerDocuments(siteCa, request.name, SITE.metadata!.uid!)) }));
  const start = s.clock.now;
  await s.reconciler.reconcile(TOKEN);
  s.clock.now = start + 10;
  await s.reconciler.reconcile(OTHER);
  s.clock.now = start + LINK_NUDGE_AFTER_MS[0] + 10;
  await s.reconciler.reconcile(TOKEN);
  await s.reconciler.reconcile(OTHER);
  expect(s.cluster.touches).toEqual([`${TOKEN} ${LINK_NUDGE_ANNOTATION}=1`, `${OTHER} ${LINK_NUDGE_ANNOTATION}=1`]);
  // The first touch is timed from each creation, whatever else the reconcile still had to do.
  expect(timed).toEqual([`${TOKEN} after ${LINK_NUDGE_AFTER_MS[0]} ms`, `${OTHER} after ${LINK_NUDGE_AFTER_MS[0]} ms`]);

  // OTHER's first touch came after TOKEN's create: Skupper has taken that create off its queue.
  s.clock.now = start + 200;
  const other = s.cluster.links.get(OTHER)!;
  s.cluster.links.set(OTHER, { ...other, status: { conditions: [{ type: 'Configured', status: 'True', reason: 'Ready', message: 'OK', lastTransitionTime: '2026-03-01T10:00:00Z' }] } });
  await s.reconciler.reconcile(OTHER);
  expect(soon).toEqual([TOKEN]);
  await s.reconciler.reconcile(TOKEN);
  expect(s.cluster.touches).toHaveLength(3);
  expect(s.cluster.touches[2]).toMatch(new RegExp(`^${TOKEN} ${LINK_NUDGE_ANNOTATION}=\\d+$`));
  await s.reconciler.reconcile(OTHER);
  expect(soon).toEqual([TOKEN]);
});

test('right after redeeming, the Links come from the informer cache; without them there, or later, they are read afresh', async () => {
  const s = setup();
  await s.reconciler.reconcile(TOKEN);
  const reads = s.cluster.freshReads;
  // The cache does not have the Link yet: fresh reads, as always.
  await s.reconciler.reconcile(TOKEN);
  expect(s.cluster.freshReads).toBe(reads + 2);
  s.cluster.cachedLinks.set(TOKEN, structuredClone(s.cluster.links.get(TOKEN)!));
  await s.reconciler.reconcile(TOKEN);
  expect(s.cluster.freshReads).toBe(reads + 2);
  // A deleted Link leaves the cache: read afresh, found missing, redeemed again.
  s.cluster.cachedLinks.delete(TOKEN);
  s.cluster.links.delete(TOKEN);
  await s.reconciler.reconcile(TOKEN);
  expect(s.requests).toHaveLength(2);
  // Once the memory has expired, a deleted Secret is seen by a fresh read.
  s.cluster.cachedLinks.set(TOKEN, structuredClone(s.cluster.links.get(TOKEN)!));
  s.clock.now += 60_000;
  s.cluster.secrets.delete(TOKEN);
  await s.reconciler.reconcile(TOKEN);
  expect(s.requests).toHaveLength(3);
});

test('follows the Link\'s conditions onto the token', async () => {
  const s = setup();
  await s.reconciler.reconcile(TOKEN);

  setLinkConditions(s.cluster, [{ type: 'Configured', status: 'True', reason: 'Ready', message: 'OK' },
    { type: 'Operational', status: 'False', reason: 'Pending', message: 'Not operational' }]);
  await s.reconciler.reconcile(TOKEN);
  expect(s.status()).toMatchObject({ redeemed: true, status: 'Redeemed', message: `Link ${TOKEN} is configured, not operational yet (Not operational)` });
  expect(condition(s.status(), 'LinkReady')).toMatchObject({ status: 'False', reason: 'NotOperational' });

  const redeemedSince = condition(s.status(), 'Redeemed')!.lastTransitionTime;
  s.clock.now += 60_000;
  setLinkConditions(s.cluster, [{ type: 'Configured', status: 'True', reason: 'Ready', message: 'OK' },
    { type: 'Operational', status: 'True', reason: 'Ready', message: 'OK' }, { type: 'Ready', status: 'True', reason: 'Ready', message: 'OK' }]);
  await s.reconciler.reconcile(TOKEN);
  expect(s.status()).toMatchObject({ redeemed: true, status: 'Ready', message: 'OK' });
  expect(condition(s.status(), 'LinkReady')).toMatchObject({ status: 'True', reason: 'Ready', lastTransitionTime: new Date(s.clock.now).toISOString() });
  expect(condition(s.status(), 'Redeemed')!.lastTransitionTime).toBe(redeemedSince);

  setLinkConditions(s.cluster, [{ type: 'Configured', status: 'False', reason: 'Error', message: 'TLS credentials secret "token-to-west" not found' }]);
  await s.reconciler.reconcile(TOKEN);
  expect(s.status()).toMatchObject({ redeemed: true, status: 'Error', message: 'TLS credentials secret "token-to-west" not found' });
  expect(s.cluster.events.slice(-1)).toEqual(['Warning Error: TLS credentials secret "token-to-west" not found']);
  expect(s.requests).toHaveLength(1);
  // An Event per new state (and per new error), not per step of the Link's progress within one.
  expect(s.cluster.events).toEqual([
    `Normal Redeemed: Link ${TOKEN} is configured, not operational yet (Not operational)`,
    'Normal Ready: OK',
    'Warning Error: TLS credentials secret "token-to-west" not found',
  ]);
  setLinkConditions(s.cluster, [{ type: 'Configured', status: 'False', reason: 'Error', message: 'another problem' }]);
  await s.reconciler.reconcile(TOKEN);
  expect(s.cluster.events.slice(-1)).toEqual(['Warning Error: another problem']);
});

test('finishes what a crash between the Secret and the Link left: POSTs again, keeps the Secret, creates the Link', async () => {
  const s = setup();
  await s.reconciler.reconcile(TOKEN);
  const secretUid = s.cluster.secrets.get(TOKEN)!.metadata!.uid;
  s.cluster.links.clear(); // the state a crash right after creating the Secret leaves
  s.cluster.creations.length = 0;

  expect(await s.reconciler.reconcile(TOKEN)).toEqual(TOUCH_SOON);
  expect(s.requests).toHaveLength(2);
  expect(s.requests[1]).toEqual(s.requests[0]); // same name and subject: a re-issue for the grant server
  expect(s.cluster.creations).toEqual([`Link ${TOKEN}`]);
  expect(s.cluster.secrets.get(TOKEN)!.metadata!.uid).toBe(secretUid);
  s.clock.now += FIRST_STATUS_WAIT_MS;
  await s.reconciler.reconcile(TOKEN);
  expect(s.status()).toMatchObject({ redeemed: true, status: 'Redeemed' });
});

test('refuses to finish when the answer now has other Links than the Secret was made for', async () => {
  const s = setup();
  await s.reconciler.reconcile(TOKEN);
  s.cluster.links.clear();
  s.answers.push({ kind: 'issued', body: renderAnswer(answerOf(2)) });
  const result = await s.reconciler.reconcile(TOKEN);
  expect(result).toEqual({ requeueAfterMs: 30_000 });
  expect(s.status()).toMatchObject({
    redeemed: false, status: 'Error',
    message: `Secret ${TOKEN} was created for Links ${TOKEN}, but the grant server now answers with Links ${TOKEN}-1, ${TOKEN}-2: delete Secret ${TOKEN} to redeem the token again`,
  });
  expect(s.cluster.links.size).toBe(0);
});

test.each([
  ['Secret', (cluster: FakeCluster) => cluster.secrets.set(TOKEN, { metadata: { name: TOKEN, namespace: NAMESPACE } })],
  ['Link', (cluster: FakeCluster) => cluster.links.set(TOKEN, { metadata: { name: TOKEN, namespace: NAMESPACE }, spec: { endpoints: [] } })],
])('does not POST when a %s of the token\'s name exists that is not ours', async (kind, prepare) => {
  const s = setup();
  prepare(s.cluster);
  expect(await s.reconciler.reconcile(TOKEN)).toEqual({ requeueAfterMs: 60_000 });
  expect(s.requests).toHaveLength(0);
  expect(s.status()).toMatchObject({ redeemed: false, status: 'Error', message: `${kind} ${TOKEN} exists and was not created for token ${TOKEN}` });
  expect(s.cluster.creations).toEqual([]);
});

test('a foreign object appearing between the POST and the creation is reported, and nothing else is created', async () => {
  const s = setup();
  s.answers.push(() => {
    s.cluster.links.set(TOKEN, { metadata: { name: TOKEN, namespace: NAMESPACE }, spec: { endpoints: [] } });
    return { kind: 'issued', body: VALID_ANSWER };
  });
  await s.reconciler.reconcile(TOKEN);
  expect(s.status()).toMatchObject({ status: 'Error', message: `Link ${TOKEN} exists and was not created for token ${TOKEN}` });
  expect(s.cluster.creations).toEqual([`Secret ${TOKEN}`]);
  expect(await redemptionCounts(s.metrics)).toEqual({ create_failed: 1 });
});

test('a 404 is retried soon with backoff; events in between do not POST', async () => {
  const s = setup();
  const notFound: RedemptionAnswer = { kind: 'refused', statusCode: 404, message: 'Controller got failed response: 404 (Not Found) No such claim' };
  s.answers.push(notFound, notFound);
  expect(await s.reconciler.reconcile(TOKEN)).toEqual({ requeueAfterMs: 1_000 });
  expect(s.status()).toMatchObject({ redeemed: false, status: 'Error', message: notFound.message });
  expect(condition(s.status(), 'Redeemed')).toMatchObject({ status: 'False', reason: 'Error', message: notFound.message });

  s.clock.now += 400; // the status write comes back as a watch event
  expect(await s.reconciler.reconcile(TOKEN)).toEqual({ requeueAfterMs: 600 });
  expect(s.requests).toHaveLength(1);

  s.clock.now += 600;
  expect(await s.reconciler.reconcile(TOKEN)).toEqual({ requeueAfterMs: 2_000 });
  s.clock.now += 2_000;
  expect(await s.reconciler.reconcile(TOKEN)).toEqual(TOUCH_SOON);
  expect(s.requests).toHaveLength(3);
  expect(s.status()).toMatchObject({ redeemed: true });
  expect(await redemptionCounts(s.metrics)).toEqual({ refused: 2, redeemed: 1 });
});

test('other failures are retried rarely, and a changed spec is tried at once', async () => {
  const s = setup();
  s.answers.push({ kind: 'refused', statusCode: 403, message: 'Controller got failed response: 403 (Forbidden) Redemption of access token refused' });
  expect(await s.reconciler.reconcile(TOKEN)).toEqual({ requeueAfterMs: 30_000 });
  s.clock.now += 1_000;
  expect(await s.reconciler.reconcile(TOKEN)).toEqual({ requeueAfterMs: 29_000 });
  expect(s.requests).toHaveLength(1);

  const current = s.cluster.tokens.get(TOKEN)!;
  s.cluster.tokens.set(TOKEN, { ...current, metadata: { ...current.metadata, generation: 2 } });
  expect(await s.reconciler.reconcile(TOKEN)).toEqual(TOUCH_SOON);
  expect(s.requests).toHaveLength(2);
  expect(condition(s.status(), 'Redeemed')).toMatchObject({ status: 'True', observedGeneration: 2 });
});

test('an invalid answer creates nothing and says what is wrong', async () => {
  const s = setup();
  const docs = answerOf();
  docs[0].metadata.namespace = 'kube-system';
  s.answers.push({ kind: 'issued', body: renderAnswer(docs) });
  expect(await s.reconciler.reconcile(TOKEN)).toEqual({ requeueAfterMs: 30_000 });
  expect(s.status()).toMatchObject({
    status: 'Error',
    message: 'Controller got invalid response: document 1 (Secret) is for namespace "kube-system": objects are only created in this namespace "east"',
  });
  expect(s.cluster.creations).toEqual([]);
  expect(await redemptionCounts(s.metrics)).toEqual({ invalid: 1 });
});

test('a status write that conflicts is retried from a fresh read, keeping the failure it reports', async () => {
  const s = setup();
  s.answers.push({ kind: 'unreachable', message: 'Controller got error: connect ECONNREFUSED 127.0.0.1:9090' });
  s.cluster.conflictOnNextWrite = true;
  expect(await s.reconciler.reconcile(TOKEN)).toEqual({ requeue: true });
  expect(s.status()).toBeUndefined();
  expect(await s.reconciler.reconcile(TOKEN)).toEqual({ requeueAfterMs: 1_000 });
  expect(s.status()).toMatchObject({ status: 'Error', message: 'Controller got error: connect ECONNREFUSED 127.0.0.1:9090' });
  expect(s.requests).toHaveLength(1);
});

test('more than one Site is an error', async () => {
  const s = setup();
  s.cluster.sites = [SITE, { ...SITE, metadata: { ...SITE.metadata, name: 'second', uid: 'u2' } }];
  await s.reconciler.reconcile(TOKEN);
  expect(s.status()).toMatchObject({ status: 'Error', message: 'There is more than one Site in namespace east (east, second): Skupper allows one' });
  expect(s.requests).toHaveLength(0);
});

test('a deleted token is left alone', async () => {
  const s = setup();
  s.cluster.tokens.clear();
  expect(await s.reconciler.reconcile(TOKEN)).toEqual({});
  expect(s.requests).toHaveLength(0);
});

test('the code appears in no status, event or log line', async () => {
  const s = setup();
  s.answers.push(
    { kind: 'refused', statusCode: 403, message: 'Controller got failed response: 403 (Forbidden) refused' },
    { kind: 'issued', body: 'not: [yaml' },
  );
  await s.reconciler.reconcile(TOKEN);
  s.clock.now += 60_000;
  await s.reconciler.reconcile(TOKEN);
  s.clock.now += 120_000;
  await s.reconciler.reconcile(TOKEN);
  expect(s.requests).toHaveLength(3);
  const everything = JSON.stringify([s.cluster.statuses, s.cluster.events, s.logs]);
  expect(everything).not.toContain(CODE);
  expect(everything).not.toContain(Buffer.from(CODE).toString('base64'));
  expect(s.logs.length).toBeGreaterThan(3);
});
