import * as crypto from 'crypto';
import * as tls from 'tls';

/** How many distinct token CAs keep their TLS context (a connecting site redeems at a few grant servers). */
const MAX_CONTEXTS = 64;

/**
 * The TLS client context that trusts a token's CA and nothing else (no system roots), TLS 1.3
 * only, made once per CA: building one parses the PEM and a fresh OpenSSL context, milliseconds of
 * CPU that a burst of tokens from one grant server would otherwise pay per redemption.
 */
export class TokenTrust {
  private readonly contexts = new Map<string, tls.SecureContext>();

  public constructor(private readonly maxContexts = MAX_CONTEXTS) {}

  /** The context for `caPem`, or why the PEM cannot be trusted. */
  public contextFor(caPem: string): tls.SecureContext | { readonly problem: string } {
    const known = this.contexts.get(caPem);
    if (known) return known;
    if (caPem.trim() === '') return { problem: 'token does not have a CA' };
    let context: tls.SecureContext;
    try {
      new crypto.X509Certificate(caPem);
      // The CA replaces the default roots: only the token's CA is trusted.
      context = tls.createSecureContext({ ca: caPem, minVersion: 'TLSv1.3' });
    } catch {
      return { problem: 'token CA is not a PEM certificate' };
    }
    this.contexts.set(caPem, context);
    if (this.contexts.size > this.maxContexts) this.contexts.delete(this.contexts.keys().next().value!);
    return context;
  }

  /** How many contexts are kept. */
  public get size(): number {
    return this.contexts.size;
  }
}
