import * as net from 'net';
import * as tls from 'tls';
import * as v8 from 'v8';
import * as vm from 'vm';

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
 * name/subject headers, then the connection is closed). The CA is parsed once per run (`trust`),
 * not per request, and the request is written and the answer read over a bare TLS socket rather
 * than through Node's HTTP client: both would only spend the load generator's CPU, which the
 * servers under test share (the 2 cores this runs on). Only a complete 200 answer counts.
 */
export function redeemOnce(target: RedemptionTarget, trust: tls.SecureContext, name: string): Promise<Sample> {
  const started = process.hrtime.bigint();
  const elapsedMs = (): number => Number(process.hrtime.bigint() - started) / 1e6;
  const { hostname, port, pathname, search, host } = target.url;
  const body = Buffer.from(target.code);
  const request = Buffer.concat([Buffer.from(`POST ${pathname}${search} HTTP/1.1\r\nHost: ${host}\r\nname: ${name}\r\nsubject: subject-${name}\r\n` +
    `Content-Length: ${body.length}\r\nConnection: close\r\n\r\n`), body]);
  return new Promise((resolve) => {
    const socket = tls.connect({ host: hostname, port: Number(port || 443), servername: net.isIP(hostname) ? undefined : hostname, secureContext: trust });
    const chunks: Buffer[] = [];
    let done = false;
    const finish = (status: number): void => {
      if (done) return;
      done = true;
      socket.destroy();
      resolve({ status, ms: elapsedMs() });
    };
    socket.setTimeout(60_000, () => finish(0));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', () => finish(completeAnswerStatus(Buffer.concat(chunks))));
    socket.on('error', () => finish(0));
    socket.write(request);
  });
}

/** The status of a whole HTTP/1.1 answer read until the server closed; 0 when it is cut short or unreadable. */
export function completeAnswerStatus(answer: Buffer): number {
  const headerEnd = answer.indexOf('\r\n\r\n');
  if (headerEnd < 0) return 0;
  const [statusLine, ...headerLines] = answer.subarray(0, headerEnd).toString('latin1').split('\r\n');
  const status = /^HTTP\/1\.[01] ([0-9]{3}) /.exec(statusLine + ' ')?.[1];
  if (!status) return 0;
  const header = (field: string): string | undefined =>
    headerLines.find((line) => line.toLowerCase().startsWith(`${field}:`))?.slice(field.length + 1).trim().toLowerCase();
  const bodyBytes = answer.length - headerEnd - 4;
  const contentLength = header('content-length');
  if (contentLength !== undefined) return Number(contentLength) === bodyBytes ? Number(status) : 0;
  if (header('transfer-encoding') === 'chunked') return answer.subarray(answer.length - 5).toString('latin1') === '0\r\n\r\n' ? Number(status) : 0;
  return Number(status); // delimited by the close
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

let fullGc: (() => void) | undefined;

/**
 * Collects this process's garbage now. Called before a load is measured (see bench-site.ts): the
 * load generator is a big process (ts-node), and a full collection of what it made before (kubectl
 * output, the previous load) otherwise lands inside some load, on the cores the servers under test
 * share (it did, in the same row of every run).
 */
export function collectGarbage(): void {
  if (!fullGc) {
    v8.setFlagsFromString('--expose-gc');
    fullGc = vm.runInNewContext('gc') as () => void;
  }
  fullGc();
}
