import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { httpGet } from './http-get';
import { kubectl } from './kubectl';
import { startProcess, ManagedProcess } from './managed-process';
import { runCommand } from './run-command';
import type { HasKubeconfig } from './test-cluster';
import { waitFor } from './wait-for';

/** Where the upstream chart (fullnameOverride=sealed-secrets-controller) installs the controller. */
export const SEALED_SECRETS_NAMESPACE = 'kube-system';
export const SEALED_SECRETS_SERVICE_ACCOUNT = 'sealed-secrets-controller';

/** client-go's rest.InClusterConfig() reads these fixed paths; the controller has no kubeconfig flag. */
const IN_CLUSTER_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

export interface SealedSecretsControllerOptions {
  readonly binary: string;
  readonly clusterDir: string;
  readonly adminKubeconfig: string;
  readonly caCert: string;
  readonly apiserverPort: number;
  readonly port: number;
  readonly metricsPort: number;
}

/**
 * RBAC of the upstream Helm chart (helm/sealed-secrets/templates, v0.36.6, default values):
 * the `secrets-unsealer` ClusterRole plus the `-key-admin` Role for its own sealing keys.
 * The service-proxier Role is left out: there is no Service/pod to proxy to here.
 */
function rbacManifest(): string {
  const ns = SEALED_SECRETS_NAMESPACE;
  const sa = SEALED_SECRETS_SERVICE_ACCOUNT;
  const subject = `[{kind: ServiceAccount, name: ${sa}, namespace: ${ns}}]`;
  return `
apiVersion: v1
kind: ServiceAccount
metadata: {name: ${sa}, namespace: ${ns}}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: secrets-unsealer}
rules:
  - {apiGroups: [bitnami.com], resources: [sealedsecrets], verbs: [get, list, watch]}
  - {apiGroups: [bitnami.com], resources: [sealedsecrets/status], verbs: [update]}
  - {apiGroups: [""], resources: [secrets], verbs: [get, list, create, update, delete, watch]}
  - {apiGroups: [""], resources: [events], verbs: [create, patch]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: ${sa}}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: secrets-unsealer}
subjects: ${subject}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: ${sa}-key-admin, namespace: ${ns}}
rules:
  - {apiGroups: [""], resources: [secrets], resourceNames: [sealed-secrets-key], verbs: [get]}
  - {apiGroups: [""], resources: [secrets], verbs: [create, list]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: ${sa}-key-admin, namespace: ${ns}}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: ${sa}-key-admin}
subjects: ${subject}
`;
}

/**
 * How the controller gets its own private /var/run: a mount namespace in which a folder of the
 * cluster is bind-mounted over /var/run, so each controller sees its own cluster's token and CA
 * and nothing is written outside the repo's .test-output. As root a plain mount namespace is
 * enough; otherwise an unprivileged user namespace (mapped to root inside) allows the same mount.
 */
let isolationFlags: Promise<string[]> | undefined;
export function mountNamespaceFlags(): Promise<string[]> {
  return (isolationFlags ??= chooseMountNamespaceFlags());
}

async function chooseMountNamespaceFlags(): Promise<string[]> {
  const candidates = [
    ['--mount', '--propagation', 'private'],
    ['--user', '--map-root-user', '--mount', '--propagation', 'private'],
  ];
  const probeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mount-probe-'));
  const errors: string[] = [];
  try {
    for (const flags of candidates) {
      try {
        await runCommand('unshare', [...flags, '--', 'sh', '-c', 'mount --bind "$0" /var/run && test -d /var/run', probeDir]);
        return flags;
      } catch (err) {
        errors.push((err as Error).message);
      }
    }
  } finally {
    fs.rmSync(probeDir, { recursive: true, force: true });
  }
  throw new Error(
    'cannot give the sealed-secrets controller a private /var/run/secrets (it only supports in-cluster config): ' +
      `neither a mount namespace nor a user+mount namespace is permitted here:\n${errors.join('\n')}`,
  );
}

/**
 * Creates the controller's ServiceAccount and RBAC, a TokenRequest token, and starts the
 * controller out of cluster, listening on 127.0.0.1 only. Waits until it serves its certificate.
 */
export async function startSealedSecretsController(options: SealedSecretsControllerOptions): Promise<{ process: ManagedProcess; certificateUrl: string }> {
  const admin: HasKubeconfig = { kubeconfig: options.adminKubeconfig };
  await kubectl(admin, ['apply', '-f', '-'], { input: rbacManifest() });
  const token = (
    await kubectl(admin, ['create', 'token', SEALED_SECRETS_SERVICE_ACCOUNT, '--namespace', SEALED_SECRETS_NAMESPACE, '--duration=24h'])
  ).trim();

  // <clusterDir>/sealed-secrets/var-run is what the controller sees as /var/run.
  const fakeVarRun = path.join(options.clusterDir, 'sealed-secrets', 'var-run');
  const serviceAccountDir = path.join(fakeVarRun, path.relative('/var/run', IN_CLUSTER_DIR));
  fs.mkdirSync(serviceAccountDir, { recursive: true, mode: 0o700 });
  fs.writeFileSync(path.join(serviceAccountDir, 'token'), token, { mode: 0o600 });
  fs.copyFileSync(options.caCert, path.join(serviceAccountDir, 'ca.crt'));
  fs.writeFileSync(path.join(serviceAccountDir, 'namespace'), SEALED_SECRETS_NAMESPACE);

  const controllerArgs = [
    `--listen-addr=127.0.0.1:${options.port}`,
    `--listen-metrics-addr=127.0.0.1:${options.metricsPort}`,
    '--key-size=2048', // 4096 (the default) only makes start-up slower
  ];
  const controller = startProcess({
    name: 'sealed-secrets-controller',
    dir: options.clusterDir,
    command: 'unshare',
    binary: options.binary,
    // sh mounts, then execs the controller, so the recorded pid ends up running the controller.
    args: [...(await mountNamespaceFlags()), '--', 'sh', '-c', 'mount --bind "$FAKE_VAR_RUN" /var/run && exec "$0" "$@"', options.binary, ...controllerArgs],
    env: {
      ...process.env,
      FAKE_VAR_RUN: fakeVarRun,
      KUBERNETES_SERVICE_HOST: '127.0.0.1',
      KUBERNETES_SERVICE_PORT: String(options.apiserverPort),
      POD_NAMESPACE: SEALED_SECRETS_NAMESPACE,
    },
  });
  const certificateUrl = `http://127.0.0.1:${options.port}/v1/cert.pem`;
  await waitFor(
    `sealed-secrets controller to serve ${certificateUrl}`,
    async () => {
      controller.assertRunning();
      return (await fetchCertificate(certificateUrl)) !== undefined;
    },
    { timeoutMs: 120_000, intervalMs: 250 },
  );
  return { process: controller, certificateUrl };
}

/** The current public sealing certificate (PEM) of a cluster's sealed-secrets controller. */
export async function fetchSealingCertificate(cluster: { readonly sealingCertificateUrl: string }): Promise<string> {
  const pem = await fetchCertificate(cluster.sealingCertificateUrl);
  if (pem === undefined) throw new Error(`no sealing certificate at ${cluster.sealingCertificateUrl}`);
  return pem;
}

async function fetchCertificate(url: string): Promise<string | undefined> {
  const res = await httpGet(url);
  if (res.status !== 200) throw new Error(`GET ${url}: ${res.status} ${res.body.slice(0, 300)}`);
  return res.body.includes('-----BEGIN CERTIFICATE-----') ? res.body : undefined;
}
