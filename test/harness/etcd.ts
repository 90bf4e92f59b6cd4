import * as path from 'path';
import { httpGet } from './http-get';
import { startProcess, ManagedProcess } from './managed-process';
import { waitFor } from './wait-for';

/** etcd's data folder inside a cluster folder (dropped when the cluster stops: only logs are kept). */
export const ETCD_DATA_DIR = 'etcd-data';

export interface EtcdOptions {
  readonly binary: string;
  /** Member name (the cluster's name). */
  readonly name: string;
  readonly clusterDir: string;
  readonly clientPort: number;
  readonly peerPort: number;
}

/**
 * Starts a single-member etcd on 127.0.0.1 (client and peer listeners), envtest-style, and waits
 * until /health reports true. fsync is off: test data need not survive a power cut.
 */
export async function startEtcd(options: EtcdOptions): Promise<{ process: ManagedProcess; url: string; dataDir: string }> {
  const clientUrl = `http://127.0.0.1:${options.clientPort}`;
  const peerUrl = `http://127.0.0.1:${options.peerPort}`;
  const dataDir = path.join(options.clusterDir, ETCD_DATA_DIR);
  const etcd = startProcess({
    name: 'etcd',
    dir: options.clusterDir,
    binary: options.binary,
    args: [
      `--name=${options.name}`,
      `--data-dir=${dataDir}`,
      `--listen-client-urls=${clientUrl}`,
      `--advertise-client-urls=${clientUrl}`,
      `--listen-peer-urls=${peerUrl}`,
      `--initial-advertise-peer-urls=${peerUrl}`,
      `--initial-cluster=${options.name}=${peerUrl}`,
      '--unsafe-no-fsync=true',
      '--log-level=warn',
    ],
  });
  await waitFor(
    `etcd on ${clientUrl}`,
    async () => {
      etcd.assertRunning();
      const res = await httpGet(`${clientUrl}/health`);
      return res.status === 200 && (JSON.parse(res.body) as { health?: string }).health === 'true';
    },
    { timeoutMs: 30_000, intervalMs: 100 },
  );
  return { process: etcd, url: clientUrl, dataDir };
}
