import * as crypto from 'crypto';
import * as https from 'https';
import type { AddressInfo } from 'net';
import * as tls from 'tls';
import { completeAnswerStatus, redeemOnce } from '../../../bench/redemption/load';
import { openssl } from '../pki/pki-test-support';

test('an answer counts only when it arrived whole', () => {
  const answer = (head: string, body: string): Buffer => Buffer.from(`${head}\r\n\r\n${body}`, 'latin1');
  expect(completeAnswerStatus(answer('HTTP/1.1 200 OK\r\nContent-Length: 5', 'hello'))).toBe(200);
  expect(completeAnswerStatus(answer('HTTP/1.1 200 OK\r\ncontent-length: 6', 'hello'))).toBe(0);
  expect(completeAnswerStatus(answer('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked', '5\r\nhello\r\n0\r\n\r\n'))).toBe(200);
  expect(completeAnswerStatus(answer('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked', '5\r\nhello\r\n'))).toBe(0);
  expect(completeAnswerStatus(answer('HTTP/1.1 404 Not Found\r\nConnection: close', 'No such claim'))).toBe(404);
  expect(completeAnswerStatus(Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 5\r\n'))).toBe(0);
  expect(completeAnswerStatus(Buffer.from('garbage\r\n\r\n'))).toBe(0);
});

test('redeems as Skupper\'s redeemer does: POST of the code over a new TLS 1.3 connection, name and subject headers', async () => {
  const key = crypto.generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const cert = openssl(['req', '-x509', '-new', '-key', 'k.pem', '-subj', '/CN=127.0.0.1', '-days', '1', '-addext', 'subjectAltName=IP:127.0.0.1'], { 'k.pem': key });
  const seen: string[] = [];
  const protocols: string[] = [];
  const server = https.createServer({ key, cert }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      seen.push(`${req.method} ${req.url} ${String(req.headers.name)} ${String(req.headers.subject)} ${Buffer.concat(chunks).toString()}`);
      protocols.push((req.socket as tls.TLSSocket).getProtocol() ?? '');
      res.writeHead(200, { 'Content-Type': 'application/yaml' });
      res.end('bundle');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const url = new URL(`https://127.0.0.1:${(server.address() as AddressInfo).port}/ns/grant`);
    const trust = tls.createSecureContext({ ca: cert, minVersion: 'TLSv1.3' });
    const samples = await Promise.all([redeemOnce({ url, code: 'c0de' }, trust, 'a'), redeemOnce({ url, code: 'c0de' }, trust, 'b')]);
    expect(samples.map((s) => s.status)).toEqual([200, 200]);
    expect(seen.sort()).toEqual(['POST /ns/grant a subject-a c0de', 'POST /ns/grant b subject-b c0de']);
    expect(protocols).toEqual(['TLSv1.3', 'TLSv1.3']);
    // A server the CA does not vouch for gets no request.
    const untrusted = tls.createSecureContext({ minVersion: 'TLSv1.3' });
    expect((await redeemOnce({ url, code: 'c0de' }, untrusted, 'c')).status).toBe(0);
    expect(seen).toHaveLength(2);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});
