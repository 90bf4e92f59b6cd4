// End-to-end proof of the construct library on real control planes: synthesize the example with
// each test cluster's own sealing certificate, apply each cluster's folder with kubectl, and check
// that the real sealed-secrets controller unsealed every SealedSecret into exactly what synth derived.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { exampleClusters } from '../../apps/example';
import { Cluster, SealedSecret, synthClusters } from '../../lib';
import { kubectl } from '../harness/kubectl';
import { fetchSealingCertificate } from '../harness/sealed-secrets-controller';
import { testClusters } from '../harness/test-clusters';
import { waitFor } from '../harness/wait-for';
import { readObjects, TEST_KEY_CACHE, TEST_MASTER_SECRET } from '../support/example-synth';

const namespaces = { west: 'e2e-west', east: 'e2e-east' };
let outdir: string;
let synthesized: Cluster[];

beforeAll(async () => {
  const clusters = testClusters();
  const certificateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-skupper-e2e-certs-'));
  for (const name of ['west', 'east'] as const) {
    fs.writeFileSync(path.join(certificateDir, `${name}.pem`), await fetchSealingCertificate(clusters[name]));
  }
  outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-skupper-e2e-'));
  synthesized = exampleClusters({ certificateDir, outdir, namespaces, masterSecret: TEST_MASTER_SECRET, keyCacheDir: TEST_KEY_CACHE });
  synthClusters(synthesized);
  for (const name of ['west', 'east'] as const) {
    // Exactly what Argo CD's kustomize source or `flux build` would apply.
    await kubectl(clusters[name], ['apply', '-k', path.join(outdir, name)]);
  }
});

afterAll(async () => {
  const clusters = testClusters();
  for (const name of ['west', 'east'] as const) {
    await kubectl(clusters[name], ['delete', 'namespace', namespaces[name], '--wait=false', '--ignore-not-found']);
  }
});

test.each(['west', 'east'] as const)('the sealed-secrets controller of %s unseals every SealedSecret into exactly what synth derived', async (name) => {
  const cluster = testClusters()[name];
  const sealedSecrets = synthesized.find(c => c.name === name)!.node.findAll().filter((c): c is SealedSecret => c instanceof SealedSecret);
  expect(sealedSecrets.length).toBeGreaterThan(0);
  for (const sealed of sealedSecrets) {
    const secret = await waitFor(`Secret ${namespaces[name]}/${sealed.name} unsealed on ${name}`, async () => {
      const out = await kubectl(cluster, ['get', 'secret', sealed.name, '-n', namespaces[name], '-o', 'json', '--ignore-not-found']);
      return out.trim() === '' ? undefined : JSON.parse(out);
    }, { timeoutMs: 60_000 });
    const unsealed = Object.fromEntries(Object.entries(secret.data as Record<string, string>).map(([k, v]) => [k, Buffer.from(v, 'base64')]));
    // Compared as booleans so a mismatch never prints secret values.
    const expected = sealed.unsealedData();
    expect(Object.keys(unsealed).sort()).toEqual(Object.keys(expected).sort());
    for (const key of Object.keys(expected)) {
      expect({ secret: sealed.name, key, equal: unsealed[key].equals(expected[key]) }).toEqual({ secret: sealed.name, key, equal: true });
    }
    // Owned by its SealedSecret, so pruning the SealedSecret from git removes the Secret.
    expect(secret.metadata.ownerReferences?.[0]?.kind).toBe('SealedSecret');
  }
});

test('the apiserver accepted every synthesized object as valid against its CRD and stored it', async () => {
  const clusters = testClusters();
  for (const { obj } of readObjects(outdir)) {
    if (obj.kind === 'CustomResourceDefinition') continue;
    const cluster = obj.metadata.namespace === namespaces.east || obj.metadata.name === namespaces.east ? clusters.east : clusters.west;
    const args = ['get', `${obj.kind.toLowerCase()}.${obj.apiVersion.includes('/') ? obj.apiVersion.split('/')[0] : ''}`.replace(/\.$/, ''),
      obj.metadata.name, '-o', 'name'];
    if (obj.metadata.namespace) args.push('-n', obj.metadata.namespace);
    expect(await kubectl(cluster, args)).toContain(obj.metadata.name);
  }
  // Server-side validation rejects what the CRD schema forbids: prove the schema is live.
  const bad = { apiVersion: 'cdk8s-skupper.io/v1alpha1', kind: 'LinkGrant', metadata: { name: 'bad', namespace: namespaces.west },
    spec: { redemptionsAllowed: 0, codeSecretRef: { name: 'x' } } };
  await expect(kubectl(clusters.west, ['apply', '-f', '-'], { input: JSON.stringify(bad) })).rejects.toThrow(/redemptionsAllowed/);
});

test('the LinkGrant and LinkToken printer columns mirror Skupper\'s', async () => {
  const clusters = testClusters();
  const grants = await kubectl(clusters.west, ['get', 'linkgrants', '-n', namespaces.west]);
  expect(grants.split('\n')[0]).toMatch(/^NAME\s+REDEMPTIONS ALLOWED\s+REDEMPTIONS MADE\s+EXPIRATION\s+STATUS\s+MESSAGE/);
  expect(grants).toMatch(/grant-west\s+2/);
  const tokens = await kubectl(clusters.east, ['get', 'linktokens', '-n', namespaces.east]);
  expect(tokens.split('\n')[0]).toMatch(/^NAME\s+URL\s+REDEEMED\s+STATUS\s+MESSAGE/);
  expect(tokens).toContain(`https://grants.west.example.com:9090/${namespaces.west}/grant-west`);
});
