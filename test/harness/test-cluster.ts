import type { ProcessInfo } from './managed-process';

/**
 * Connection info of one running test cluster. Plain data: globalSetup writes it to a JSON file
 * that test files (which run in other module contexts or worker processes) read back.
 */
export interface TestCluster {
  readonly name: string;
  /** Working folder: logs/, pids/, pki/, kubeconfigs and etcd data. */
  readonly dir: string;
  readonly logsDir: string;
  /** https://127.0.0.1:<port> */
  readonly server: string;
  /** Admin kubeconfig (client certificate in system:masters). */
  readonly kubeconfig: string;
  /** CA certificate (PEM file) that signed the apiserver's serving certificate. */
  readonly caCertificate: string;
  readonly ports: {
    readonly etcdClient: number;
    readonly etcdPeer: number;
    readonly apiserver: number;
    readonly sealedSecrets: number;
    readonly sealedSecretsMetrics: number;
    /** Skupper's own AccessGrant server (https://127.0.0.1:<port>), on clusters started with it. */
    readonly skupperGrantServer?: number;
  };
  /** Node ports this cluster's apiserver allocates (disjoint between clusters). */
  readonly nodePortRange: string;
  /** CA (PEM file) of Skupper's own grant server certificate, on clusters started with it. */
  readonly skupperGrantServerCa?: string;
  /** Namespace and ServiceAccount the sealed-secrets controller runs as. */
  readonly sealedSecretsController: { readonly namespace: string; readonly serviceAccount: string };
  /** GET returns the controller's current public sealing certificate (PEM). */
  readonly sealingCertificateUrl: string;
  /** Every process of this cluster, in start order. */
  readonly processes: readonly ProcessInfo[];
  /** How long each start-up phase took, in milliseconds. */
  readonly startupMs: Readonly<Record<string, number>>;
}

/** Anything kubectl can talk to: a TestCluster, or a cluster still starting. */
export interface HasKubeconfig {
  readonly kubeconfig: string;
}
