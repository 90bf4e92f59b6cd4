import * as net from 'net';
import * as tls from 'tls';
import { tlsHandshake } from '../../../../lib/commands/cluster/tls-handshake';
import { throwawayPki } from '../../controllers/redeemer/redemption-fixtures';

// Real TLS servers on 127.0.0.1 with throwaway CAs.
const pki = throwawayPki('127.0.0.1');
const otherPki = throwawayPki('127.0.0.1');
const namedPki = throwawayPki('grants.example.com');
const servers: net.Server[] = [];
const connections = new Set<net.Socket>();

afterAll(async () => {
  for (const socket of connections) socket.destroy();
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
});

async function listen(server: net.Server): Promise<number> {
  servers.push(server);
  // Kept to be destroyed at the end: a server does not close until its connections are gone.
  server.on('connection', (socket: net.Socket) => {
    connections.add(socket);
    socket.on('close', () => connections.delete(socket));
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as net.AddressInfo).port;
}

function tlsServer(certificates = pki.server, maxVersion: tls.SecureVersion = 'TLSv1.3'): Promise<number> {
  return listen(tls.createServer({ key: certificates.serverPrivateKeyPem, cert: certificates.serverCertificatePem, maxVersion, minVersion: 'TLSv1.2' }, (s) => s.end()));
}

test('completes with the server\'s own CA; without a CA any TLS 1.3 server will do', async () => {
  const port = await tlsServer();
  expect(await tlsHandshake({ host: '127.0.0.1', port, ca: pki.server.caCertificatePem, timeoutMs: 60_000 })).toEqual({ ok: true });
  const named = await tlsServer(namedPki.server);
  expect(await tlsHandshake({ host: '127.0.0.1', port: named, timeoutMs: 60_000 })).toEqual({ ok: true });
});

test('fails when the certificate does not chain to the CA given, or is not for the host', async () => {
  const port = await tlsServer();
  const wrongCa = await tlsHandshake({ host: '127.0.0.1', port, ca: otherPki.server.caCertificatePem, timeoutMs: 60_000 });
  expect(wrongCa).toMatchObject({ ok: false });
  expect(!wrongCa.ok && wrongCa.reason).toMatch(/^the server's certificate does not chain to the token's CA \(/);

  const named = await tlsServer(namedPki.server);
  const wrongHost = await tlsHandshake({ host: '127.0.0.1', port: named, ca: namedPki.server.caCertificatePem, timeoutMs: 60_000 });
  expect(!wrongHost.ok && wrongHost.reason).toMatch(/IP: 127\.0\.0\.1 is not in the cert's list/);
});

test('fails without TLS 1.3, when refused, and when nothing answers in time', async () => {
  const tls12 = await tlsServer(pki.server, 'TLSv1.2');
  const old = await tlsHandshake({ host: '127.0.0.1', port: tls12, timeoutMs: 60_000 });
  expect(!old.ok && old.reason).toMatch(/^no TLS 1\.3 with the server \(/);

  const closed = await listen(net.createServer());
  await new Promise((resolve) => servers.pop()!.close(resolve));
  const refused = await tlsHandshake({ host: '127.0.0.1', port: closed, timeoutMs: 60_000 });
  expect(!refused.ok && refused.reason).toBe(`connect ECONNREFUSED 127.0.0.1:${closed}`);

  const silent = await listen(net.createServer());
  expect(await tlsHandshake({ host: '127.0.0.1', port: silent, timeoutMs: 200 })).toEqual({ ok: false, reason: 'no TLS handshake within 0.2 s' });
});
