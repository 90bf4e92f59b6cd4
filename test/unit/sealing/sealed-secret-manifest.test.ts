import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { SealingRandomness } from '../../../lib/sealing/seal-value';
import { sealSecretManifest, SealSecretOptions } from '../../../lib/sealing/sealed-secret-manifest';
import { SealingCertificate } from '../../../lib/sealing/sealing-certificate';
import { SealingScope } from '../../../lib/sealing/sealing-scope';
import { unsealManifest, unsealValue } from '../../support/unseal';

const repo = path.join(__dirname, '..', '..', '..');
const west = SealingCertificate.fromPem(fs.readFileSync(path.join(repo, 'apps', 'certs', 'west.pem'), 'utf8'), 'apps/certs/west.pem');
const westKey = fs.readFileSync(path.join(repo, 'test', 'fixtures', 'sealing-keys', 'west.key'), 'utf8');

const data = {
  text: Buffer.from('s3cr3t', 'utf8'),
  binary: Buffer.from([0x00, 0x01, 0x02, 0xff, 0xfe, 0x80]),
  empty: Buffer.alloc(0),
};

function seal(options: Partial<SealSecretOptions> = {}) {
  return sealSecretManifest({ certificate: west, name: 'link-token', namespace: 'skupper', data, ...options });
}

test('round trip for all three scopes, including binary and empty values', () => {
  for (const scope of [SealingScope.STRICT, SealingScope.NAMESPACE_WIDE, SealingScope.CLUSTER_WIDE]) {
    const manifest = seal({ scope });
    expect(unsealManifest(westKey, manifest)).toEqual(data);
  }
});

test('strict manifest shape: no annotations, sorted keys, Opaque template', () => {
  const manifest = seal();
  expect(manifest.apiVersion).toBe('bitnami.com/v1alpha1');
  expect(manifest.kind).toBe('SealedSecret');
  expect(manifest.metadata).toEqual({ name: 'link-token', namespace: 'skupper' });
  expect(Object.keys(manifest.spec.encryptedData)).toEqual(['binary', 'empty', 'text']);
  expect(manifest.spec.template).toEqual({ metadata: { name: 'link-token', namespace: 'skupper' }, type: 'Opaque' });
});

test('wider scopes put the scope annotation on the SealedSecret, merged with user annotations', () => {
  expect(seal({ scope: SealingScope.NAMESPACE_WIDE, annotations: { a: 'b' } }).metadata.annotations)
    .toEqual({ 'a': 'b', 'sealedsecrets.bitnami.com/namespace-wide': 'true' });
  expect(seal({ scope: SealingScope.CLUSTER_WIDE }).metadata.annotations)
    .toEqual({ 'sealedsecrets.bitnami.com/cluster-wide': 'true' });
});

test('wider scopes put the scope annotation on the template too, as kubeseal does, so the unsealed Secret carries it', () => {
  expect(seal({ scope: SealingScope.NAMESPACE_WIDE, templateAnnotations: { note: 'y' } }).spec.template.metadata.annotations)
    .toEqual({ 'note': 'y', 'sealedsecrets.bitnami.com/namespace-wide': 'true' });
  expect(seal({ scope: SealingScope.CLUSTER_WIDE }).spec.template.metadata.annotations)
    .toEqual({ 'sealedsecrets.bitnami.com/cluster-wide': 'true' });
  expect(seal({ scope: SealingScope.STRICT }).spec.template.metadata.annotations).toBeUndefined();
});

test('a strict value moved to another name or namespace does not decrypt', () => {
  const manifest = seal();
  expect(() => unsealManifest(westKey, { ...manifest, metadata: { ...manifest.metadata, name: 'other' } })).toThrow(/decrypt|oaep/i);
  expect(() => unsealManifest(westKey, { ...manifest, metadata: { ...manifest.metadata, namespace: 'other' } })).toThrow(/decrypt|oaep/i);
});

test('a namespace-wide value decrypts under another name but not in another namespace', () => {
  const manifest = seal({ scope: SealingScope.NAMESPACE_WIDE });
  expect(unsealManifest(westKey, { ...manifest, metadata: { ...manifest.metadata, name: 'other' } })).toEqual(data);
  expect(() => unsealManifest(westKey, { ...manifest, metadata: { ...manifest.metadata, namespace: 'other' } })).toThrow(/decrypt|oaep/i);
});

test('labels, template metadata, type and immutable are passed through', () => {
  const manifest = seal({
    type: 'kubernetes.io/tls',
    immutable: true,
    labels: { app: 'x' },
    templateLabels: { 'skupper.io/type': 'token' },
    templateAnnotations: { note: 'y' },
  });
  expect(manifest.metadata.labels).toEqual({ app: 'x' });
  expect(manifest.spec.template).toEqual({
    metadata: { name: 'link-token', namespace: 'skupper', labels: { 'skupper.io/type': 'token' }, annotations: { note: 'y' } },
    type: 'kubernetes.io/tls',
    immutable: true,
  });
});

test('randomnessFor makes the manifest repeatable and is asked once per key', () => {
  const asked: string[] = [];
  const randomnessFor = (key: string, value: Uint8Array): SealingRandomness => {
    asked.push(key);
    return (purpose, length) => Buffer.from(crypto.hkdfSync('sha256', 'master', Buffer.from(value), `${key}/${purpose}`, length));
  };
  const a = seal({ randomnessFor });
  expect(asked).toEqual(['binary', 'empty', 'text']);
  expect(seal({ randomnessFor })).toEqual(a);
  expect(seal()).not.toEqual(a);
  expect(unsealValue(westKey, 'skupper/link-token', a.spec.encryptedData.binary)).toEqual(data.binary);
});

test('rejects an invalid name or namespace', () => {
  expect(() => seal({ name: 'Link_Token' })).toThrow(/invalid sealed secret name "Link_Token": expected a DNS-1123 subdomain/);
  expect(() => seal({ name: 'a'.repeat(254) })).toThrow(/invalid sealed secret name/);
  expect(() => seal({ name: '' })).toThrow(/invalid sealed secret name ""/);
  expect(() => seal({ namespace: 'my.ns' })).toThrow(/invalid namespace "my\.ns": expected a DNS-1123 label/);
  expect(() => seal({ namespace: 'a'.repeat(64) })).toThrow(/invalid namespace/);
  expect(seal({ name: 'a.b-c', namespace: 'a'.repeat(63) }).metadata.name).toBe('a.b-c');
});

test('rejects invalid data keys and empty data', () => {
  expect(() => seal({ data: { 'a/b': Buffer.alloc(1) } })).toThrow(/invalid key "a\/b" in sealed secret skupper\/link-token/);
  expect(() => seal({ data: { '.': Buffer.alloc(1) } })).toThrow(/invalid key "\."/);
  expect(() => seal({ data: { '..x': Buffer.alloc(1) } })).toThrow(/invalid key "\.\.x"/);
  expect(() => seal({ data: { ['k'.repeat(254)]: Buffer.alloc(1) } })).toThrow(/at most 253 characters/);
  expect(() => seal({ data: {} })).toThrow(/sealed secret skupper\/link-token has no data/);
  expect(Object.keys(seal({ data: { '-._aZ09': Buffer.alloc(1) } }).spec.encryptedData)).toEqual(['-._aZ09']);
});

test('rejects user annotations that would select another scope', () => {
  expect(() => seal({ annotations: { 'sealedsecrets.bitnami.com/cluster-wide': 'true' } }))
    .toThrow(/select scope cluster-wide but it is sealed with scope strict/);
  expect(() => seal({ scope: SealingScope.NAMESPACE_WIDE, annotations: { 'sealedsecrets.bitnami.com/cluster-wide': 'true' } }))
    .toThrow(/select scope cluster-wide but it is sealed with scope namespace-wide/);
  // Values other than "true" are ignored by the controller, so they are harmless.
  expect(seal({ annotations: { 'sealedsecrets.bitnami.com/cluster-wide': 'false' } }).metadata.annotations)
    .toEqual({ 'sealedsecrets.bitnami.com/cluster-wide': 'false' });
});
