import * as net from 'net';
import { waitFor } from '../harness/wait-for';

/** A TCP echo server on 127.0.0.1: the workload a Skupper Connector points at in the tests. */
export interface EchoServer {
  readonly port: number;
  close(): Promise<void>;
}

/** Starts an echo server on a free 127.0.0.1 port. */
export async function startEchoServer(): Promise<EchoServer> {
  const server = net.createServer((socket) => socket.pipe(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Sends `payload` to 127.0.0.1:`port` and resolves to every byte that came back, once as many
 * bytes as were sent have arrived (it then ends the connection) or the peer closes it. A
 * Skupper listener whose address has no consumer yet accepts and closes at once: that resolves
 * to an empty buffer, which callers wait past. No time limit of its own: a slow machine makes a
 * slow echo, not a failed one (the test's hang guard bounds a connection that never answers).
 */
function echoRoundTrip(port: number, payload: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    const received: Buffer[] = [];
    let length = 0;
    socket.on('data', (chunk: Buffer) => {
      received.push(chunk);
      length += chunk.length;
      if (length >= payload.length) socket.end();
    });
    socket.on('close', () => resolve(Buffer.concat(received)));
    socket.on('error', reject);
    socket.write(payload);
  });
}

/**
 * Round trips `payload` through 127.0.0.1:`port` until something comes back (a Skupper listener
 * closes clients at once until the routers have exchanged the address: a condition, not a time)
 * and resolves to what came back.
 */
export function waitForEchoRoundTrip(port: number, payload: Buffer): Promise<Buffer> {
  return waitFor(`an echo round trip through 127.0.0.1:${port}`, async () => {
    const answer = await echoRoundTrip(port, payload);
    return answer.length > 0 ? answer : undefined;
  }, { timeoutMs: 60_000, intervalMs: 500 });
}
