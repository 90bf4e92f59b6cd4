import * as https from 'https';
import type { IncomingMessage, ServerResponse } from 'http';
import type * as net from 'net';
import * as tls from 'tls';

/** The TLS credentials of the server, PEM. */
export interface ServerCredentials {
  readonly certificatePem: string;
  readonly privateKeyPem: string;
}

/** Limits that cut off slow or oversized clients. */
export interface ListenerLimits {
  readonly headersTimeoutMs: number;
  readonly requestTimeoutMs: number;
  /** Idle time allowed on a connection (also while we write and the client does not read). */
  readonly idleTimeoutMs?: number;
  readonly handshakeTimeoutMs?: number;
  readonly maxHeaderBytes?: number;
}

const TLS_VERSIONS = { minVersion: 'TLSv1.3', maxVersion: 'TLSv1.3' } as const;

/**
 * The HTTPS listener: TLS 1.3 only (as Skupper's grant server and redeemer), no client
 * certificates (the code is the credential), bounded header, request and idle times, and a
 * certificate that can be replaced while running (new connections get the new one).
 */
export class HttpsListener {
  private readonly server: https.Server;
  private readonly sockets = new Set<net.Socket>();

  public constructor(credentials: ServerCredentials, limits: ListenerLimits, handler: (req: IncomingMessage, res: ServerResponse) => void) {
    // Fails here (not at the first handshake) when the key and certificate do not match.
    tls.createSecureContext({ cert: credentials.certificatePem, key: credentials.privateKeyPem, ...TLS_VERSIONS });
    this.server = https.createServer({
      cert: credentials.certificatePem,
      key: credentials.privateKeyPem,
      ...TLS_VERSIONS,
      handshakeTimeout: limits.handshakeTimeoutMs ?? 10_000,
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: 5_000,
      maxHeaderSize: limits.maxHeaderBytes ?? 8192,
      // How often Node checks the header and request timeouts (default 30 s: too coarse).
      connectionsCheckingInterval: Math.max(250, Math.min(1000, Math.floor(limits.headersTimeoutMs / 4))),
    }, handler);
    this.server.setTimeout(limits.idleTimeoutMs ?? Math.max(limits.requestTimeoutMs, 30_000), (socket) => socket.destroy());
    this.server.on('secureConnection', (socket: tls.TLSSocket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
    // Failed handshakes (TLS 1.2 clients, scanners) are the client's problem; keep them out of the logs' error level.
    this.server.on('tlsClientError', () => undefined);
  }

  /** Listens on host:port (0 picks one); resolves to the bound port. */
  public async listen(host: string, port: number): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.removeListener('error', reject);
        resolve();
      });
    });
    return (this.server.address() as net.AddressInfo).port;
  }

  /** Replaces the certificate for new connections (throws, keeping the old one, if it is unusable). */
  public setCredentials(credentials: ServerCredentials): void {
    this.server.setSecureContext({ cert: credentials.certificatePem, key: credentials.privateKeyPem, ...TLS_VERSIONS });
  }

  /** Stops accepting, lets running requests finish for up to `graceMs`, then cuts the rest. */
  public async close(graceMs: number): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeIdleConnections();
    const timer = setTimeout(() => {
      for (const socket of this.sockets) socket.destroy();
    }, graceMs);
    await closed;
    clearTimeout(timer);
  }
}
