import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';
import { main } from '../../../lib/cli/main';
import { runSealCommand } from '../../../lib/cli/seal-command';
import { SealedSecretManifest } from '../../../lib/sealing/sealed-secret-manifest';
import { unsealManifest } from '../../support/unseal';

const repo = path.join(__dirname, '..', '..', '..');
const westKey = fs.readFileSync(path.join(repo, 'test', 'fixtures', 'sealing-keys', 'west.key'), 'utf8');
const BINARY = Buffer.from([0x00, 0x01, 0x02, 0xff, 0xfe, 0x80]);

/** In-memory files: the real west certificate plus whatever a test adds. */
const files: Record<string, Buffer> = {
  'west.pem': fs.readFileSync(path.join(repo, 'apps', 'certs', 'west.pem')),
  '/tmp/in/blob.bin': BINARY,
  'empty.txt': Buffer.alloc(0),
};

function readFile(p: string): Buffer {
  const content = files[p];
  if (!content) {
    throw new Error(`ENOENT: no such file or directory, open '${p}'`);
  }
  return content;
}

function seal(...args: string[]): SealedSecretManifest {
  let out = '';
  runSealCommand(args, { stdout: (s) => { out += s; }, readFile });
  return YAML.parse(out) as SealedSecretManifest;
}

const base = ['--cert', 'west.pem', '--namespace', 'skupper', '--name', 'token'];

test('seals literals and files into a strict SealedSecret that decrypts', () => {
  const manifest = seal(...base, '--from-literal', 'password=a=b c', '--from-file', 'blob=/tmp/in/blob.bin', '--from-file', 'empty.txt');
  expect(manifest.kind).toBe('SealedSecret');
  expect(manifest.metadata).toEqual({ name: 'token', namespace: 'skupper' });
  expect(manifest.spec.template.type).toBe('Opaque');
  expect(Object.keys(manifest.spec.encryptedData)).toEqual(['blob', 'empty.txt', 'password']);
  expect(unsealManifest(westKey, manifest)).toEqual({ 'password': Buffer.from('a=b c'), 'blob': BINARY, 'empty.txt': Buffer.alloc(0) });
});

test('--from-file PATH uses the base name as key', () => {
  const manifest = seal(...base, '--from-file', '/tmp/in/blob.bin');
  expect(unsealManifest(westKey, manifest)).toEqual({ 'blob.bin': BINARY });
});

test('--scope sets the scope annotation and the label; --type and --flag=value work', () => {
  for (const scope of ['namespace-wide', 'cluster-wide']) {
    const manifest = seal(...base, `--scope=${scope}`, '--type', 'kubernetes.io/basic-auth', '--from-literal=username=admin');
    expect(manifest.metadata.annotations).toEqual({ [`sealedsecrets.bitnami.com/${scope}`]: 'true' });
    expect(manifest.spec.template.type).toBe('kubernetes.io/basic-auth');
    // As kubeseal: the unsealed Secret carries the scope annotation too.
    expect(manifest.spec.template.metadata.annotations).toEqual({ [`sealedsecrets.bitnami.com/${scope}`]: 'true' });
    expect(unsealManifest(westKey, manifest)).toEqual({ username: Buffer.from('admin') });
  }
});

test('every run uses fresh randomness', () => {
  const a = seal(...base, '--from-literal', 'k=v');
  const b = seal(...base, '--from-literal', 'k=v');
  expect(a.spec.encryptedData.k).not.toBe(b.spec.encryptedData.k);
});

test('missing required flags fail with a usage hint', () => {
  expect(() => seal('--namespace', 'skupper', '--name', 'token', '--from-literal', 'k=v')).toThrow(/missing --cert\nusage: cdk8s-skupper seal/);
  expect(() => seal('--cert', 'west.pem', '--name', 'token', '--from-literal', 'k=v')).toThrow(/missing --namespace\nusage:/);
  expect(() => seal('--cert', 'west.pem', '--namespace', 'skupper', '--from-literal', 'k=v')).toThrow(/missing --name\nusage:/);
  expect(() => seal(...base, '--from-literal')).toThrow(/--from-literal needs a value\nusage:/);
});

test('no data, duplicate keys and malformed sources fail with a usage hint', () => {
  expect(() => seal(...base)).toThrow(/no data to seal.*\nusage:/);
  expect(() => seal(...base, '--from-literal', 'k=1', '--from-literal', 'k=2')).toThrow(/duplicate key "k" \(from --from-literal k\)/);
  expect(() => seal(...base, '--from-literal', 'blob.bin=1', '--from-file', '/tmp/in/blob.bin')).toThrow(/duplicate key "blob\.bin"/);
  expect(() => seal(...base, '--from-literal', 'novalue')).toThrow(/malformed --from-literal "novalue": expected KEY=VALUE\nusage:/);
  expect(() => seal(...base, '--from-literal', '=v')).toThrow(/malformed --from-literal "=v"/);
  expect(() => seal(...base, '--from-file', 'k=')).toThrow(/malformed --from-file "k=": expected KEY=PATH or PATH/);
  expect(() => seal(...base, '--from-literal', 'k=v', '--bogus')).toThrow(/unknown argument "--bogus"\nusage:/);
  expect(() => seal(...base, '--name', 'again', '--from-literal', 'k=v')).toThrow(/--name given 2 times/);
});

test('invalid scope, key, certificate and files are reported', () => {
  expect(() => seal(...base, '--scope', 'global', '--from-literal', 'k=v')).toThrow(/invalid sealing scope "global": expected one of strict, namespace-wide, cluster-wide/);
  expect(() => seal(...base, '--from-literal', 'a/b=v')).toThrow(/invalid key "a\/b"/);
  expect(() => seal(...base, '--from-file', 'missing.txt')).toThrow(/cannot read --from-file file missing\.txt: ENOENT/);
  expect(() => seal('--cert', 'nope.pem', '--namespace', 'skupper', '--name', 'token', '--from-literal', 'k=v')).toThrow(/cannot read --cert file nope\.pem/);
  files['garbage.pem'] = Buffer.from('not a cert');
  expect(() => seal('--cert', 'garbage.pem', '--namespace', 'skupper', '--name', 'token', '--from-literal', 'k=v')).toThrow(/garbage\.pem is not a PEM certificate/);
});

test('--help prints the usage', () => {
  let out = '';
  runSealCommand(['--help'], { stdout: (s) => { out += s; }, readFile });
  expect(out).toMatch(/^usage: cdk8s-skupper seal --cert FILE --namespace NS --name NAME/);
});

function runMain(argv: string[]) {
  const io = { out: '', err: '' };
  return main(argv, { stdout: (s) => { io.out += s; }, stderr: (s) => { io.err += s; }, readFile })
    .then((code) => ({ code, ...io }));
}

test('main runs seal and prints the YAML', async () => {
  const result = await runMain(['seal', ...base, '--from-literal', 'k=v']);
  expect(result).toMatchObject({ code: 0, err: '' });
  expect(unsealManifest(westKey, YAML.parse(result.out))).toEqual({ k: Buffer.from('v') });
});

test('main prints bad arguments of seal to stderr with exit code 2, like every command', async () => {
  for (const [argv, reason] of [
    [[...base], /^cdk8s-skupper seal: no data to seal/],
    [[...base, '--from-literal', 'k=v', '--bogus'], /^cdk8s-skupper seal: unknown argument "--bogus"/],
    [[...base, '--from-literal', 'k=v', '--scope', 'global'], /^cdk8s-skupper seal: --scope: invalid sealing scope "global"/],
    [['--namespace', 'skupper', '--name', 'token', '--from-literal', 'k=v'], /^cdk8s-skupper seal: missing --cert/],
  ] as const) {
    const result = await runMain(['seal', ...argv]);
    expect({ argv, code: result.code, out: result.out }).toEqual({ argv, code: 2, out: '' });
    expect(result.err).toMatch(reason);
  }
});

test('main prints a seal that fails on good arguments to stderr with exit code 1', async () => {
  const result = await runMain(['seal', '--cert', 'missing.pem', '--namespace', 'skupper', '--name', 'token', '--from-literal', 'k=v']);
  expect(result).toMatchObject({ code: 1, out: '' });
  expect(result.err).toMatch(/^cdk8s-skupper seal: cannot read --cert file missing.pem: ENOENT/);
});

test('main prints the usage for unknown or missing commands with exit code 2', async () => {
  for (const argv of [['frobnicate'], [], ['toString']]) {
    const result = await runMain(argv);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/(unknown|missing) command[^]*usage: cdk8s-skupper <command>[^]*\n {2}seal {2}/);
  }
  const help = await runMain(['--help']);
  expect(help).toMatchObject({ code: 0, err: '' });
  expect(help.out).toMatch(/^usage: cdk8s-skupper <command>/);
});
