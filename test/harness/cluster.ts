import * as fs from 'fs';
import * as path from 'path';
import type { TestBinaries } from '../support/binaries';
import { createClusterPki } from './certificates';
import { installCrds } from './crds';
import { ETCD_DATA_DIR, startEtcd } from './etcd';
import { freePorts } from './free-ports';
import { startKubeApiserver } from './kube-apiserver';
import { startKubeControllerManager } from './kube-controller-manager';
import { writeKubeconfig } from './kubeconfig-files';
import { ManagedProcess, stopInOrder } from './managed-process';
import { peakRssKib } from './process-liveness';
import {
  SEALED_SECRETS_NAMESPACE,
  SEALED_SECRETS_SERVICE_ACCOUNT,
  startSealedSecretsController,
} from './sealed-secrets-controller';
import { startSkupperController } from './skupper-controller';
import type { TestCluster } from './test-cluster';

/**
 * Node ports each cluster's apiserver hands out. Skupper's `nodeport` access puts them into Site
 * endpoints as 127.0.0.1:<nodePort>, where the tests start the listening site's router; disjoint
 * ranges keep two clusters from ever giving two routers the same loopback port. All below the
 * kernel's ephemeral range (32768+), so no client socket takes them either.
 */
const NODE_PORT_RANGES: Readonly<Record<string, string>> = {
  west: '30000-30799',
  east: '30800-31599',
  north: '31600-32399',
  // bench/redemption's cluster (its own run, never beside the test clusters' routers).
  bench: '32400-32767',
};

export interface StartClusterOptions {
  /** Also run Skupper's own AccessGrant server (on a free port) in this cluster's Skupper controller. */
  readonly skupperGrantServer?: boolean;
}

/** A cluster started by this process: its connection info plus the handles to stop it. */
export interface RunningCluster {
  readonly info: TestCluster;
  /** In start order; stopped in reverse (controllers, then kube-apiserver, then etcd). */
  readonly processes: readonly ManagedProcess[];
}

/**
 * Starts one "cluster": its own etcd, kube-apiserver, kube-controller-manager, sealed-secrets
 * controller and Skupper controller, all on free ports of 127.0.0.1, with the CRDs installed.
 *
 * One etcd per cluster rather than a shared one with distinct --etcd-prefix: the clusters then
 * share no process, no revision counter and no compaction, so they are as independent as real
 * ones, and one can be stopped without touching the other. It costs one small process each
 * (tens of MB, well under a second to start).
 */
export async function startCluster(name: string, runDir: string, binaries: TestBinaries, options: StartClusterOptions = {}): Promise<RunningCluster> {
  const nodePortRange = NODE_PORT_RANGES[name];
  if (!nodePortRange) throw new Error(`no node-port range for test cluster ${name}; add one to NODE_PORT_RANGES (known: ${Object.keys(NODE_PORT_RANGES).join(', ')})`);
  const dir = path.join(runDir, name);
  fs.mkdirSync(dir, { recursive: true });
  const processes: ManagedProcess[] = [];
  const startupMs: Record<string, number> = {};
  const phase = async <T>(label: string, run: () => Promise<T>): Promise<T> => {
    const started = Date.now();
    const result = await run();
    startupMs[label] = Date.now() - started;
    return result;
  };

  try {
    const [etcdClient, etcdPeer, apiserverPort, sealedSecretsPort, sealedSecretsMetricsPort, grantServerPort] = await freePorts(6);
    const skupperGrantServerPort = options.skupperGrantServer ? grantServerPort : undefined;
    const pki = await phase('certificates', () => createClusterPki(dir, name));

    const etcd = await phase('etcd', () => startEtcd({ binary: binaries.etcd, name, clusterDir: dir, clientPort: etcdClient, peerPort: etcdPeer }));
    processes.push(etcd.process);

    const apiserver = await phase('kube-apiserver', () =>
      startKubeApiserver({ binary: binaries.kubeApiserver, clusterDir: dir, pki, etcdUrl: etcd.url, port: apiserverPort, nodePortRange }),
    );
    processes.push(apiserver.process);
    const kubeconfig = writeKubeconfig({
      file: path.join(dir, 'admin.kubeconfig'),
      clusterName: name,
      userName: 'admin',
      server: apiserver.server,
      caCert: pki.caCert,
      credentials: { clientCertificate: pki.adminCert, clientKey: pki.adminKey },
    });
    const controllerManagerKubeconfig = writeKubeconfig({
      file: path.join(dir, 'kube-controller-manager.kubeconfig'),
      clusterName: name,
      userName: 'system:kube-controller-manager',
      server: apiserver.server,
      caCert: pki.caCert,
      credentials: { clientCertificate: pki.controllerManagerCert, clientKey: pki.controllerManagerKey },
    });

    // The controller manager and the CRDs do not depend on each other.
    const [kcm] = await Promise.all([
      phase('kube-controller-manager', () =>
        startKubeControllerManager({ binary: binaries.kubeControllerManager, clusterDir: dir, pki, kubeconfig: controllerManagerKubeconfig, adminKubeconfig: kubeconfig }),
      ),
      phase('crds', () => installCrds({ kubeconfig })),
    ]);
    processes.push(kcm);

    const sealedSecrets = await phase('sealed-secrets-controller', () =>
      startSealedSecretsController({
        binary: binaries.sealedSecretsController,
        clusterDir: dir,
        adminKubeconfig: kubeconfig,
        caCert: pki.caCert,
        apiserverPort,
        port: sealedSecretsPort,
        metricsPort: sealedSecretsMetricsPort,
      }),
    );
    processes.push(sealedSecrets.process);

    const skupper = await phase('skupper-controller', () =>
      startSkupperController({ binary: binaries.skupperController, clusterDir: dir, adminKubeconfig: kubeconfig, pki, grantServerPort: skupperGrantServerPort }),
    );
    processes.push(skupper);

    const info: TestCluster = {
      name,
      dir,
      logsDir: path.join(dir, 'logs'),
      server: apiserver.server,
      kubeconfig,
      caCertificate: pki.caCert,
      ports: { etcdClient, etcdPeer, apiserver: apiserverPort, sealedSecrets: sealedSecretsPort, sealedSecretsMetrics: sealedSecretsMetricsPort, skupperGrantServer: skupperGrantServerPort },
      nodePortRange,
      skupperGrantServerCa: skupperGrantServerPort === undefined ? undefined : pki.caCert,
      sealedSecretsController: { namespace: SEALED_SECRETS_NAMESPACE, serviceAccount: SEALED_SECRETS_SERVICE_ACCOUNT },
      sealingCertificateUrl: sealedSecrets.certificateUrl,
      processes: processes.map((p) => p.info),
      startupMs,
    };
    return { info, processes };
  } catch (err) {
    // A half-started cluster must not outlive the failure.
    await stopInOrder([...processes].reverse());
    (err as Error).message = `starting test cluster ${name} (logs in ${path.join(dir, 'logs')}): ${(err as Error).message}`;
    throw err;
  }
}

/** Peak RSS (VmHWM, KiB) of each process of a running cluster, keyed by process name. */
export function peakMemory(cluster: RunningCluster): Record<string, number | undefined> {
  return Object.fromEntries(cluster.processes.map((p) => [p.info.name, peakRssKib(p.info.pid)]));
}

/** Stops a cluster's processes, newest first (apiserver before etcd), and drops its etcd data. */
export async function stopCluster(cluster: RunningCluster): Promise<void> {
  await stopInOrder([...cluster.processes].reverse());
  fs.rmSync(path.join(cluster.info.dir, ETCD_DATA_DIR), { recursive: true, force: true });
}
