import * as net from 'net';
import * as tls from 'tls';

/** Where to shake hands, and whom to trust. */
export interface HandshakeTarget {
  readonly host: string;
  readonly port: number;
  /**
   * The only CA trusted (PEM), and the host checked against the certificate's SANs, as the
   * redeemer does. Without it the certificate is not checked: only that TLS 1.3 completes.
   */
  readonly ca?: string;
  readonly timeoutMs: number;
}

export type HandshakeResult =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: string };

/** Shakes hands with one endpoint; injected into the doctor checks so tests can fake it. */
export type Handshake = (target: HandshakeTarget) => Promise<HandshakeResult>;

/**
 * Connects to host:port and completes a TLS 1.3 handshake (nothing else is offered: the grant
 * server and the redeemer speak TLS 1.3 only), then closes. Never rejects: a failure is a
 * result whose reason says what went wrong (refused, timed out, untrusted certificate, wrong
 * host, no TLS 1.3).
 */
export const tlsHandshake: Handshake = (target) => new Promise((resolve) => {
  const verify = target.ca !== undefined;
  let socket: tls.TLSSocket;
  try {
    socket = tls.connect({
      host: target.host,
      port: target.port,
      // SNI takes DNS names only (RFC 6066).
      servername: net.isIP(target.host) ? undefined : target.host,
      minVersion: 'TLSv1.3',
      maxVersion: 'TLSv1.3',
      ...(verify ? { ca: target.ca, rejectUnauthorized: true, checkServerIdentity: hostInSans } : { rejectUnauthorized: false }),
    });
  } catch (error) {
    // e.g. a CA that OpenSSL cannot load
    resolve({ ok: false, reason: `cannot start a TLS connection: ${(error as Error).message}` });
    return;
  }
  let settled = false;
  const settle = (result: HandshakeResult): void => {
    if (settled) return;
    settled = true;
    clearTimeout(timer);
    socket.destroy();
    resolve(result);
  };
  const timer = setTimeout(() => settle({ ok: false, reason: `no TLS handshake within ${target.timeoutMs / 1000} s` }), target.timeoutMs);
  socket.once('secureConnect', () => {
    settle(socket.getProtocol() === 'TLSv1.3' ? { ok: true } : { ok: false, reason: `negotiated ${socket.getProtocol()}, not TLSv1.3` });
  });
  socket.once('error', (error: NodeJS.ErrnoException) => {
    settle({ ok: false, reason: describeTlsError(error, verify) });
  });
});

/** Like Go's crypto/tls (and the redeemer): the host must be in the SANs; the CN does not count. */
function hostInSans(host: string, certificate: tls.PeerCertificate): Error | undefined {
  if (!certificate.subjectaltname) {
    return new Error(`the certificate has no subject alternative names, so it is not valid for ${host}`);
  }
  return tls.checkServerIdentity(host, certificate);
}

const CERTIFICATE_ERRORS = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'UNABLE_TO_GET_ISSUER_CERT', 'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT', 'CERT_SIGNATURE_FAILURE',
]);

function describeTlsError(error: NodeJS.ErrnoException, verify: boolean): string {
  const code = error.code ?? '';
  if (verify && CERTIFICATE_ERRORS.has(code)) {
    return `the server's certificate does not chain to the token's CA (${error.message})`;
  }
  if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID') {
    return `the server's certificate is not valid now (${error.message})`;
  }
  if (/protocol version|unsupported protocol|wrong version number/i.test(error.message)) {
    return `no TLS 1.3 with the server (${error.message})`;
  }
  return error.message;
}
