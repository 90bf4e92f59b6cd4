import * as fs from 'fs';
import * as path from 'path';
import { exampleClusters, ExampleOptions } from '../../../apps/example';
import { Cluster, synthClusters } from '../../../lib';
import { replaceOutputFolders } from '../../../lib/synth/output-folders';
import { clusterOutputFolder, renderClusters } from '../../../lib/synth/render-cluster';
import { readTree, TEST_KEY_CACHE, TEST_MASTER_SECRET } from '../../support/example-synth';
import { tempDir } from '../topology/topology-test-support';

// A re-synth writes only what changed: unchanged folders stay as they are, and unchanged files of
// a changed folder are hard links to the previous output's files (issue 10).

function example(outdir: string, options: ExampleOptions = {}): Cluster[] {
  return exampleClusters({ masterSecret: TEST_MASTER_SECRET, keyCacheDir: TEST_KEY_CACHE, outdir, ...options });
}

/** The file whose content the example's `linkRotation: 1` changes in west (east's token changes too). */
const ROTATED = path.join('west', 'west', 'SealedSecret.grant-west-code.k8s.yaml');
/** An mtime no synth could give a file it writes. */
const LONG_AGO = new Date('2001-02-03T04:05:06Z');

interface Entry { readonly ino: number; readonly nlink: number; readonly mtimeMs: number }

/** Every file and folder under `dir` (relative path → inode, link count, mtime), with the mtimes first set to LONG_AGO when asked. */
function entries(dir: string, backdate = false): Map<string, Entry> {
  const found = new Map<string, Entry>();
  const walk = (sub: string) => {
    for (const name of fs.readdirSync(path.join(dir, sub)).sort()) {
      const rel = path.join(sub, name);
      const full = path.join(dir, rel);
      if (fs.statSync(full).isDirectory()) walk(rel);
      if (backdate) fs.utimesSync(full, LONG_AGO, LONG_AGO);
      const stat = fs.statSync(full);
      found.set(rel, { ino: stat.ino, nlink: stat.nlink, mtimeMs: stat.mtimeMs });
    }
  };
  walk('');
  return found;
}

/** The example synthesized into a fresh folder, every mtime set to LONG_AGO. */
function previousOutput(): { outdir: string; tree: Map<string, string>; before: Map<string, Entry> } {
  const outdir = tempDir('resynth');
  synthClusters(example(outdir));
  return { outdir, tree: readTree(outdir), before: entries(outdir, true) };
}

test('a re-synth with the same output leaves every folder and file as it was: same inodes, same mtimes', () => {
  const { outdir, tree, before } = previousOutput();
  synthClusters(example(outdir));
  expect(readTree(outdir)).toEqual(tree);
  expect(entries(outdir)).toEqual(before);
});

test('in a folder that changed, the unchanged files are the previous files (same inode and mtime), the changed one a new file', () => {
  const { outdir, tree, before } = previousOutput();
  // A second name for the previous rotated file: it must still hold the previous content afterwards.
  const witness = path.join(tempDir('resynth-witness'), 'previous.yaml');
  fs.linkSync(path.join(outdir, ROTATED), witness);
  synthClusters(example(outdir, { linkRotation: 1 }));

  const after = entries(outdir);
  const westFiles = [...after.keys()].filter(rel => rel.startsWith(`west${path.sep}`) && fs.statSync(path.join(outdir, rel)).isFile());
  expect(westFiles.length).toBeGreaterThan(5);
  for (const rel of westFiles.filter(file => file !== ROTATED)) {
    expect({ rel, ...after.get(rel) }).toEqual({ rel, ...before.get(rel), nlink: 1 });
  }
  expect(after.get(ROTATED)!.ino).not.toBe(before.get(ROTATED)!.ino);
  expect(after.get(ROTATED)!.mtimeMs).not.toBe(LONG_AGO.getTime());
  expect(fs.readFileSync(path.join(outdir, ROTATED), 'utf8')).not.toBe(tree.get(ROTATED));
  expect(fs.readFileSync(witness, 'utf8')).toBe(tree.get(ROTATED));
  expect(fs.readdirSync(outdir).sort()).toEqual(['east', 'west']);
});

test('a failure while swapping in folders with linked files leaves the previous output as it was: bytes, inodes, link counts', () => {
  const { outdir, tree, before } = previousOutput();
  let renames = 0;
  // west: moved aside (1), new one (hard links to the previous files, and the rotated file) in place (2); east: moved aside (3) fails.
  const failingThird = (from: string, to: string) => {
    if (++renames === 3) throw new Error('rename failed on purpose');
    fs.renameSync(from, to);
  };
  const folders = renderClusters(example(outdir, { linkRotation: 1 })).map(clusterOutputFolder);
  expect(() => replaceOutputFolders(folders, { rename: failingThird })).toThrow('rename failed on purpose');
  expect(readTree(outdir)).toEqual(tree);
  expect(entries(outdir)).toEqual(before);
});

test('a failure while staging, after files were linked, leaves the previous output as it was', () => {
  const { outdir, tree, before } = previousOutput();
  const folders = renderClusters(example(outdir, { linkRotation: 1 })).map(clusterOutputFolder);
  // east's staging folder cannot be created (its parent is a file), after west's was staged with links.
  const blocked = path.join(tempDir('resynth-blocked'), 'a-file');
  fs.writeFileSync(blocked, 'a file\n');
  const east = folders.find(folder => folder.dir.endsWith('east'))!;
  const west = folders.find(folder => folder.dir.endsWith('west'))!;
  expect(() => replaceOutputFolders([west, { ...east, dir: path.join(blocked, 'east') }])).toThrow(/ENOTDIR|EEXIST/);
  expect(readTree(outdir)).toEqual(tree);
  expect(entries(outdir)).toEqual(before);
});

test('where files cannot be linked (another file system, no permission), they are written', () => {
  const { outdir, before } = previousOutput();
  const expected = readTree(synthInto(tempDir('resynth-expected'), { linkRotation: 1 }));
  const links: string[] = [];
  const noLinks = (existing: string) => {
    links.push(existing);
    throw Object.assign(new Error('EXDEV: cross-device link not permitted'), { code: 'EXDEV' });
  };
  replaceOutputFolders(renderClusters(example(outdir, { linkRotation: 1 })).map(clusterOutputFolder), { link: noLinks });
  expect(links.length).toBeGreaterThan(5);
  const after = entries(outdir);
  const rewritten = [...after].filter(([rel, entry]) => rel.startsWith(`west${path.sep}`) && entry.ino !== before.get(rel)?.ino);
  expect(rewritten.length).toBe([...after.keys()].filter(rel => rel.startsWith(`west${path.sep}`)).length);
  expect(readTree(outdir)).toEqual(expected);
});

function synthInto(outdir: string, options: ExampleOptions): string {
  synthClusters(example(outdir, options));
  return outdir;
}
