import * as fs from 'fs';
import * as path from 'path';
import { exampleClusters, ExampleOptions } from '../../../apps/example';
import { Cluster, synthClusters } from '../../../lib';
import { replaceOutputFolders } from '../../../lib/synth/output-folders';
import { readTree, TEST_KEY_CACHE, TEST_MASTER_SECRET } from '../../support/example-synth';
import { tempDir } from '../topology/topology-test-support';

const CERT_EAST = path.join(__dirname, '..', '..', '..', 'apps', 'certs', 'east.pem');

function example(outdir: string, options: ExampleOptions = {}): Cluster[] {
  return exampleClusters({ masterSecret: TEST_MASTER_SECRET, keyCacheDir: TEST_KEY_CACHE, outdir, ...options });
}

/** An output folder as a GitOps repository has it: the example, plus files cdk8s-skupper did not write. */
function previousOutput(): { outdir: string; before: Map<string, string> } {
  const outdir = tempDir('previous-output');
  synthClusters(example(outdir));
  fs.mkdirSync(path.join(outdir, 'topologies', 'hub'), { recursive: true });
  fs.writeFileSync(path.join(outdir, 'topologies', 'hub', 'Site.hub.k8s.yaml'), 'kind: Site\n');
  fs.writeFileSync(path.join(outdir, 'README.md'), 'rendered by CI\n');
  return { outdir, before: readTree(outdir) };
}

test('a cluster folder that cannot be replaced stops the synth before any folder is written', () => {
  const { outdir } = previousOutput();
  // east/ now holds someone else's file, not a folder cdk8s-skupper wrote.
  fs.rmSync(path.join(outdir, 'east'), { recursive: true });
  fs.mkdirSync(path.join(outdir, 'east'));
  fs.writeFileSync(path.join(outdir, 'east', 'notes.txt'), 'mine\n');
  const before = readTree(outdir);
  // Rotation changes west's files: had west been written first, they would differ now.
  expect(() => synthClusters(example(outdir, { linkRotation: 1 })))
    .toThrow(`refusing to replace output folder "${path.join(outdir, 'east')}": it is not empty and was not written by cdk8s-skupper`);
  expect(readTree(outdir)).toEqual(before);
});

test('a synth that fails while writing leaves the previous output byte-for-byte as it was, and nothing behind', () => {
  const { outdir, before } = previousOutput();
  // east's folder cannot be created (its parent is a file), after west's new folder was written.
  const blocked = path.join(outdir, 'blocked');
  fs.writeFileSync(blocked, 'a file\n');
  const clusters = example(outdir, { linkRotation: 1 });
  const [west] = clusters;
  const east = new Cluster({ name: 'east', sealingCertificateFile: CERT_EAST, outdir: path.join(blocked, 'east'),
    masterSecret: TEST_MASTER_SECRET, keyCacheDir: TEST_KEY_CACHE });
  expect(() => synthClusters([west, east])).toThrow(/ENOTDIR|EEXIST/);
  expect(readTree(outdir)).toEqual(new Map([...before, ['blocked', 'a file\n']]));
});

test('a failure while swapping folders in renames every folder back', () => {
  const { outdir, before } = previousOutput();
  let renames = 0;
  const failingThird = (from: string, to: string) => {
    if (++renames === 3) throw new Error('rename failed on purpose');
    fs.renameSync(from, to);
  };
  const files = (text: string) => new Map([['kustomization.yaml', text]]);
  const ours = () => undefined;
  // west: moved aside (1), new one in place (2); east: moved aside (3) fails.
  expect(() => replaceOutputFolders([
    { dir: path.join(outdir, 'west'), files: files('new west\n'), refusal: ours },
    { dir: path.join(outdir, 'east'), files: files('new east\n'), refusal: ours },
  ], { rename: failingThird })).toThrow('rename failed on purpose');
  expect(readTree(outdir)).toEqual(before);
});

test('a successful synth replaces its cluster folders and touches nothing else', () => {
  const { outdir, before } = previousOutput();
  synthClusters(example(outdir, { linkRotation: 1 }));
  const after = readTree(outdir);
  const changed = [...new Set([...before.keys(), ...after.keys()])].filter(file => before.get(file) !== after.get(file)).sort();
  expect(changed).toEqual(['east/east/SealedSecret.token-to-west-code.k8s.yaml', 'west/west/SealedSecret.grant-west-code.k8s.yaml']);
  expect(fs.readdirSync(outdir).sort()).toEqual(['README.md', 'east', 'topologies', 'west']);
});

test('a removed object disappears: a folder is replaced as a whole', () => {
  const outdir = tempDir('replace-whole');
  synthClusters(example(outdir));
  fs.writeFileSync(path.join(outdir, 'west', 'west', 'Leftover.old.k8s.yaml'), 'kind: Leftover\n');
  synthClusters(example(outdir));
  expect(fs.existsSync(path.join(outdir, 'west', 'west', 'Leftover.old.k8s.yaml'))).toBe(false);
});
