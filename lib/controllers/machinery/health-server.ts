import * as http from 'http';
import { RuntimeMetrics } from './metrics';

/** Serves /healthz (alive), /readyz (caches synced, servers listening) and /metrics. */
export class HealthServer {
  private readonly server: http.Server;
  private ready = false;

  public constructor(private readonly metrics: RuntimeMetrics) {
    this.server = http.createServer((req, res) => void this.handle(req, res));
  }

  /** Listens on `host:port` (port 0 picks a free one); resolves to the bound port. */
  public async listen(host: string, port: number): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => resolve());
    });
    return (this.server.address() as { port: number }).port;
  }

  public setReady(ready: boolean): void {
    this.ready = ready;
  }

  public async close(): Promise<void> {
    await new Promise<void>(resolve => this.server.close(() => resolve()));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (req.url === '/healthz') {
      res.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok\n');
    } else if (req.url === '/readyz') {
      res.writeHead(this.ready ? 200 : 503, { 'Content-Type': 'text/plain' }).end(this.ready ? 'ok\n' : 'not ready\n');
    } else if (req.url === '/metrics') {
      res.writeHead(200, { 'Content-Type': this.metrics.registry.contentType }).end(await this.metrics.registry.metrics());
    } else {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found\n');
    }
  }
}
