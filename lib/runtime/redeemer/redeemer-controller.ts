import { describeError } from '../describe-error';
import { Informer } from '../informer';
import { HealthServer } from '../health-server';
import type { KubeContext } from '../kube-context';
import type { Logger } from '../logger';
import { RuntimeMetrics } from '../metrics';
import { LINK_TOKENS, SKUPPER_LINKS, SKUPPER_SITES } from '../resource-types';
import { ReconcileResult, WorkQueue } from '../work-queue';
import { postRedemption, RedemptionAnswer, RedemptionRequest } from './grant-server-client';
import { KubeRedeemerCluster } from './kube-redeemer-cluster';
import { tokenOf } from './received-objects';
import { LinkToken, SkupperLink, SkupperSite } from './resources';
import { TokenReconciler } from './token-reconciler';

export interface RedeemerOptions {
  readonly kube: KubeContext;
  /** Where /healthz, /readyz and /metrics are served (port 0: any free port). */
  readonly listen: { readonly host: string; readonly port: number };
  readonly log: Logger;
  /** How a redemption is sent. @default postRedemption */
  readonly redeem?: (request: RedemptionRequest) => Promise<RedemptionAnswer>;
}

/** A started redeemer. */
export interface RunningRedeemer {
  /** The port of the health and metrics server. */
  readonly port: number;
  /** Resolves once every cache has synced (and /readyz answers 200), or on stop. */
  readonly ready: Promise<void>;
  /** Stops watching, lets running reconciles finish, closes the health server. */
  stop(): Promise<void>;
}

/**
 * The redeemer: watches the LinkTokens, Sites and Links of one namespace and reconciles each
 * LinkToken (TokenReconciler) from a work queue. Ready once every cache has synced.
 */
export async function startRedeemer(options: RedeemerOptions): Promise<RunningRedeemer> {
  const { kube, log } = options;
  const { kubeConfig, namespace } = kube;
  const metrics = new RuntimeMetrics();
  const health = new HealthServer(metrics);
  const port = await health.listen(options.listen.host, options.listen.port);

  const running = new Set<Promise<ReconcileResult>>();
  let stopping = false;

  const queue = new WorkQueue(
    name => {
      const reconcile = reconciler.reconcile(name);
      running.add(reconcile);
      void reconcile.finally(() => running.delete(reconcile)).catch(() => undefined);
      return reconcile;
    },
    (name, error) => {
      metrics.reconcileErrors.inc({ controller: 'redeemer' });
      log.error('reconcile failed', { token: name, error: describeError(error) });
    },
  );
  const enqueueAllTokens = (): void => tokens.list().forEach(token => queue.add(token.metadata!.name!));

  const sites = new Informer<SkupperSite>(kubeConfig, SKUPPER_SITES, namespace, log, enqueueAllTokens);
  const links = new Informer<SkupperLink>(kubeConfig, SKUPPER_LINKS, namespace, log, link => {
    const token = tokenOf(link);
    if (token !== undefined) queue.add(token);
  });
  const tokens = new Informer<LinkToken>(kubeConfig, LINK_TOKENS, namespace, log, token => queue.add(token.metadata!.name!));
  // Sites and Links first: token events start reconciles, which must find those caches filled.
  const informers = [sites, links, tokens];
  const stopWatching = (): Promise<unknown> => Promise.all(informers.map(informer => informer.stop()));

  const cluster = new KubeRedeemerCluster(kubeConfig, namespace, tokens, sites, log);
  const reconciler = new TokenReconciler({ namespace, cluster, redeem: options.redeem ?? postRedemption, metrics, log });

  // In the background, so that a stop during start-up (say, an unreachable API server) is prompt.
  const startup = (async () => {
    for (const informer of informers) {
      if (stopping) return;
      await informer.start(); // once listed (retrying until then), or stopped
    }
    if (stopping) return;
    health.setReady(true);
    log.info('caches synced; redeemer ready', { port });
  })().catch(error => {
    // Stays unready: the readiness probe tells, and the log says why.
    log.error('start-up failed', { error: describeError(error) });
  });

  return {
    port,
    ready: startup,
    async stop(): Promise<void> {
      stopping = true;
      health.setReady(false);
      queue.stop();
      await stopWatching(); // before awaiting start-up: an informer still waiting to sync gives up on stop
      await startup;
      await Promise.allSettled([...running]);
      await health.close();
    },
  };
}
