import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../../lib/cli/main';
import { SynthOutput } from '../../../lib/commands/review/synth-output';
import { synthReviewNetwork } from '../commands/review/review-network';

describe('cdk8s-skupper review OLD NEW', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-skupper-review-cli-'));
    write('two-spokes', synthReviewNetwork('two-spokes', { spokes: ['east', 'north'] }));
    write('one-spoke', synthReviewNetwork('one-spoke', { spokes: ['east'] }));
    write('rotated', synthReviewNetwork('rotated', { spokes: ['east', 'north'], rotateEast: 1 }));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  function write(name: string, output: SynthOutput): void {
    for (const [file, text] of output.files) {
      fs.mkdirSync(path.dirname(path.join(dir, name, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, name, file), text);
    }
  }

  async function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    let [stdout, stderr] = ['', ''];
    const code = await main(['review', ...args], { stdout: (s) => { stdout += s; }, stderr: (s) => { stderr += s; }, readFile: fs.readFileSync });
    return { code, stdout, stderr };
  }

  test('a rotation passes the default gate (nothing cut) and prints markdown', async () => {
    const result = await run(path.join(dir, 'two-spokes'), path.join(dir, 'rotated'));
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^### cdk8s-skupper review: /);
    expect(result.stdout).toContain('- **info**: code of token ');
  });

  test('a removed spoke cuts its links: exit 3, unless --fail-on never', async () => {
    const cut = await run(path.join(dir, 'two-spokes'), path.join(dir, 'one-spoke'), '--format', 'text');
    expect(cut.code).toBe(3);
    expect(cut.stdout).toContain('[CUTS A LINK] site north is removed');
    expect((await run(path.join(dir, 'two-spokes'), path.join(dir, 'one-spoke'), '--fail-on=never')).code).toBe(0);
  });

  test('--format json is the report', async () => {
    const result = await run(path.join(dir, 'one-spoke'), path.join(dir, 'two-spokes'), '--format', 'json');
    expect(JSON.parse(result.stdout).findings).toContainEqual(expect.objectContaining({ cluster: 'north', summary: 'site north is added', impact: 'info' }));
  });

  test('bad arguments exit 2 naming the bad value; a missing folder exits 1', async () => {
    expect(await run(path.join(dir, 'one-spoke'))).toEqual({ code: 2, stdout: '', stderr: expect.stringMatching(/^cdk8s-skupper review: expected OLD and NEW, got 1 argument\(s\)\nusage: cdk8s-skupper review /) });
    expect((await run('a', 'b', '--format', 'html')).stderr).toMatch(/^cdk8s-skupper review: invalid --format "html": expected one of markdown, text, json\n/);
    expect((await run('a', 'b', '--fail-on', 'sometimes')).code).toBe(2);
    expect(await run(path.join(dir, 'nowhere'), path.join(dir, 'one-spoke'))).toEqual({ code: 1, stdout: '',
      stderr: `cdk8s-skupper review: no folder ${path.join(dir, 'nowhere')}: expected a synth output folder (e.g. dist) or <git revision>:<folder> (e.g. origin/main:dist)\n` });
  });
});
