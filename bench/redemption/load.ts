import * as https from 'https';

/** One redemption's result. */
export interface Sample {
  readonly status: number;
  readonly ms: number;
}

/** Summary of a load run. */
export interface LoadResult {
  readonly requests: number;
  readonly ok: number;
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

/** POSTs the code to `url` as Skupper's redeemer does (TLS 1.3, fresh connection, name/subject headers). */
export function redeemOnce(url: URL, caPem: string, code: string, name: string): Promise<Sample> {
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const req = https.request(url, {
      method: 'POST', ca: caPem, minVersion: 'TLSv1.3', agent: false, timeout: 60_000, headers: { name, subject: `subject-${name}` },
    }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: Number(process.hrtime.bigint() - started) / 1e6 }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
    req.end(code);
  });
}

/**
 * Runs `total` redemptions with `concurrency` workers; worker `w` redeems `urls[w % urls.length]`
 * (one grant for all, or one per worker). Every redemption has a distinct name, so each counts.
 */
export async function runLoad(urls: readonly URL[], caPem: string, code: string, concurrency: number, total: number, tag: string): Promise<LoadResult> {
  const samples: Sample[] = [];
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: concurrency }, async (_, worker) => {
    for (let i = next++; i < total; i = next++) {
      samples.push(await redeemOnce(urls[worker % urls.length], caPem, code, `${tag}-${i}`));
    }
  }));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const sorted = samples.map((s) => s.ms).sort((a, b) => a - b);
  const quantile = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return {
    requests: samples.length,
    ok: samples.filter((s) => s.status === 200).length,
    perSecond: samples.length / seconds,
    p50Ms: quantile(0.5),
    p99Ms: quantile(0.99),
  };
}
