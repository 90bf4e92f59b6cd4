import * as path from 'path';
import type { ClusterPki } from './certificates';
import { httpGet } from './http-get';
import { startProcess, ManagedProcess } from './managed-process';
import { waitFor } from './wait-for';

export interface KubeApiserverOptions {
  readonly binary: string;
  readonly clusterDir: string;
  readonly pki: ClusterPki;
  readonly etcdUrl: string;
  readonly port: number;
  /** `--service-node-port-range`, e.g. `30000-30799`. */
  readonly nodePortRange: string;
}

/**
 * Starts kube-apiserver on 127.0.0.1 with the flags of the reference recipe (section 3.2) and
 * waits for /readyz. Differences from envtest: the ServiceAccount admission plugin stays on,
 * because kube-controller-manager runs and creates the `default` ServiceAccounts.
 */
export async function startKubeApiserver(options: KubeApiserverOptions): Promise<{ process: ManagedProcess; server: string }> {
  const server = `https://127.0.0.1:${options.port}`;
  const { pki } = options;
  const apiserver = startProcess({
    name: 'kube-apiserver',
    dir: options.clusterDir,
    binary: options.binary,
    args: [
      `--etcd-servers=${options.etcdUrl}`,
      '--bind-address=127.0.0.1',
      `--secure-port=${options.port}`,
      // Loopback as advertise address keeps everything on 127.0.0.1; Endpoints validation rejects
      // loopback IPs, so the `kubernetes` Service endpoints are not reconciled at all.
      '--advertise-address=127.0.0.1',
      '--endpoint-reconciler-type=none',
      `--cert-dir=${path.join(options.clusterDir, 'apiserver-cert-dir')}`,
      `--tls-cert-file=${pki.servingCert}`,
      `--tls-private-key-file=${pki.servingKey}`,
      `--client-ca-file=${pki.caCert}`,
      `--service-account-issuer=${server}`,
      `--service-account-key-file=${pki.serviceAccountKey}`,
      `--service-account-signing-key-file=${pki.serviceAccountKey}`,
      '--service-cluster-ip-range=10.0.0.0/24',
      `--service-node-port-range=${options.nodePortRange}`,
      '--authorization-mode=RBAC',
      '--allow-privileged=true',
      '--profiling=false',
      '--v=1',
    ],
  });
  await waitFor(
    `kube-apiserver /readyz on ${server}`,
    async () => {
      apiserver.assertRunning();
      const res = await httpGet(`${server}/readyz`, { caFile: pki.caCert });
      if (res.status !== 200) throw new Error(`/readyz ${res.status}: ${res.body.slice(0, 500)}`);
      return true;
    },
    { timeoutMs: 120_000, intervalMs: 250 },
  );
  return { process: apiserver, server };
}
