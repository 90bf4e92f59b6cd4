import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readSynthOutput } from '../../../../lib/commands/review/synth-output';

describe('reading a synth output to review', () => {
  let repo: string;
  const write = (file: string, text: string): void => {
    fs.mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
    fs.writeFileSync(path.join(repo, file), text);
  };
  const git = (...args: string[]): void => {
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: repo, stdio: 'pipe' });
  };
  beforeEach(() => {
    repo = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-skupper-review-git-'));
  });
  afterEach(() => fs.rmSync(repo, { recursive: true, force: true }));

  test('a folder: its YAML files by relative path, staging leftovers (dot folders) skipped', () => {
    write('dist/west/west/Site.west.k8s.yaml', 'kind: Site\n');
    write('dist/west/.west.staging-1/Site.west.k8s.yaml', 'kind: Leftover\n');
    write('dist/west/README.md', 'not yaml');
    expect([...readSynthOutput('dist', repo).files]).toEqual([['west/west/Site.west.k8s.yaml', 'kind: Site\n']]);
  });

  test('<revision>:<folder> reads the files of that commit, whatever the working tree holds', () => {
    git('init', '-q');
    write('dist/west/west/Site.west.k8s.yaml', 'kind: Site\nname: one\n');
    write('dist/east/east/Site.east.k8s.yaml', 'kind: Site\nname: two\n');
    git('add', '.');
    git('commit', '-qm', 'one');
    write('dist/west/west/Site.west.k8s.yaml', 'kind: Site\nname: changed\n');
    git('commit', '-qam', 'two');
    fs.rmSync(path.join(repo, 'dist'), { recursive: true });
    const old = readSynthOutput('HEAD~1:dist', repo);
    expect(old.label).toBe('HEAD~1:dist');
    expect(Object.fromEntries(old.files)).toEqual({
      'east/east/Site.east.k8s.yaml': 'kind: Site\nname: two\n',
      'west/west/Site.west.k8s.yaml': 'kind: Site\nname: one\n',
    });
    expect(readSynthOutput('HEAD:dist/', repo).files.get('west/west/Site.west.k8s.yaml')).toBe('kind: Site\nname: changed\n');
  });

  test('what is neither a folder nor a revision is refused with what is expected', () => {
    expect(() => readSynthOutput('missing', repo)).toThrow('no folder missing: expected a synth output folder (e.g. dist) or <git revision>:<folder> (e.g. origin/main:dist)');
    git('init', '-q');
    expect(() => readSynthOutput('nosuchrev:dist', repo)).toThrow(/^cannot read nosuchrev:dist from git: /);
  });
});
