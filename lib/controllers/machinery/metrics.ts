import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The runtime's Prometheus metrics (one registry per process). */
export class RuntimeMetrics {
  public readonly registry = new Registry();
  /** Redemptions served by the grant server, by outcome (issued, reissued, refused, not_found, exhausted, expired, error, rate_limited). */
  public readonly redemptions = new Counter({
    name: 'cdk8s_skupper_redemptions_total', help: 'Grant redemptions handled, by outcome', labelNames: ['outcome'], registers: [this.registry],
  });
  /** Time to answer a redemption request. */
  public readonly redemptionDuration = new Histogram({
    name: 'cdk8s_skupper_redemption_duration_seconds', help: 'Time to answer a redemption request', labelNames: ['outcome'],
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers: [this.registry],
  });
  /** Token redemptions attempted by the redeemer, by outcome. */
  public readonly tokenRedemptions = new Counter({
    name: 'cdk8s_skupper_token_redemptions_total', help: 'Token redemptions attempted by the redeemer, by outcome', labelNames: ['outcome'],
    registers: [this.registry],
  });
  /** Reconciles that failed, by controller. */
  public readonly reconcileErrors = new Counter({
    name: 'cdk8s_skupper_reconcile_errors_total', help: 'Reconciles that failed, by controller', labelNames: ['controller'], registers: [this.registry],
  });

  public constructor() {
    collectDefaultMetrics({ register: this.registry });
  }
}
