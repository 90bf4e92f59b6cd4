import * as fs from 'fs';
import * as http from 'http';
import * as https from 'https';

export interface HttpResponse {
  readonly status: number;
  readonly body: string;
}

/** GET over http or https (trusting only `caFile`, if given). Never follows redirects. */
export function httpGet(url: string, options: { caFile?: string; timeoutMs?: number } = {}): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    const onResponse = (res: http.IncomingMessage): void => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    };
    const timeout = options.timeoutMs ?? 5_000;
    const req = url.startsWith('https:')
      ? https.get(url, { ca: options.caFile ? fs.readFileSync(options.caFile) : undefined, timeout }, onResponse)
      : http.get(url, { timeout }, onResponse);
    req.on('timeout', () => req.destroy(new Error(`GET ${url} timed out`)));
    req.on('error', reject);
  });
}
