import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';
import { CDK8S_SKUPPER_CRDS, checkCrds, SEALED_SECRET_CRDS, SKUPPER_CRDS } from '../../../../lib/commands/doctor/crd-check';
import { CRD_PATH, crd } from './doctor-fixtures';
import { FakeKubeApi } from '../fake-kube-api';

const CRDS_DIR = path.join(__dirname, '..', '..', '..', '..', 'crds');

function crdsIn(dir: string): { name: string; versions: string[] }[] {
  return fs.readdirSync(path.join(CRDS_DIR, dir)).filter((f) => f.endsWith('.yaml')).map((f) => {
    const doc = YAML.parse(fs.readFileSync(path.join(CRDS_DIR, dir, f), 'utf8'));
    return { name: doc.metadata.name, versions: doc.spec.versions.map((v: { name: string }) => v.name) };
  });
}

test('the required CRDs are exactly the ones in crds/, with a version each serves', () => {
  for (const [required, dir] of [[SKUPPER_CRDS, 'skupper'], [SEALED_SECRET_CRDS, 'sealed-secrets'], [CDK8S_SKUPPER_CRDS, 'cdk8s-skupper']] as const) {
    const files = crdsIn(dir);
    expect(required.map((c) => c.name).sort()).toEqual(files.map((c) => c.name).sort());
    for (const c of required) expect(files.find((f) => f.name === c.name)!.versions).toContain(c.version);
  }
});

test('OK when all are established and serve the version', async () => {
  const api = new FakeKubeApi('west');
  for (const c of SKUPPER_CRDS) api.on(`${CRD_PATH}/${c.name}`, { json: crd(c) });
  expect(await checkCrds(api, 'Skupper CRDs', SKUPPER_CRDS, 'hint')).toEqual({ context: 'west', check: 'Skupper CRDs', outcome: 'OK', detail: '12 of 12 established' });
  api.on(`${CRD_PATH}/sealedsecrets.bitnami.com`, { json: crd(SEALED_SECRET_CRDS[0]) });
  expect((await checkCrds(api, 'SealedSecret CRD', SEALED_SECRET_CRDS, 'hint')).detail).toBe('sealedsecrets.bitnami.com established');
});

test('FAIL naming the missing, not established and wrong-version ones, with the hint', async () => {
  const [grants, tokens] = CDK8S_SKUPPER_CRDS;
  const api = new FakeKubeApi('east').on(`${CRD_PATH}/${grants.name}`, { json: crd(grants, { versions: ['v1beta1'] }) });
  expect(await checkCrds(api, 'cdk8s-skupper CRDs', CDK8S_SKUPPER_CRDS, 'apply them')).toEqual({
    context: 'east', check: 'cdk8s-skupper CRDs', outcome: 'FAIL',
    detail: 'version not served: linkgrants.cdk8s-skupper.io (v1alpha1); missing: linktokens.cdk8s-skupper.io', hint: 'apply them',
  });
  api.on(`${CRD_PATH}/${tokens.name}`, { json: crd(tokens, { established: false }) });
  expect((await checkCrds(api, 'x', [tokens], 'h')).detail).toBe('not established: linktokens.cdk8s-skupper.io');
});

test('WARN when CRDs may not be read', async () => {
  const api = new FakeKubeApi('east').on(`${CRD_PATH}/${CDK8S_SKUPPER_CRDS[0].name}`, { status: 403, message: 'forbidden' });
  expect(await checkCrds(api, 'cdk8s-skupper CRDs', CDK8S_SKUPPER_CRDS, 'h')).toMatchObject({
    outcome: 'WARN', detail: 'cannot read CustomResourceDefinitions: forbidden (RBAC)',
  });
});
