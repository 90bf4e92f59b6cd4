import * as crypto from 'crypto';
import type * as forge from 'node-forge';
import { rsaKeyPairFromPem } from '../../pki/pem';

/** Makes one RSA 2048 key pair (PKCS#1 PEM) without blocking the event loop. */
export type RsaKeyGenerator = () => Promise<string>;

/** Node's native generator on the libuv thread pool. */
export const generateRsa2048Pem: RsaKeyGenerator = () =>
  new Promise((resolve, reject) => {
    crypto.generateKeyPair('rsa', {
      modulusLength: 2048,
      publicExponent: 65537,
      privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    }, (error, _publicKey, privateKey) => (error ? reject(error) : resolve(privateKey)));
  });

/** How often a pool that waits for idle time looks again. */
const IDLE_CHECK_MS = 100;

/** Options of an {@link RsaKeyPool}. */
export interface RsaKeyPoolOptions {
  /** Keys kept ready (0: every key is generated on demand). */
  readonly size: number;
  readonly generate?: RsaKeyGenerator;
  readonly onError?: (error: unknown) => void;
  /**
   * True while requests are being served: refilling waits until it is false, so that background
   * key generation never takes CPU from requests in flight (keys then come from on-demand
   * generation, which costs the same).
   */
  readonly busy?: () => boolean;
}

/**
 * A few RSA keys generated ahead of time, off the request path (RSA 2048 generation is most of a
 * redemption's cost). Each key is handed out once and never again; the pool refills in idle
 * time, one key at a time.
 */
export class RsaKeyPool {
  private readonly ready: string[] = [];
  private readonly size: number;
  private readonly generate: RsaKeyGenerator;
  private readonly onError: (error: unknown) => void;
  private readonly busy: () => boolean;
  private refilling = false;
  private idleTimer?: NodeJS.Timeout;
  private stopped = false;

  public constructor(options: RsaKeyPoolOptions) {
    this.size = options.size;
    this.generate = options.generate ?? generateRsa2048Pem;
    this.onError = options.onError ?? (() => undefined);
    this.busy = options.busy ?? (() => false);
  }

  /** Starts filling the pool. */
  public start(): void {
    this.refill();
  }

  public stop(): void {
    this.stopped = true;
    clearTimeout(this.idleTimer);
    this.ready.length = 0;
  }

  /** A key pair nobody else gets: a pooled one if there is one, else a fresh one. */
  public async take(): Promise<forge.pki.rsa.KeyPair> {
    const pem = this.ready.shift() ?? await this.generate();
    this.refill();
    return rsaKeyPairFromPem(pem);
  }

  /** Keys waiting in the pool. */
  public get available(): number {
    return this.ready.length;
  }

  private refill(): void {
    if (this.refilling || this.stopped || this.ready.length >= this.size || this.idleTimer) return;
    if (this.busy()) {
      this.idleTimer = setTimeout(() => {
        this.idleTimer = undefined;
        this.refill();
      }, IDLE_CHECK_MS);
      this.idleTimer.unref();
      return;
    }
    this.refilling = true;
    this.generate().then(
      (pem) => {
        this.refilling = false;
        if (this.stopped) return;
        this.ready.push(pem);
        this.refill();
      },
      (error) => {
        this.refilling = false;
        this.onError(error);
      },
    );
  }
}
