import * as fs from 'fs';
import * as path from 'path';
import { exampleClusters } from '../../../apps/example';
import { LinkGrant } from '../../../lib';
import { CrdSchemas } from '../../support/crd-schemas';
import { readObjects, readTree, synthExample, TEST_KEY_CACHE, TEST_MASTER_SECRET } from '../../support/example-synth';

const outdir = synthExample();
const tree = readTree(outdir);
const objects = readObjects(outdir);

test('each cluster gets a CRDs folder, a folder named after its site and kustomization.yaml files', () => {
  expect([...tree.keys()]).toEqual([
    'east/0000-crds/CustomResourceDefinition.linkgrants.cdk8s-skupper.io.k8s.yaml',
    'east/0000-crds/CustomResourceDefinition.linktokens.cdk8s-skupper.io.k8s.yaml',
    'east/0000-crds/kustomization.yaml',
    'east/east/Deployment.cdk8s-skupper-redeemer.k8s.yaml',
    'east/east/LinkToken.token-to-west.k8s.yaml',
    'east/east/Namespace.east.k8s.yaml',
    'east/east/Role.cdk8s-skupper-redeemer.k8s.yaml',
    'east/east/RoleBinding.cdk8s-skupper-redeemer.k8s.yaml',
    'east/east/SealedSecret.token-to-west-code.k8s.yaml',
    'east/east/ServiceAccount.cdk8s-skupper-redeemer.k8s.yaml',
    'east/east/Site.east.k8s.yaml',
    'east/east/kustomization.yaml',
    'east/kustomization.yaml',
    'west/0000-crds/CustomResourceDefinition.linkgrants.cdk8s-skupper.io.k8s.yaml',
    'west/0000-crds/CustomResourceDefinition.linktokens.cdk8s-skupper.io.k8s.yaml',
    'west/0000-crds/kustomization.yaml',
    'west/kustomization.yaml',
    'west/west/Deployment.cdk8s-skupper-grant-server.k8s.yaml',
    'west/west/LinkGrant.grant-west.k8s.yaml',
    'west/west/Namespace.west.k8s.yaml',
    'west/west/Role.cdk8s-skupper-grant-server.k8s.yaml',
    'west/west/RoleBinding.cdk8s-skupper-grant-server.k8s.yaml',
    'west/west/SealedSecret.cdk8s-skupper-grant-server-tls.k8s.yaml',
    'west/west/SealedSecret.grant-west-code.k8s.yaml',
    'west/west/Service.cdk8s-skupper-grant-server.k8s.yaml',
    'west/west/ServiceAccount.cdk8s-skupper-grant-server.k8s.yaml',
    'west/west/Site.west.k8s.yaml',
    'west/west/kustomization.yaml',
  ]);
  expect(tree.get('west/kustomization.yaml')).toContain('resources:\n  - 0000-crds\n  - west\n');
});

test('the example output matches the snapshot', () => {
  expect(Object.fromEntries(tree)).toMatchSnapshot();
});

test('every skupper.io, cdk8s-skupper.io and SealedSecret object validates against its CRD schema', () => {
  const schemas = new CrdSchemas();
  const checked: string[] = [];
  for (const { file, obj } of objects) {
    if (/^(skupper\.io|cdk8s-skupper\.io|bitnami\.com)\//.test(obj.apiVersion)) {
      expect({ file, errors: schemas.errors(obj) }).toEqual({ file, errors: [] });
      checked.push(obj.kind);
    }
  }
  expect(checked.sort()).toEqual(['LinkGrant', 'LinkToken', 'SealedSecret', 'SealedSecret', 'SealedSecret', 'Site', 'Site']);
});

test('every object carries app.kubernetes.io/part-of: cdk8s-skupper, so one selector finds them all', () => {
  const kinds = new Set<string>();
  for (const { file, obj } of objects) {
    expect({ file, partOf: obj.metadata.labels?.['app.kubernetes.io/part-of'] }).toEqual({ file, partOf: 'cdk8s-skupper' });
    kinds.add(obj.kind);
  }
  // Among them the kinds that lacked it.
  expect([...kinds]).toEqual(expect.arrayContaining(['Namespace', 'Site', 'LinkGrant', 'LinkToken', 'CustomResourceDefinition']));
});

test('cluster-scoped objects have no namespace; namespaced ones do', () => {
  for (const { file, obj } of objects) {
    const clusterScoped = ['Namespace', 'CustomResourceDefinition'].includes(obj.kind);
    expect({ file, namespace: obj.metadata.namespace }).toEqual({ file, namespace: clusterScoped ? undefined : file.split('/')[1] });
  }
});

test('two synths of the example are byte-identical', () => {
  const again = readTree(synthExample());
  expect([...again.keys()]).toEqual([...tree.keys()]);
  for (const [file, text] of tree) {
    expect({ file, same: again.get(file) === text }).toEqual({ file, same: true });
  }
});

test('changing the rotation input changes exactly the affected secrets', () => {
  const rotated = readTree(synthExample({ linkRotation: 1 }));
  const changed = [...tree.keys()].filter(file => rotated.get(file) !== tree.get(file));
  expect(changed).toEqual([
    'east/east/SealedSecret.token-to-west-code.k8s.yaml',
    'west/west/SealedSecret.grant-west-code.k8s.yaml',
  ]);
});

test('no plaintext secret anywhere in the output', () => {
  const [west] = exampleClusters({ masterSecret: TEST_MASTER_SECRET, keyCacheDir: TEST_KEY_CACHE, outdir: fs.mkdtempSync(path.join(outdir, 'x')) });
  const code = (west.node.findAll().find(c => c instanceof LinkGrant) as LinkGrant).code();
  const forbidden = [code, Buffer.from(code).toString('base64'), 'PRIVATE KEY'];
  for (const [file, text] of tree) {
    for (const secret of forbidden) {
      expect({ file, leaks: text.includes(secret) }).toEqual({ file, leaks: false });
    }
  }
  const plainSecrets = objects.filter(({ obj }) => obj.kind === 'Secret' || obj.kind === 'ConfigMap');
  expect(plainSecrets).toEqual([]);
});

test('the token carries the grant URL, the grant server CA and references its sealed code', () => {
  const token = objects.find(({ obj }) => obj.kind === 'LinkToken')!.obj;
  expect(token.spec.url).toBe('https://grants.west.example.com:9090/west/grant-west');
  expect(token.spec.ca).toMatch(/^-----BEGIN CERTIFICATE-----/);
  expect(token.spec.codeSecretRef).toEqual({ name: 'token-to-west-code', key: 'code' });
  expect(token.spec.remoteSite).toBe('west');
  const grant = objects.find(({ obj }) => obj.kind === 'LinkGrant')!.obj;
  expect(grant.spec).toEqual({
    redemptionsAllowed: 2, expirationWindow: '25m', issuer: 'skupper-site-ca', codeSecretRef: { name: 'grant-west-code', key: 'code' },
  });
});

test('the RBAC reads Secrets only by name', () => {
  for (const { obj } of objects.filter(o => o.obj.kind === 'Role')) {
    for (const rule of obj.rules) {
      if (rule.resources.includes('secrets') && rule.verbs.some((v: string) => v !== 'create')) {
        expect(rule.resourceNames?.length).toBeGreaterThan(0);
      }
    }
  }
  const grantServerRole = objects.find(o => o.obj.kind === 'Role' && o.obj.metadata.name === 'cdk8s-skupper-grant-server')!.obj;
  expect(grantServerRole.rules.find((r: any) => r.resources.includes('secrets')).resourceNames)
    .toEqual(['cdk8s-skupper-grant-server-tls', 'grant-west-code', 'skupper-site-ca']);
});
