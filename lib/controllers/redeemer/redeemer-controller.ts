import { describeError } from '../../kube-client/api-errors';
import { Informer } from '../machinery/informer';
import { HealthServer } from '../machinery/health-server';
import type { KubeContext } from '../../kube-client/kube-config';
import type { Logger } from '../machinery/logger';
import { RuntimeMetrics } from '../machinery/metrics';
import { LINK_TOKENS, SKUPPER_LINKS, SKUPPER_SITES } from '../../api/resource-types';
import { ReconcileResult, WorkQueue } from '../machinery/work-queue';
import { postRedemption, RedemptionAnswer, RedemptionRequest } from './grant-server-client';
import { KubeRedeemerCluster } from './kube-redeemer-cluster';
import { tokenOf } from './received-objects';
import { LinkToken } from '../../api/link-token';
import { SkupperLink, SkupperSite } from '../../api/skupper';
import { TokenReconciler } from './token-reconciler';

export interface RedeemerOptions {
  readonly kube: KubeContext;
  /** Where /healthz, /readyz and /metrics are served (port 0: any free port). */
  readonly listen: { readonly host: string; readonly port: number };
  readonly log: Logger;
  /** How a redemption is sent. @default postRedemption */
  readonly redeem?: (request: RedemptionRequest) => Promise<RedemptionAnswer>;
}

/**
 * The redeemer: watches the LinkTokens, Sites and Links of one namespace and reconciles each
 * LinkToken (TokenReconciler) from a work queue. Ready once every cache has synced.
 */
export class RedeemerController {
  private readonly metrics = new RuntimeMetrics();
  private readonly health = new HealthServer(this.metrics);
  private readonly queue: WorkQueue;
  private readonly tokens: Informer<LinkToken>;
  /** Sites and Links first: token events start reconciles, which must find those caches filled. */
  private readonly informers: readonly Informer<SkupperSite | SkupperLink | LinkToken>[];
  private readonly reconciler: TokenReconciler;
  private readonly running = new Set<Promise<ReconcileResult>>();
  private stopping = false;
  private startup: Promise<void> = Promise.resolve();
  private portValue?: number;

  public constructor(private readonly options: RedeemerOptions) {
    const { kube: { kubeConfig, namespace }, log } = options;
    this.queue = new WorkQueue(
      name => {
        const reconcile = this.reconciler.reconcile(name);
        this.running.add(reconcile);
        void reconcile.finally(() => this.running.delete(reconcile)).catch(() => undefined);
        return reconcile;
      },
      (name, error) => {
        this.metrics.reconcileErrors.inc({ controller: 'redeemer' });
        log.error('reconcile failed', { token: name, error: describeError(error) });
      },
    );
    const enqueueAllTokens = (): void => this.tokens.list().forEach(token => this.queue.add(token.metadata!.name!));
    const sites = new Informer<SkupperSite>(kubeConfig, SKUPPER_SITES, namespace, log, enqueueAllTokens);
    const links = new Informer<SkupperLink>(kubeConfig, SKUPPER_LINKS, namespace, log, link => {
      const token = tokenOf(link);
      if (token !== undefined) this.queue.add(token);
    });
    this.tokens = new Informer<LinkToken>(kubeConfig, LINK_TOKENS, namespace, log, token => this.queue.add(token.metadata!.name!));
    this.informers = [sites, links, this.tokens];
    const cluster = new KubeRedeemerCluster(kubeConfig, namespace, this.tokens, sites, links, log);
    this.reconciler = new TokenReconciler({
      namespace, cluster, redeem: options.redeem ?? postRedemption, metrics: this.metrics, log,
      reconcileSoon: (name, afterMs) => (afterMs === undefined ? this.queue.add(name) : this.queue.addAfter(name, afterMs)),
    });
  }

  /** The port of the health and metrics server, once started. */
  public get port(): number | undefined {
    return this.portValue;
  }

  /** Resolves once every cache has synced (and /readyz answers 200), or on stop. */
  public get ready(): Promise<void> {
    return this.startup;
  }

  /** Serves /healthz, /readyz and /metrics, then syncs the caches in the background; resolves with the health port. */
  public async start(): Promise<number> {
    const { log } = this.options;
    const port = await this.health.listen(this.options.listen.host, this.options.listen.port);
    this.portValue = port;
    // In the background, so that a stop during start-up (say, an unreachable API server) is prompt.
    this.startup = (async () => {
      for (const informer of this.informers) {
        if (this.stopping) return;
        await informer.start(); // once listed (retrying until then), or stopped
      }
      if (this.stopping) return;
      this.health.setReady(true);
      log.info('caches synced; redeemer ready', { port });
    })().catch(error => {
      // Stays unready: the readiness probe tells, and the log says why.
      log.error('start-up failed', { error: describeError(error) });
    });
    return port;
  }

  /** Stops watching, lets running reconciles finish, closes the health server. */
  public async stop(): Promise<void> {
    this.stopping = true;
    this.health.setReady(false);
    this.queue.stop();
    await Promise.all(this.informers.map(informer => informer.stop())); // before awaiting start-up: an informer still waiting to sync gives up on stop
    await this.startup;
    await Promise.allSettled([...this.running]);
    await this.health.close();
  }
}
