import * as https from 'https';
import * as tls from 'tls';

/** Where one worker redeems: a grant's URL and its code (secret: never printed). */
export interface RedemptionTarget {
  readonly url: URL;
  readonly code: string;
}

/** One redemption's result. */
export interface Sample {
  readonly status: number;
  readonly ms: number;
}

/** Summary of a load run. */
export interface LoadResult {
  /** Successful redemptions per second of wall time. */
  readonly okPerSecond: number;
  /** Successful redemptions. */
  readonly okCount: number;
  /** Latency of the successful redemptions. */
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Failed requests by HTTP status (0: no answer). */
  readonly failures: Readonly<Record<string, number>>;
}

/**
 * POSTs the code to `url` as Skupper's redeemer does (TLS 1.3, fresh connection and full handshake,
 * name/subject headers). The CA is parsed once per run (`trust`), not per request: that would only
 * spend the load generator's CPU, which the servers under test share.
 */
export function redeemOnce(target: RedemptionTarget, trust: tls.SecureContext, name: string): Promise<Sample> {
  const started = process.hrtime.bigint();
  const elapsedMs = (): number => Number(process.hrtime.bigint() - started) / 1e6;
  return new Promise((resolve) => {
    const options: https.RequestOptions & tls.ConnectionOptions = {
      method: 'POST', secureContext: trust, minVersion: 'TLSv1.3', agent: false, timeout: 60_000, headers: { name, subject: `subject-${name}` },
    };
    const req = https.request(target.url, options, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: elapsedMs() }));
      res.on('error', () => resolve({ status: 0, ms: elapsedMs() }));
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', () => resolve({ status: 0, ms: elapsedMs() }));
    req.end(target.code);
  });
}

/**
 * Runs `total` redemptions with `concurrency` workers; worker `w` redeems `targets[w % targets.length]`
 * (one grant for all, or one per worker). Every redemption has a distinct name, so each counts.
 */
export async function runLoad(targets: readonly RedemptionTarget[], caPem: string, concurrency: number, total: number, tag: string): Promise<LoadResult> {
  const samples: Sample[] = [];
  const trust = tls.createSecureContext({ ca: caPem, minVersion: 'TLSv1.3' });
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: concurrency }, async (_, worker) => {
    for (let i = next++; i < total; i = next++) {
      samples.push(await redeemOnce(targets[worker % targets.length], trust, `${tag}-${i}`));
    }
  }));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const ok = samples.filter((s) => s.status === 200);
  const sorted = ok.map((s) => s.ms).sort((a, b) => a - b);
  const failures: Record<string, number> = {};
  for (const s of samples) if (s.status !== 200) failures[String(s.status)] = (failures[String(s.status)] ?? 0) + 1;
  return { okPerSecond: ok.length / seconds, okCount: ok.length, p50Ms: quantile(sorted, 0.5), p99Ms: quantile(sorted, 0.99), failures };
}

/** The q-quantile (nearest rank) of ascending `sorted` values; NaN when there are none. */
export function quantile(sorted: readonly number[], q: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}
