import * as http from 'http';
import * as https from 'https';
import * as tls from 'tls';
import { TokenTrust } from './token-trust';

/** One redemption: what Skupper's redeemer sends (reference/skupper-linking.md 1.2). */
export interface RedemptionRequest {
  /** The token's URL, POSTed verbatim: ours (`/<namespace>/<grant>`) or a stock Skupper one (`/<grant uid>`). */
  readonly url: string;
  /** The PEM CA the grant server's certificate must chain to: the only one trusted. */
  readonly ca: string;
  /** The grant code: the request body. Secret: it appears nowhere else. */
  readonly code: string;
  /** The `name` header: the name of the Secret and Link(s) the grant server answers with. */
  readonly name: string;
  /** The `subject` header: the client certificate's CN; the UID of the redeeming Site. */
  readonly subject: string;
}

/** Bounds of one redemption. */
export interface RedemptionLimits {
  /** From connecting to the last byte of the answer (Skupper's http.Client timeout). */
  readonly timeoutMs: number;
  /** A grant server's answer is a few KiB; anything much larger is not one. */
  readonly maxAnswerBytes: number;
}

export const DEFAULT_REDEMPTION_LIMITS: RedemptionLimits = { timeoutMs: 10_000, maxAnswerBytes: 1024 * 1024 };

/** This process's TLS contexts, one per token CA. */
const TOKEN_TRUST = new TokenTrust();

/** What came of a redemption request. */
export type RedemptionAnswer =
  /** 200: the body is the YAML stream to check and create. */
  | { readonly kind: 'issued'; readonly body: string }
  /** Any other HTTP status (redirects included: they are never followed). */
  | { readonly kind: 'refused'; readonly statusCode: number; readonly message: string }
  /** No complete answer: connection, TLS, timeout or size. */
  | { readonly kind: 'unreachable'; readonly message: string }
  /** Not sent: the token cannot be used as it is (not https, no usable CA). */
  | { readonly kind: 'unusable'; readonly message: string };

/** Room for a grant server's error text in a status message. */
const MAX_ERROR_TEXT = 300;

/**
 * POSTs a grant code the way Skupper's redeemer does: https only, TLS 1.3 only, trusting only
 * the token's CA (no system roots), the URL's host verified against the certificate's SANs (IP
 * SANs for an IP), redirects not followed, no proxy, no connection reuse, time and size bounded.
 * It works the same for stock Skupper grant servers: the URL is used as given. Never rejects.
 * Messages are Skupper's (`Controller got failed response: ...`, `Controller got error: ...`),
 * and never contain the code.
 */
export function postRedemption(request: RedemptionRequest, limits: RedemptionLimits = DEFAULT_REDEMPTION_LIMITS): Promise<RedemptionAnswer> {
  let target: URL;
  try {
    target = new URL(request.url);
  } catch {
    return Promise.resolve({ kind: 'unusable', message: 'token url is not a valid URL' });
  }
  if (target.protocol !== 'https:') {
    return Promise.resolve({ kind: 'unusable', message: 'token url scheme must be https' });
  }
  const secureContext = TOKEN_TRUST.contextFor(request.ca);
  if ('problem' in secureContext) {
    return Promise.resolve({ kind: 'unusable', message: secureContext.problem });
  }

  const body = Buffer.from(request.code, 'utf8');
  const hide = (text: string): string => redact(text, request.code);
  return new Promise(resolve => {
    let settled = false;
    const settle = (answer: RedemptionAnswer): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(answer);
    };
    const fail = (error: Error): void => settle({ kind: 'unreachable', message: `Controller got error: ${hide(error.message)}` });
    // Settles before destroying: a destroyed response may still emit 'end' with what it had.
    const abort = (reason: string): void => {
      fail(new Error(reason));
      req.destroy();
    };
    const tooLarge = `the grant server's answer is larger than ${limits.maxAnswerBytes} bytes`;

    let req: http.ClientRequest;
    try {
      // https passes `secureContext` on to tls.connect; its RequestOptions type leaves it out.
      const options: https.RequestOptions & Pick<tls.ConnectionOptions, 'secureContext'> = {
        method: 'POST',
        secureContext, // the token's CA only, TLS 1.3 only (token-trust.ts)
        agent: false,
        checkServerIdentity: verifyHostAgainstSans,
        headers: { 'name': request.name, 'subject': request.subject, 'content-length': body.length },
      };
      req = https.request(target, options);
    } catch (error) {
      // e.g. a header value Node refuses
      resolve({ kind: 'unusable', message: `Controller could not send the request: ${hide((error as Error).message)}` });
      return;
    }
    const timer = setTimeout(() => abort(`no complete answer from the grant server within ${limits.timeoutMs / 1000} s`), limits.timeoutMs);
    req.on('error', fail);
    req.on('response', (res: http.IncomingMessage) => {
      const declared = Number(res.headers['content-length']);
      if (declared > limits.maxAnswerBytes) {
        abort(tooLarge);
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > limits.maxAnswerBytes) {
          abort(tooLarge);
          return;
        }
        chunks.push(chunk);
      });
      res.on('error', fail);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const statusCode = res.statusCode ?? 0;
        if (statusCode === 200) {
          settle({ kind: 'issued', body: text });
          return;
        }
        const statusText = http.STATUS_CODES[statusCode] ?? res.statusMessage ?? '';
        const redirect = statusCode >= 300 && statusCode < 400 ? ' (redirects are not followed)' : '';
        settle({
          kind: 'refused',
          statusCode,
          message: `Controller got failed response: ${statusCode} (${statusText}) ${printable(hide(text))}`.trimEnd() + redirect,
        });
      });
    });
    req.end(body);
  });
}

/** Worth retrying soon: the grant may not have reached the other side yet (GitOps), or it was busy. */
export function isTransientFailure(answer: RedemptionAnswer): boolean {
  return answer.kind === 'unreachable' || (answer.kind === 'refused' && (answer.statusCode === 404 || answer.statusCode === 503));
}

/**
 * Like Go's crypto/tls (Skupper's redeemer): the host must be in the certificate's SANs; the
 * common name is not looked at. Node falls back to the CN when there are no SANs at all.
 */
function verifyHostAgainstSans(host: string, certificate: tls.PeerCertificate): Error | undefined {
  if (!certificate.subjectaltname) {
    return new Error(`the grant server's certificate has no subject alternative names, so it is not valid for ${host}`);
  }
  return tls.checkServerIdentity(host, certificate);
}

/** A grant server's error text, fit for a status message: one line, bounded. */
function printable(text: string): string {
  const line = text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return line.length > MAX_ERROR_TEXT ? `${line.slice(0, MAX_ERROR_TEXT)}…` : line;
}

/** The code must never reach a status, event or log, even if a server echoes it back. */
function redact(text: string, code: string): string {
  return code === '' ? text : text.split(code).join('[redacted]');
}
