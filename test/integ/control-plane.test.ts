// Proves the integration test bed: two independent real control planes (etcd + kube-apiserver +
// kube-controller-manager) with our CRDs and a sealed-secrets controller each, all on 127.0.0.1.
import * as fs from 'fs';
import * as path from 'path';
import { ApiException, CoreV1Api } from '@kubernetes/client-node';
import { parse } from 'yaml';
import { testBinaries } from '../support/binaries';
import { crdFiles } from '../harness/crds';
import { kubeConfigFor } from '../harness/kube-client';
import { kubectl } from '../harness/kubectl';
import { createTestNamespace } from '../harness/namespaces';
import { runCommand } from '../harness/run-command';
import { fetchSealingCertificate } from '../harness/sealed-secrets-controller';
import { kubeconfigForServiceAccount } from '../harness/service-account-kubeconfig';
import type { TestCluster } from '../harness/test-cluster';
import { testClusters } from '../harness/test-clusters';
import { waitFor } from '../harness/wait-for';

const { west, east } = testClusters();
const clusters = [west, east];

/** Resolves to the HTTP status of a failed client-node call, or 'ok'. */
async function statusOf(call: Promise<unknown>): Promise<number | 'ok'> {
  try {
    await call;
    return 'ok';
  } catch (err) {
    if (err instanceof ApiException) return err.code;
    throw err;
  }
}

async function absent(cluster: TestCluster, kind: string, name: string, namespace?: string): Promise<boolean> {
  const ns = namespace ? ['--namespace', namespace] : [];
  return (await kubectl(cluster, ['get', kind, name, ...ns, '--ignore-not-found', '-o', 'name'])).trim() === '';
}

describe.each(clusters)('cluster $name', (cluster) => {
  const core = kubeConfigFor(cluster).makeApiClient(CoreV1Api);

  test('answers /version with v1.36.3', async () => {
    const version = JSON.parse(await kubectl(cluster, ['get', '--raw', '/version'])) as { gitVersion: string };
    expect(version.gitVersion).toBe('v1.36.3');
  });

  test('has the Skupper, SealedSecret and cdk8s-skupper CRDs established', async () => {
    const expected = crdFiles().map((file) => (parse(fs.readFileSync(file, 'utf8')) as { metadata: { name: string } }).metadata.name);
    expect(expected).toEqual(expect.arrayContaining(['sites.skupper.io', 'sealedsecrets.bitnami.com', 'linkgrants.cdk8s-skupper.io', 'linktokens.cdk8s-skupper.io']));
    const crds = JSON.parse(await kubectl(cluster, ['get', 'customresourcedefinitions', '-o', 'json'])) as {
      items: { metadata: { name: string }; status?: { conditions?: { type: string; status: string }[] } }[];
    };
    const established = crds.items
      .filter((crd) => crd.status?.conditions?.some((c) => c.type === 'Established' && c.status === 'True'))
      .map((crd) => crd.metadata.name);
    expect(established).toEqual(expect.arrayContaining(expected));
  });

  test('kube-controller-manager finishes deleting a namespace', async () => {
    const namespace = await createTestNamespace(cluster, 'delete-me');
    await core.createNamespacedConfigMap({ namespace, body: { metadata: { name: 'content' }, data: { a: 'b' } } });
    await kubectl(cluster, ['delete', 'namespace', namespace, '--wait=false']);
    await waitFor(`namespace ${namespace} to be deleted`, () => absent(cluster, 'namespace', namespace), { timeoutMs: 60_000 });
  });

  test('kube-controller-manager garbage-collects a ConfigMap whose owner was deleted', async () => {
    const namespace = await createTestNamespace(cluster, 'gc');
    const owner = await core.createNamespacedConfigMap({ namespace, body: { metadata: { name: 'owner' } } });
    await core.createNamespacedConfigMap({
      namespace,
      body: {
        metadata: { name: 'dependent', ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: owner.metadata!.uid! }] },
      },
    });
    await core.deleteNamespacedConfigMap({ name: 'owner', namespace, propagationPolicy: 'Background' });
    await waitFor('the dependent ConfigMap to be garbage-collected', async () => (await statusOf(core.readNamespacedConfigMap({ name: 'dependent', namespace }))) === 404, {
      timeoutMs: 60_000,
    });
  });

  test('a ServiceAccount kubeconfig gets exactly what its Role allows', async () => {
    const namespace = await createTestNamespace(cluster, 'rbac');
    await kubectl(cluster, ['apply', '--namespace', namespace, '-f', '-'], {
      input: `
apiVersion: v1
kind: ServiceAccount
metadata: {name: reader}
---
apiVersion: v1
kind: Secret
metadata: {name: readable}
stringData: {value: visible}
---
apiVersion: v1
kind: Secret
metadata: {name: other}
stringData: {value: hidden}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: read-one-secret}
rules:
  - {apiGroups: [""], resources: [secrets], resourceNames: [readable], verbs: [get]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: reader-reads-one-secret}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: read-one-secret}
subjects: [{kind: ServiceAccount, name: reader, namespace: ${namespace}}]
`,
    });
    const kubeconfig = await kubeconfigForServiceAccount(cluster, namespace, 'reader', 600);
    const asReader = kubeConfigFor(cluster, kubeconfig).makeApiClient(CoreV1Api);

    // The RBAC authorizer works from an informer cache: the new binding takes a moment to apply.
    const secret = await waitFor('the reader to be allowed to get the readable Secret', () => asReader.readNamespacedSecret({ name: 'readable', namespace }), {
      timeoutMs: 30_000,
    });
    expect(Buffer.from(secret.data!.value, 'base64').toString()).toBe('visible');
    expect(await statusOf(asReader.listNamespacedSecret({ namespace }))).toBe(403);
    expect(await statusOf(asReader.readNamespacedSecret({ name: 'other', namespace }))).toBe(403);
    expect(await statusOf(asReader.listNamespacedConfigMap({ namespace }))).toBe(403);
    // kubectl with the same kubeconfig sees the same.
    await expect(kubectl(cluster, ['get', 'secrets', '--namespace', namespace], { kubeconfig })).rejects.toThrow(/forbidden/);
  });

  test('the sealed-secrets controller serves the certificate of this cluster’s sealing key', async () => {
    const served = await fetchSealingCertificate(cluster);
    const keys = JSON.parse(
      await kubectl(cluster, ['get', 'secrets', '--namespace', cluster.sealedSecretsController.namespace, '-l', 'sealedsecrets.bitnami.com/sealed-secrets-key=active', '-o', 'json']),
    ) as { items: { data: Record<string, string> }[] };
    expect(keys.items).toHaveLength(1);
    expect(Buffer.from(keys.items[0].data['tls.crt'], 'base64').toString().trim()).toBe(served.trim());
  });

  test('the sealed-secrets controller unseals a SealedSecret made with kubeseal', async () => {
    const namespace = await createTestNamespace(cluster, 'unseal');
    const certFile = path.join(cluster.dir, `sealing-cert-${namespace}.pem`);
    fs.writeFileSync(certFile, await fetchSealingCertificate(cluster));
    const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', namespace }, stringData: { password: `s3cret-${cluster.name}` } };
    const sealed = await runCommand(testBinaries().kubeseal, ['--cert', certFile, '-o', 'yaml'], {
      input: JSON.stringify(secret),
      env: { ...process.env, KUBECONFIG: cluster.kubeconfig },
    });
    expect(sealed).toContain('kind: SealedSecret');
    expect(sealed).not.toContain(`s3cret-${cluster.name}`);
    await kubectl(cluster, ['apply', '-f', '-'], { input: sealed });

    // Errors (404 until the controller has acted) count as "not yet".
    const unsealed = await waitFor('the controller to create the Secret', () => core.readNamespacedSecret({ name: 'db', namespace }), { timeoutMs: 60_000 });
    expect(Buffer.from(unsealed.data!.password, 'base64').toString()).toBe(`s3cret-${cluster.name}`);
    expect(unsealed.metadata!.ownerReferences?.[0]).toMatchObject({ kind: 'SealedSecret', name: 'db' });
  });
});

describe('west and east', () => {
  test('are independent: an object created in west is absent in east', async () => {
    const namespace = await createTestNamespace(west, 'only-in-west');
    await kubectl(west, ['create', 'configmap', 'marker', '--namespace', namespace, '--from-literal=cluster=west']);
    expect(await absent(west, 'configmap', 'marker', namespace)).toBe(false);
    expect(await absent(east, 'namespace', namespace)).toBe(true);
    // Separate storage and separate identities: different kube-system UIDs, CAs and sealing keys.
    const uid = async (cluster: TestCluster): Promise<string> => kubectl(cluster, ['get', 'namespace', 'kube-system', '-o', 'jsonpath={.metadata.uid}']);
    expect(await uid(west)).not.toBe(await uid(east));
    expect(fs.readFileSync(west.caCertificate, 'utf8')).not.toBe(fs.readFileSync(east.caCertificate, 'utf8'));
    expect(await fetchSealingCertificate(west)).not.toBe(await fetchSealingCertificate(east));
  });

  test('a SealedSecret sealed for west is not unsealed in east', async () => {
    const namespace = await createTestNamespace(west, 'cross-seal');
    await kubectl(east, ['create', 'namespace', namespace]);
    const certFile = path.join(west.dir, `sealing-cert-${namespace}.pem`);
    fs.writeFileSync(certFile, await fetchSealingCertificate(west));
    const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', namespace }, stringData: { password: 'for-west-only' } };
    const sealed = await runCommand(testBinaries().kubeseal, ['--cert', certFile, '-o', 'yaml'], {
      input: JSON.stringify(secret),
      env: { ...process.env, KUBECONFIG: west.kubeconfig },
    });
    await kubectl(east, ['apply', '-f', '-'], { input: sealed });
    const status = await waitFor(
      'east to report that it cannot decrypt',
      async () => {
        const obj = JSON.parse(await kubectl(east, ['get', 'sealedsecret', 'db', '--namespace', namespace, '-o', 'json'])) as {
          status?: { conditions?: { type: string; status: string; message?: string }[] };
        };
        return obj.status?.conditions?.find((c) => c.type === 'Synced' && c.status === 'False');
      },
      { timeoutMs: 60_000 },
    );
    expect(status.message).toMatch(/decrypt/i);
    expect(await absent(east, 'secret', 'db', namespace)).toBe(true);
  });

  test('every listening socket of the test processes is on 127.0.0.1', async () => {
    const listeners = new Map<number, string[]>(); // pid -> local addresses
    for (const line of (await runCommand('ss', ['-ltnpH'])).split('\n')) {
      const columns = line.trim().split(/\s+/);
      if (columns.length < 6) continue;
      for (const match of line.matchAll(/pid=(\d+)/g)) {
        const pid = Number(match[1]);
        listeners.set(pid, [...(listeners.get(pid) ?? []), columns[3]]);
      }
    }
    for (const cluster of clusters) {
      const byProcess = Object.fromEntries(cluster.processes.map((p) => [p.name, (listeners.get(p.pid) ?? []).sort()]));
      const local = (port: number): string => `127.0.0.1:${port}`;
      expect(byProcess).toEqual({
        etcd: [local(cluster.ports.etcdClient), local(cluster.ports.etcdPeer)].sort(),
        'kube-apiserver': [local(cluster.ports.apiserver)],
        'kube-controller-manager': [], // --secure-port=0: no listener at all
        'sealed-secrets-controller': [local(cluster.ports.sealedSecrets), local(cluster.ports.sealedSecretsMetrics)].sort(),
        // -disable-metrics: no listener, except Skupper's own grant server where it is enabled (west).
        // The one exception to 127.0.0.1: Skupper binds it to ":<port>" and has no flag for the host
        // (internal/kube/grants/config.go); tests reach it on 127.0.0.1 only.
        'skupper-controller': cluster.ports.skupperGrantServer === undefined ? [] : [`*:${cluster.ports.skupperGrantServer}`],
      });
    }
  });
});
