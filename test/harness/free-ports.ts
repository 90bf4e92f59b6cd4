import * as net from 'net';

/**
 * Finds `count` distinct free TCP ports on 127.0.0.1 by binding port 0. All listeners stay open
 * until every port is chosen, so the same port is never handed out twice within one call.
 * (Another program could still grab a port before we use it; the window is short.)
 */
export async function freePorts(count: number): Promise<number[]> {
  const servers: net.Server[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const server = net.createServer();
      servers.push(server);
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen({ host: '127.0.0.1', port: 0, exclusive: true }, () => resolve());
      });
    }
    return servers.map((server) => (server.address() as net.AddressInfo).port);
  } finally {
    await Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
  }
}
