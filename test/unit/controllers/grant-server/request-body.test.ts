import * as http from 'http';
import type { AddressInfo } from 'net';
import { readBoundedBody, RequestBodyError } from '../../../../lib/controllers/grant-server/request-body';

async function readWith(maxBytes: number, send: (req: http.ClientRequest) => void, headers: Record<string, string> = {}): Promise<Buffer | RequestBodyError> {
  let result!: Promise<Buffer | RequestBodyError>;
  const server = http.createServer((req, res) => {
    result = readBoundedBody(req, maxBytes).catch((e: RequestBodyError) => e);
    void result.then(() => res.writeHead(200, { Connection: 'close' }).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  await new Promise<void>((resolve) => {
    const req = http.request({ host: '127.0.0.1', port: (server.address() as AddressInfo).port, method: 'POST', headers, agent: false }, (res) => {
      res.resume();
      res.on('end', resolve);
    });
    req.on('error', () => resolve());
    send(req);
  });
  server.close();
  return result;
}

test('reads a body within the limit', async () => {
  expect((await readWith(10, (req) => req.end('0123456789'))).toString()).toBe('0123456789');
});

test('refuses a declared length over the limit before reading, and a chunked body once it passes it', async () => {
  const declared = await readWith(10, (req) => req.end('x'.repeat(11)));
  expect(declared).toBeInstanceOf(RequestBodyError);
  expect((declared as RequestBodyError).reason).toBe('too-large');
  const chunked = await readWith(10, (req) => { req.write('x'.repeat(6)); req.end('y'.repeat(6)); }, { 'transfer-encoding': 'chunked' });
  expect((chunked as RequestBodyError).reason).toBe('too-large');
});
