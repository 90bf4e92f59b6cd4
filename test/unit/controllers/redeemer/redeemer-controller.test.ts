import { KubeConfig } from '@kubernetes/client-node';
import { Logger } from '../../../../lib/controllers/machinery/logger';
import { RedeemerController } from '../../../../lib/controllers/redeemer/redeemer-controller';
import { httpGet } from '../../../harness/http-get';

// Start-up and shutdown when the API server cannot be reached (nothing listens on port 1).
test('stays unready while it cannot list, serves /healthz, and stops promptly all the same', async () => {
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromOptions({
    clusters: [{ name: 'nowhere', server: 'https://127.0.0.1:1', skipTLSVerify: true }],
    users: [{ name: 'nobody', token: 'not-a-token' }],
    contexts: [{ name: 'nowhere', cluster: 'nowhere', user: 'nobody' }],
    currentContext: 'nowhere',
  });
  const lines: string[] = [];
  const redeemer = new RedeemerController({ kube: { kubeConfig, namespace: 'east' }, listen: { host: '127.0.0.1', port: 0 }, log: new Logger({}, line => lines.push(line)) });
  await redeemer.start();
  const url = (path: string): string => `http://127.0.0.1:${redeemer.port}${path}`;
  expect((await httpGet(url('/healthz'))).status).toBe(200);
  expect((await httpGet(url('/readyz'))).status).toBe(503);
  expect((await httpGet(url('/metrics'))).body).toContain('cdk8s_skupper_token_redemptions_total');

  // Stopping ends the retrying watches at once (the test's own timeout bounds it; no wall-clock assertion).
  await redeemer.stop();
  await redeemer.ready;
  await expect(httpGet(url('/healthz'))).rejects.toThrow(); // closed
  expect(lines.map(line => JSON.parse(line).msg)).toContain('watch failed; restarting');
});
