import * as crypto from 'crypto';
import { Gauge } from 'prom-client';
import { HealthServer } from '../machinery/health-server';
import type { KubeContext } from '../../kube-client/kube-config';
import type { Logger } from '../machinery/logger';
import { RuntimeMetrics } from '../machinery/metrics';
import { LINK_GRANTS, SKUPPER_SITES } from '../../api/resource-types';
import { WorkQueue } from '../machinery/work-queue';
import { FailedAttemptLimiter } from './failed-attempt-limiter';
import { GrantApi, kubeGrantApi } from './grant-api';
import { GrantEvents, kubeGrantEvents } from './grant-events';
import { grantReconciler } from './grant-reconciler';
import { desiredGrantStatus, GrantWorld } from './grant-status';
import type { GrantServerOptions } from './grant-server-options';
import { HttpsListener, ServerCredentials } from './https-listener';
import { describeError } from '../../kube-client/api-errors';
import { Informer } from '../machinery/informer';
import { generateLinkBundle } from './link-bundle-generator';
import { NamedSecretWatches } from './named-secret-watches';
import { RedemptionHandler } from './redemption-handler';
import { LinkGrant, secretNamesOf } from '../../api/link-grant';
import { Secret, secretValue } from '../machinery/secret';
import { SkupperSite } from '../../api/skupper';
import { RsaKeyPool } from './rsa-key-pool';
import { generateP256KeyPair } from '../../pki/client-certificate';

/** Time running requests get to finish on shutdown. */
const SHUTDOWN_GRACE_MS = 10_000;

/** What the runtime runs with. `api`/`events` may be replaced (tests). */
export interface GrantServerControllerDeps {
  readonly options: GrantServerOptions;
  readonly kube: KubeContext;
  readonly log: Logger;
  readonly metrics?: RuntimeMetrics;
  readonly api?: GrantApi;
  readonly events?: GrantEvents;
}

/**
 * The grant server: informers on the namespace's LinkGrants and Sites and on the Secrets it
 * needs by name, a work queue reconciling LinkGrant status, the HTTPS redemption endpoint, and
 * the health/metrics server. Ready once the caches are synced, the certificate is loaded and
 * the HTTPS port listens.
 */
export class GrantServerController {
  public readonly metrics: RuntimeMetrics;
  private readonly health: HealthServer;
  private readonly grants: Informer<LinkGrant>;
  private readonly sites: Informer<SkupperSite>;
  private readonly secrets: NamedSecretWatches;
  private readonly queue: WorkQueue;
  private readonly keyPool: RsaKeyPool;
  private readonly handler: RedemptionHandler;
  private readonly events: GrantEvents;
  private listener?: HttpsListener;
  private credentialsLoaded?: () => void;
  private stopping = false;
  private readonly stopWaiters: Array<() => void> = [];
  /** Reconciling waits for all caches: a grant seen before its Site or Secrets would flap through Pending. */
  private cachesSynced = false;
  private httpsPortValue?: number;
  private metricsPortValue?: number;

  public constructor(private readonly deps: GrantServerControllerDeps) {
    const { options, kube, log } = deps;
    const namespace = kube.namespace;
    this.metrics = deps.metrics ?? new RuntimeMetrics();
    this.health = new HealthServer(this.metrics);
    const api = deps.api ?? kubeGrantApi(kube.kubeConfig, namespace);

    const world = (): GrantWorld => ({ namespace, baseUrl: options.baseUrl, now: new Date(), sites: this.sites.list(), secret: (name) => this.secrets.get(name) });
    this.queue = new WorkQueue(
      grantReconciler({ api, cachedGrant: (name) => this.grants.get(name, namespace), world, log }),
      (key, error) => {
        this.metrics.reconcileErrors.inc({ controller: 'linkgrant' });
        log.warn('reconcile failed; retrying', { grant: key, error: describeError(error) });
      },
    );
    this.grants = new Informer<LinkGrant>(kube.kubeConfig, LINK_GRANTS, namespace, log, (grant) => {
      if (this.cachesSynced) this.queue.add(grant.metadata!.name!);
      void this.syncSecretWatches();
    });
    this.sites = new Informer<SkupperSite>(kube.kubeConfig, SKUPPER_SITES, namespace, log, () => this.enqueueAllGrants());
    this.secrets = new NamedSecretWatches(kube.kubeConfig, namespace, log, (name) => this.onSecretChange(name));
    const rsa = options.clientKeyType === 'rsa-2048';
    this.keyPool = new RsaKeyPool({
      // P-256 keys cost nothing to make: no pool to fill then.
      size: rsa ? options.keyPoolSize : 0,
      onError: (error) => log.error('generating a pooled key failed', { error: describeError(error) }),
      busy: () => this.handler.inFlight > 0,
    });
    const keyPool = this.keyPool;
    new Gauge({
      name: 'cdk8s_skupper_key_pool_available', help: 'RSA keys generated ahead of time and not yet handed out', registers: [this.metrics.registry],
      collect() {
        this.set(keyPool.available);
      },
    });
    this.events = deps.events ?? kubeGrantEvents(kube.kubeConfig, namespace, log);
    this.handler = new RedemptionHandler({
      namespace,
      maxBodyBytes: options.maxBodyBytes,
      limiter: new FailedAttemptLimiter({ burst: options.failedAttemptBurst, intervalMs: options.failedAttemptIntervalMs }),
      api,
      cachedGrant: (name) => this.grants.get(name, namespace),
      cachedSecret: (name) => this.secrets.get(name),
      generate: (grant, requester) => generateLinkBundle(grant, requester, {
        namespace,
        sites: () => this.sites.list(),
        secret: (name) => this.secrets.get(name),
        takeKeyPair: async () => (rsa ? this.keyPool.take() : generateP256KeyPair()),
      }),
      metrics: this.metrics,
      log,
      events: this.events,
      settleStatus: (grant) => desiredGrantStatus(grant, world()).status,
    });
  }

  /** The bound HTTPS port (once started). */
  public get httpsPort(): number | undefined {
    return this.httpsPortValue;
  }

  public get metricsPort(): number | undefined {
    return this.metricsPortValue;
  }

  /** Starts everything; resolves once ready (or once stopped during start-up). */
  public async start(): Promise<void> {
    const { options, log } = this.deps;
    this.metricsPortValue = await this.health.listen(options.metricsAddress.host, options.metricsAddress.port);
    log.info('health and metrics listening', { address: options.metricsAddress.host, port: this.metricsPortValue });
    this.keyPool.start();

    const credentials = new Promise<void>((resolve) => (this.credentialsLoaded = resolve));
    await Promise.all([this.grants.start(), this.sites.start(), this.syncSecretWatches()]);
    await this.syncSecretWatches(); // now with the Secrets of every listed grant
    if (this.stopping) return;
    this.cachesSynced = true;
    this.enqueueAllGrants();
    log.info('caches synced', { grants: this.grants.list().length, sites: this.sites.list().length });
    if (!this.listener) {
      log.info('waiting for the TLS Secret', { secret: options.tlsSecret });
      await Promise.race([credentials, this.stopped()]);
    }
    if (this.stopping || !this.listener) return;
    this.httpsPortValue = await this.listener.listen(options.bindAddress, options.port);
    log.info('grant server listening', { address: options.bindAddress, port: this.httpsPortValue, baseUrl: options.baseUrl });
    this.health.setReady(true);
  }

  /** Stops serving (running requests get a grace period), then the watches and servers. */
  public async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    this.stopWaiters.splice(0).forEach((resolve) => resolve());
    this.health.setReady(false);
    await this.listener?.close(SHUTDOWN_GRACE_MS);
    this.events.flush?.();
    this.queue.stop();
    this.keyPool.stop();
    await Promise.all([this.grants.stop(), this.sites.stop(), this.secrets.stop()]);
    await this.health.close();
    this.deps.log.info('grant server stopped');
  }

  private stopped(): Promise<void> {
    return new Promise((resolve) => this.stopWaiters.push(resolve));
  }

  private enqueueAllGrants(): void {
    if (!this.cachesSynced) return;
    for (const grant of this.grants.list()) this.queue.add(grant.metadata!.name!);
  }

  /** The TLS Secret and every grant's code and issuer Secret. */
  private async syncSecretWatches(): Promise<void> {
    const names = new Set<string>([this.deps.options.tlsSecret]);
    for (const grant of this.grants.list()) for (const name of secretNamesOf(grant)) names.add(name);
    await this.secrets.sync(names);
  }

  private onSecretChange(name: string): void {
    if (name === this.deps.options.tlsSecret) this.loadCredentials();
    if (!this.cachesSynced) return;
    for (const grant of this.grants.list()) {
      if (secretNamesOf(grant).includes(name)) this.queue.add(grant.metadata!.name!);
    }
  }

  /** (Re)loads the server certificate from the TLS Secret; an unusable one is reported and the old one kept. */
  private loadCredentials(): void {
    const { options, log } = this.deps;
    const secret: Secret | undefined = this.secrets.get(options.tlsSecret);
    const certificatePem = secretValue(secret, 'tls.crt')?.toString('utf8');
    const privateKeyPem = secretValue(secret, 'tls.key')?.toString('utf8');
    if (!certificatePem || !privateKeyPem) {
      log.warn('TLS Secret missing or incomplete; keeping the current certificate', { secret: options.tlsSecret });
      return;
    }
    const credentials: ServerCredentials = { certificatePem, privateKeyPem };
    let fingerprint: string;
    try {
      fingerprint = new crypto.X509Certificate(certificatePem).fingerprint256;
      if (this.listener) {
        this.listener.setCredentials(credentials);
      } else {
        this.listener = new HttpsListener(credentials, {
          headersTimeoutMs: options.headersTimeoutMs,
          requestTimeoutMs: options.requestTimeoutMs,
        }, (req, res) => void this.handler.handle(req, res));
      }
    } catch (error) {
      // The message of a failed key parse does not contain the key.
      log.error('TLS Secret unusable; keeping the current certificate', { secret: options.tlsSecret, error: (error as Error).message.slice(0, 200) });
      return;
    }
    log.info('TLS certificate loaded', { secret: options.tlsSecret, sha256: fingerprint, resourceVersion: secret?.metadata?.resourceVersion });
    this.credentialsLoaded?.();
  }
}
