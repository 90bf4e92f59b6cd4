import * as http from 'http';
import * as https from 'https';
import { AddressInfo } from 'net';
import * as tls from 'tls';
import { isTransientFailure, postRedemption, RedemptionRequest } from '../../../../lib/controllers/redeemer/grant-server-client';
import { throwawayPki } from './redemption-fixtures';

// A real HTTPS server on 127.0.0.1 with a throwaway CA, answering as each test says.
const pki = throwawayPki('127.0.0.1');
const otherPki = throwawayPki('127.0.0.1');
const CODE = 'Zx8QwErTy12uIoPaSdFgHjKl';

type Handler = (req: http.IncomingMessage, body: string, res: http.ServerResponse) => void;
interface Received {
  readonly method?: string;
  readonly url?: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

const servers: https.Server[] = [];
afterAll(async () => {
  await Promise.all(servers.map(server => new Promise(resolve => {
    server.closeAllConnections();
    server.close(resolve);
  })));
});

async function grantServer(handler: Handler, options: tls.SecureContextOptions & { maxVersion?: tls.SecureVersion } = {}): Promise<{ url: string; received: Received[] }> {
  const received: Received[] = [];
  const server = https.createServer({ key: pki.server.serverPrivateKeyPem, cert: pki.server.serverCertificatePem, ...options }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      received.push({ method: req.method, url: req.url, headers: req.headers, body });
      handler(req, body, res);
    });
  });
  servers.push(server);
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return { url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`, received };
}

function request(url: string, overrides: Partial<RedemptionRequest> = {}): RedemptionRequest {
  return { url, ca: pki.server.caCertificatePem, code: CODE, name: 'token-to-west', subject: 'site-uid-1234', ...overrides };
}

const answer = (status: number, body: string, headers: http.OutgoingHttpHeaders = {}): Handler => (_req, _body, res) => res.writeHead(status, headers).end(body);

test('POSTs the code as the body with the name and subject headers, and returns a 200 body', async () => {
  const server = await grantServer(answer(200, '---\nanswer\n'));
  const result = await postRedemption(request(`${server.url}/west/grant-west`));
  expect(result).toEqual({ kind: 'issued', body: '---\nanswer\n' });
  expect(server.received).toHaveLength(1);
  expect(server.received[0]).toMatchObject({ method: 'POST', url: '/west/grant-west', body: CODE });
  expect(server.received[0].headers).toMatchObject({ name: 'token-to-west', subject: 'site-uid-1234', 'content-length': String(CODE.length) });
  expect(server.received[0].headers['content-type']).toBeUndefined();
});

test('POSTs a stock Skupper grant URL (/<grant uid>) verbatim', async () => {
  const server = await grantServer(answer(200, 'ok'));
  await postRedemption(request(`${server.url}/5b1c7e9a-0d2f-4c3b-9a8e-7f6d5c4b3a21`));
  expect(server.received[0].url).toBe('/5b1c7e9a-0d2f-4c3b-9a8e-7f6d5c4b3a21');
});

test('reports a refusal in Skupper\'s words, trimmed, and never repeats the code', async () => {
  const server = await grantServer(answer(404, 'No such claim\n'));
  const result = await postRedemption(request(`${server.url}/west/x`));
  expect(result).toEqual({ kind: 'refused', statusCode: 404, message: 'Controller got failed response: 404 (Not Found) No such claim' });
  expect(isTransientFailure(result)).toBe(true);

  const echo = await grantServer((_req, body, res) => res.writeHead(403).end(`Redemption of access token refused: got ${body}\n\u0000`));
  const refused = await postRedemption(request(`${echo.url}/west/x`));
  expect(refused).toEqual({ kind: 'refused', statusCode: 403, message: 'Controller got failed response: 403 (Forbidden) Redemption of access token refused: got [redacted]' });
  expect(isTransientFailure(refused)).toBe(false);
});

test('does not follow a redirect: a 3xx is a failure', async () => {
  const target = await grantServer(answer(200, 'should not be reached'));
  const server = await grantServer(answer(302, '', { Location: `${target.url}/elsewhere` }));
  const result = await postRedemption(request(`${server.url}/west/x`));
  expect(result).toEqual({ kind: 'refused', statusCode: 302, message: 'Controller got failed response: 302 (Found) (redirects are not followed)' });
  expect(target.received).toHaveLength(0);
});

test('refuses TLS 1.2', async () => {
  const server = await grantServer(answer(200, 'ok'), { maxVersion: 'TLSv1.2' });
  const result = await postRedemption(request(`${server.url}/west/x`));
  expect(result.kind).toBe('unreachable');
  expect(result.kind === 'unreachable' && result.message).toMatch(/^Controller got error: .*(protocol version|unsupported protocol)/i);
  expect(server.received).toHaveLength(0);
});

test('trusts only the token\'s CA: a server certificate from another CA is refused', async () => {
  const server = await grantServer(answer(200, 'ok'), { key: otherPki.server.serverPrivateKeyPem, cert: otherPki.server.serverCertificatePem });
  const result = await postRedemption(request(`${server.url}/west/x`));
  expect(result).toEqual({ kind: 'unreachable', message: expect.stringMatching(/^Controller got error: .*(self[- ]signed|unable to (get|verify))/i) });
  expect(server.received).toHaveLength(0);
});

test('verifies the host: the certificate is for 127.0.0.1, so "localhost" is refused', async () => {
  const server = await grantServer(answer(200, 'ok'));
  const result = await postRedemption(request(server.url.replace('127.0.0.1', 'localhost') + '/west/x'));
  expect(result).toEqual({ kind: 'unreachable', message: expect.stringMatching(/^Controller got error: Hostname\/IP does not match certificate's altnames/) });
  expect(server.received).toHaveLength(0);
});

test('gives up after the time limit', async () => {
  const server = await grantServer(() => undefined); // never answers
  // The message names the limit that ended it (no wall-clock bound: this machine may be slow).
  const result = await postRedemption(request(`${server.url}/west/x`), { timeoutMs: 300, maxAnswerBytes: 1024 });
  expect(result).toEqual({ kind: 'unreachable', message: 'Controller got error: no complete answer from the grant server within 0.3 s' });
});

test('gives up on an answer that sends its headers but dribbles the body', async () => {
  const server = await grantServer((_req, _body, res) => {
    res.writeHead(200);
    res.write('---\n');
  });
  const result = await postRedemption(request(`${server.url}/west/x`), { timeoutMs: 300, maxAnswerBytes: 1024 });
  expect(result).toEqual({ kind: 'unreachable', message: 'Controller got error: no complete answer from the grant server within 0.3 s' });
});

test('refuses an oversized answer, declared or streamed', async () => {
  const declared = await grantServer(answer(200, 'x'.repeat(2048)));
  expect(await postRedemption(request(`${declared.url}/west/x`), { timeoutMs: 60_000, maxAnswerBytes: 1024 }))
    .toEqual({ kind: 'unreachable', message: 'Controller got error: the grant server\'s answer is larger than 1024 bytes' });
  const streamed = await grantServer((_req, _body, res) => {
    res.writeHead(200); // chunked: no content-length
    for (let i = 0; i < 8; i++) res.write('y'.repeat(512));
    res.end();
  });
  expect(await postRedemption(request(`${streamed.url}/west/x`), { timeoutMs: 60_000, maxAnswerBytes: 1024 }))
    .toEqual({ kind: 'unreachable', message: 'Controller got error: the grant server\'s answer is larger than 1024 bytes' });
});

test('reports an unreachable server as a transient error', async () => {
  const server = await grantServer(answer(200, 'ok'));
  const port = Number(new URL(server.url).port);
  await new Promise(resolve => servers.pop()!.close(resolve));
  const result = await postRedemption(request(`https://127.0.0.1:${port}/west/x`));
  expect(result).toEqual({ kind: 'unreachable', message: `Controller got error: connect ECONNREFUSED 127.0.0.1:${port}` });
  expect(isTransientFailure(result)).toBe(true);
});

test.each([
  ['http://127.0.0.1:1/west/x', {}, 'token url scheme must be https'],
  ['not a url', {}, 'token url is not a valid URL'],
  ['https://127.0.0.1:1/west/x', { ca: ' ' }, 'token does not have a CA'],
  ['https://127.0.0.1:1/west/x', { ca: 'garbage' }, 'token CA is not a PEM certificate'],
])('does not send to %s with %j', async (url, overrides, message) => {
  expect(await postRedemption(request(url, overrides))).toEqual({ kind: 'unusable', message });
});
