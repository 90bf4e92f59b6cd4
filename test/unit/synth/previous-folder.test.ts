import * as fs from 'fs';
import * as path from 'path';
import { compareWithFolder } from '../../../lib/synth/previous-folder';
import { tempDir } from '../topology/topology-test-support';

/** A folder holding `files` (relative path → content). */
function folder(files: Record<string, string | Buffer>): string {
  const dir = tempDir('previous-folder');
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), content);
  }
  return dir;
}

const NEW = new Map([['kustomization.yaml', 'k\n'], ['site/Site.a.k8s.yaml', 'kind: Site\n']]);

test('a folder holding exactly the new files is unchanged', () => {
  expect(compareWithFolder(folder({ 'kustomization.yaml': 'k\n', 'site/Site.a.k8s.yaml': 'kind: Site\n' }), NEW))
    .toEqual({ unchanged: true, same: new Set(NEW.keys()) });
});

test('a file with other bytes, a missing file, an extra file or an empty folder make it changed', () => {
  expect(compareWithFolder(folder({ 'kustomization.yaml': 'k\n', 'site/Site.a.k8s.yaml': 'kind: Other\n' }), NEW))
    .toEqual({ unchanged: false, same: new Set(['kustomization.yaml']) });
  expect(compareWithFolder(folder({ 'kustomization.yaml': 'k\n' }), NEW)).toEqual({ unchanged: false, same: new Set(['kustomization.yaml']) });
  expect(compareWithFolder(folder({ ...Object.fromEntries(NEW), 'notes.txt': 'mine\n' }), NEW).unchanged).toBe(false);
  const withEmptyFolder = folder(Object.fromEntries(NEW));
  fs.mkdirSync(path.join(withEmptyFolder, 'empty'));
  expect(compareWithFolder(withEmptyFolder, NEW)).toEqual({ unchanged: false, same: new Set(NEW.keys()) });
});

test('a file that only starts like the new one, or that the new one only starts like, is not the same', () => {
  const big = 'x'.repeat(100_000);
  expect(compareWithFolder(folder({ 'a.yaml': 'k\nmore\n', 'b.yaml': 'k\n', 'c.yaml': big, 'd.yaml': big + 'y' }),
    new Map([['a.yaml', 'k\n'], ['b.yaml', 'k\nmore\n'], ['c.yaml', big], ['d.yaml', big]])))
    .toEqual({ unchanged: false, same: new Set(['c.yaml']) });
});

test('bytes are compared, not text: invalid UTF-8 is not the replacement character it decodes to', () => {
  const dir = folder({ 'a.yaml': Buffer.from([0x61, 0xff, 0x0a]) });
  expect(fs.readFileSync(path.join(dir, 'a.yaml'), 'utf8')).toBe('a\ufffd\n');
  expect(compareWithFolder(dir, new Map([['a.yaml', 'a\ufffd\n']]))).toEqual({ unchanged: false, same: new Set() });
});

test('a symbolic link is never the same, nor is a folder that is a link, a file or missing', () => {
  const dir = folder({ 'target.yaml': 'k\n' });
  fs.symlinkSync('target.yaml', path.join(dir, 'kustomization.yaml'));
  expect(compareWithFolder(dir, new Map([['kustomization.yaml', 'k\n'], ['target.yaml', 'k\n']])))
    .toEqual({ unchanged: false, same: new Set(['target.yaml']) });
  const real = folder(Object.fromEntries(NEW));
  const linked = path.join(tempDir('previous-folder-link'), 'linked');
  fs.symlinkSync(real, linked);
  expect(compareWithFolder(linked, NEW)).toEqual({ unchanged: false, same: new Set() });
  expect(compareWithFolder(path.join(real, 'kustomization.yaml'), NEW)).toEqual({ unchanged: false, same: new Set() });
  expect(compareWithFolder(path.join(real, 'missing'), NEW)).toEqual({ unchanged: false, same: new Set() });
});
