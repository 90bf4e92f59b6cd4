import * as http from 'http';
import type { AddressInfo } from 'net';
import { Logger } from '../../../../lib/controllers/machinery/logger';
import { RuntimeMetrics } from '../../../../lib/controllers/machinery/metrics';
import { FailedAttemptLimiter } from '../../../../lib/controllers/grant-server/failed-attempt-limiter';
import { GenerationError } from '../../../../lib/controllers/grant-server/link-bundle-generator';
import { RedemptionHandler } from '../../../../lib/controllers/grant-server/redemption-handler';
import type { LinkGrant } from '../../../../lib/api/link-grant';
import { FakeGrantApi } from './fake-grant-api';
import { codeSecret, linkGrant } from './support';

const CODE = 'Zq8RkT2mW4yB6nD1fH3jL5pX';
const LATER = new Date(Date.now() + 600_000).toISOString();

interface Harness {
  readonly post: (path: string, body: string | Buffer, headers?: Record<string, string>, method?: string) => Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>;
  readonly api: FakeGrantApi;
  readonly logLines: string[];
  readonly events: string[];
  readonly close: () => Promise<void>;
}

let current: Harness | undefined;
afterEach(async () => {
  await current?.close();
  current = undefined;
});

/** The handler behind a plain HTTP server (TLS is the listener's business), with an in-memory grant and caches. */
async function harness(grant: LinkGrant, options: { generate?: () => Promise<string>; burst?: number } = {}): Promise<Harness> {
  const api = new FakeGrantApi(grant);
  const logLines: string[] = [];
  const events: string[] = [];
  const handler = new RedemptionHandler({
    namespace: 'west',
    maxBodyBytes: 64,
    limiter: new FailedAttemptLimiter({ burst: options.burst ?? 100, intervalMs: 60_000 }),
    api,
    cachedGrant: (name) => (api.grant && api.grant.metadata!.name === name ? api.grant : undefined),
    cachedSecret: (name) => (name === `${grant.metadata!.name}-code` ? codeSecret(name, CODE) : undefined),
    generate: options.generate ?? (async (_g, requester) => `---\nbundle for ${requester.name}\n`),
    metrics: new RuntimeMetrics(),
    log: new Logger({}, (line) => logLines.push(line)),
    events: { record: (_g, type, reason, message) => events.push(`${type} ${reason} ${message}`) },
  });
  const server = http.createServer((req, res) => void handler.handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const post: Harness['post'] = (path, body, headers = {}, method = 'POST') => new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end(body);
  });
  current = { post, api, logLines, events, close: () => new Promise((resolve) => server.close(() => resolve())) };
  return current;
}

test('the right code gets the bundle; the count, the event and the log line follow; the code is logged nowhere', async () => {
  const h = await harness(linkGrant('g', { redemptionsAllowed: 2 }, { expirationTime: LATER, redemptions: 0 }));
  const res = await h.post('/west/g', CODE, { name: 'token-to-west', subject: 'site-uid' });
  expect([res.status, res.body, res.headers['cache-control']]).toEqual([200, '---\nbundle for token-to-west\n', 'no-store']);
  expect(h.api.grant!.status).toMatchObject({ redemptions: 1, redeemers: [{ name: 'token-to-west', subject: 'site-uid' }] });
  expect(h.events).toEqual(['Normal Redeemed Redeemed for link "token-to-west" (subject "site-uid"): 1 of 2 redemptions made']);
  expect(JSON.parse(h.logLines[0])).toMatchObject({ msg: 'redemption request', outcome: 'issued', status: 200, grant: 'g', name: 'token-to-west' });
  expect(h.logLines.join('\n')).not.toContain(CODE);
});

test('without the right code every case is the same 404; with it, Skupper\'s answers', async () => {
  const h = await harness(linkGrant('g', { redemptionsAllowed: 1 }, { expirationTime: LATER, redemptions: 1, redeemers: [{ name: 'a', subject: 'a' }] }));
  const shape = (r: { status: number; headers: http.IncomingHttpHeaders; body: string }) => {
    const { date: _d, ...headers } = r.headers;
    return { status: r.status, headers, body: r.body };
  };
  const refused = await Promise.all([
    h.post('/west/g', 'wrong'), h.post('/west/unknown', CODE), h.post('/east/g', CODE), h.post('/g', CODE), h.post('/west/g', ''),
  ].map(async (p) => shape(await p)));
  expect(refused[0]).toEqual({ status: 404, headers: expect.objectContaining({ 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' }), body: 'No such claim\n' });
  for (const r of refused) expect(r).toEqual(refused[0]);
  expect(shape(await h.post('/west/g', CODE, { name: 'b' }))).toEqual({ ...refused[0], body: 'No such access granted\n', headers: expect.anything() });
  expect((await h.post('/west/g', CODE, { name: 'a', subject: 'a' })).status).toBe(200); // re-issue
  expect(h.api.grant!.status!.redemptions).toBe(1);
});

test('a failed generation is a 500 with its reason, and costs nothing', async () => {
  const h = await harness(linkGrant('g', {}, { expirationTime: LATER, redemptions: 0 }), {
    generate: async () => { throw new GenerationError('Site not yet defined for west'); },
  });
  const res = await h.post('/west/g', CODE);
  expect([res.status, res.body]).toEqual([500, 'Site not yet defined for west\n']);
  expect(h.api.writes).toBe(0);
  expect(h.events).toEqual([]);
});

test('method, size, header and rate limits', async () => {
  const h = await harness(linkGrant('g', {}, { expirationTime: LATER, redemptions: 0 }), { burst: 3 });
  const get = await h.post('/west/g', '', {}, 'GET');
  expect([get.status, get.body]).toEqual([405, 'Only POST is supported\n']);
  expect((await h.post('/west/g', 'x'.repeat(65))).status).toBe(413);
  const badName = await h.post('/west/g', CODE, { name: 'Not_A_Name' });
  expect(badName.status).toBe(400);
  await h.post('/west/g', 'wrong-1');
  await h.post('/west/g', 'wrong-2'); // 413 + 2 wrong = 3 failures: the burst is spent
  const limited = await h.post('/west/g', CODE);
  expect([limited.status, limited.body, limited.headers['retry-after']]).toEqual([429, 'Too many failed attempts\n', '60']);
  expect(h.api.writes).toBe(0);
});

test('a corrupted claim (invalid window, no expiration yet) is a 500 Corrupted claim', async () => {
  const h = await harness(linkGrant('g', { expirationWindow: '2d' }));
  const res = await h.post('/west/g', CODE);
  expect([res.status, res.body]).toEqual([500, 'Corrupted claim\n']);
});
