import * as fs from 'fs';
import type { ClusterPki } from './certificates';
import { kubectl } from './kubectl';
import { startProcess, ManagedProcess } from './managed-process';
import type { HasKubeconfig } from './test-cluster';
import { waitFor } from './wait-for';

/** Where the controller runs and keeps its own objects (the grant server's TLS Secret). */
export const SKUPPER_NAMESPACE = 'skupper';
const SKUPPER_CONTROLLER_NAME = 'skupper-controller';

export interface SkupperControllerOptions {
  readonly binary: string;
  readonly clusterDir: string;
  readonly adminKubeconfig: string;
  readonly pki: ClusterPki;
  /**
   * Enables Skupper's own AccessGrant server on this port (reached as https://127.0.0.1:<port>).
   * Skupper binds it on all interfaces (`:<port>`, no host flag exists); tests only ever use 127.0.0.1.
   */
  readonly grantServerPort?: number;
}

/**
 * Starts the real Skupper 2.2.1 controller as a process, watching every namespace of the cluster
 * (tests make namespaces of their own; cluster-wide needs no per-namespace `skupper` ConfigMap).
 * With no kubelet it still does all a real cluster gets from it: site CAs and certificates,
 * RouterAccess, Site status (Configured, Resolved, endpoints), the router ConfigMap, Link status.
 *
 * Access type `nodeport` with `-cluster-host 127.0.0.1` makes endpoints resolve on loopback with
 * no patching: each apiserver allocates node ports from a range of its own, and the tests start
 * each listening site's real router on 127.0.0.1:<nodePort>. (The alternative, patching a
 * LoadBalancer Service's status as a cloud would, is a hand-made status, which this harness avoids.)
 */
export async function startSkupperController(options: SkupperControllerOptions): Promise<ManagedProcess> {
  const cluster: HasKubeconfig = { kubeconfig: options.adminKubeconfig };
  await kubectl(cluster, ['create', 'namespace', SKUPPER_NAMESPACE]);
  const args = [
    '-kubeconfig', options.adminKubeconfig,
    '-namespace', SKUPPER_NAMESPACE,
    '-name', SKUPPER_CONTROLLER_NAME,
    '-disable-metrics',
    '-enabled-access-types', 'local,loadbalancer,nodeport',
    '-default-access-type', 'nodeport',
    '-cluster-host', '127.0.0.1',
  ];
  if (options.grantServerPort !== undefined) {
    const b64 = (file: string): string => fs.readFileSync(file).toString('base64');
    // Made before the controller starts, so its grant server serves TLS from the first request.
    await kubectl(cluster, ['apply', '-f', '-'], { input: JSON.stringify({
      apiVersion: 'v1', kind: 'Secret', type: 'kubernetes.io/tls', metadata: { name: 'skupper-grant-server', namespace: SKUPPER_NAMESPACE },
      data: { 'tls.crt': b64(options.pki.skupperGrantServerCert), 'tls.key': b64(options.pki.skupperGrantServerKey), 'ca.crt': b64(options.pki.caCert) },
    }) });
    args.push('-enable-grants', '-grant-server-port', String(options.grantServerPort), '-grant-server-base-url', `127.0.0.1:${options.grantServerPort}`);
  }
  const controller = startProcess({
    name: 'skupper-controller',
    dir: options.clusterDir,
    binary: options.binary,
    args,
    // Every flag also reads an environment variable (NAMESPACE, KUBECONFIG, HOSTNAME, SKUPPER_*): none may leak in.
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
  });
  // Ready once its informer caches have synced (what it logs next; it exposes no health endpoint
  // without metrics, and a pod's readiness probe is not available to a process).
  await waitFor('the Skupper controller to start', async () => {
    controller.assertRunning();
    return fs.readFileSync(controller.info.log, 'utf8').includes('msg="Starting event loop"');
  }, { timeoutMs: 60_000, intervalMs: 250 });
  return controller;
}
