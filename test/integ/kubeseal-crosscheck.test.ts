import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as YAML from 'yaml';
import { sealSecretManifest } from '../../lib/sealing/sealed-secret-manifest';
import { SealingCertificate } from '../../lib/sealing/sealing-certificate';
import { SealingScope } from '../../lib/sealing/sealing-scope';
import { testBinaries } from '../support/binaries';
import { unsealManifest } from '../support/unseal';

/*
 * Cross-checks lib/sealing against the real kubeseal binary, offline (no cluster):
 * (a) kubeseal --recovery-unseal opens what we seal; (b) we open what kubeseal --cert seals.
 */

const repo = path.join(__dirname, '..', '..');
const westCertFile = path.join(repo, 'apps', 'certs', 'west.pem');
const westKeyFile = path.join(repo, 'test', 'fixtures', 'sealing-keys', 'west.key');
const westKey = fs.readFileSync(westKeyFile, 'utf8');
const west = SealingCertificate.fromPem(fs.readFileSync(westCertFile, 'utf8'), westCertFile);
const kubeseal = testBinaries().kubeseal;

const data: Record<string, Buffer> = {
  'text': Buffer.from('s3cr3t with ünïcode', 'utf8'),
  'binary': Buffer.from([0x00, 0x01, 0x02, 0xff, 0xfe, 0x80]),
  'empty': Buffer.alloc(0),
  'config.json': Buffer.from('{"a":1}\n', 'utf8'),
};
const scopes = [SealingScope.STRICT, SealingScope.NAMESPACE_WIDE, SealingScope.CLUSTER_WIDE];

// kubeseal must never reach a cluster here: point it at a kubeconfig that does not exist.
const env = { ...process.env, KUBECONFIG: path.join(os.tmpdir(), 'cdk8s-skupper-no-kubeconfig') };

function runKubeseal(args: string[], input: string): string {
  return execFileSync(kubeseal, args, { input, env, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
}

/** Secret data as kubeseal prints it: base64 strings, and null for an empty value (a nil []byte). */
function decodeSecretData(secretData: Record<string, string | null>): Record<string, Buffer> {
  return Object.fromEntries(Object.entries(secretData).map(([k, v]) => [k, Buffer.from(v ?? '', 'base64')]));
}

test.each(scopes)('kubeseal --recovery-unseal decrypts what lib/sealing seals (%s)', (scope) => {
  const manifest = sealSecretManifest({ certificate: west, name: 'token', namespace: 'skupper', scope, data });
  const output = runKubeseal(['--recovery-unseal', '--recovery-private-key', westKeyFile, '-o', 'yaml'], YAML.stringify(manifest));
  const secret = YAML.parse(output);
  expect(secret.kind).toBe('Secret');
  expect(secret.metadata).toMatchObject({ name: 'token', namespace: 'skupper' });
  expect(secret.type).toBe('Opaque');
  expect(decodeSecretData(secret.data)).toEqual(data);
});

test('kubeseal --recovery-unseal refuses a strict value moved to another name', () => {
  const manifest = sealSecretManifest({ certificate: west, name: 'token', namespace: 'skupper', data });
  const moved = { ...manifest, metadata: { ...manifest.metadata, name: 'other' } };
  expect(() => runKubeseal(['--recovery-unseal', '--recovery-private-key', westKeyFile, '-o', 'yaml'], YAML.stringify(moved)))
    .toThrow(/no key could decrypt secret/);
});

test.each(scopes)('test/support/unseal opens what kubeseal --cert seals, with the metadata lib/sealing writes (%s)', (scope) => {
  const secret = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'token', namespace: 'skupper' },
    type: 'Opaque',
    data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, v.toString('base64')])),
  };
  const output = runKubeseal(['--cert', westCertFile, '--scope', scope, '-o', 'yaml'], YAML.stringify(secret));
  const sealed = YAML.parse(output);
  expect(unsealManifest(westKey, sealed)).toEqual(data);

  // Same SealedSecret metadata as ours, so the controller derives the same label.
  const ours = sealSecretManifest({ certificate: west, name: 'token', namespace: 'skupper', scope, data });
  expect(sealed.metadata).toEqual(ours.metadata);
  // The same Secret metadata too: kubeseal copies the scope annotation onto the template.
  const { creationTimestamp, ...templateMetadata } = sealed.spec.template.metadata;
  expect(creationTimestamp ?? null).toBeNull();
  expect(templateMetadata).toEqual(ours.spec.template.metadata);
  expect(Object.keys(sealed.spec.encryptedData).sort()).toEqual(Object.keys(ours.spec.encryptedData));
  expect(sealed.spec.template.type).toBe(ours.spec.template.type);
  // Same layout: 2-byte rsa length 512, then 512 + n + 16 bytes.
  const binary = Buffer.from(sealed.spec.encryptedData.binary, 'base64');
  expect(binary.readUInt16BE(0)).toBe(512);
  expect(binary.length).toBe(2 + 512 + data.binary.length + 16);
});
