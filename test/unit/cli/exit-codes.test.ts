import * as fs from 'fs';
import * as path from 'path';
import { main } from '../../../lib/cli/main';

const PACKAGE_VERSION = (JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as { version: string }).version;

async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: s => { stdout += s; }, stderr: s => { stderr += s; }, readFile: fs.readFileSync });
  return { code, stdout, stderr };
}

test('--version and -v print the package version and exit 0', async () => {
  for (const flag of ['--version', '-v']) {
    expect(await run([flag])).toEqual({ code: 0, stdout: `cdk8s-skupper ${PACKAGE_VERSION}\n`, stderr: '' });
  }
  expect((await run(['--help'])).stdout).toContain('"cdk8s-skupper --version" for the version');
});

describe('every command exits 2 for bad arguments', () => {
  // The long-running roles write their usage to the process's stderr, not to the CLI's io.
  beforeEach(() => { jest.spyOn(process.stderr, 'write').mockImplementation(() => true); });
  afterEach(() => { jest.restoreAllMocks(); });

  const cases = [
    ['seal', '--bogus'],
    ['seal', '--cert', 'west.pem', '--namespace', 'skupper', '--name', 'token'],
    ['token'],
    ['token', 'import'],
    ['token', 'export', '--bogus'],
    ['token', 'export', '--namespace', 'east'],
    ['token', 'export', '--namespace', 'east', 'a', 'b'],
    ['status', '--bogus'],
    ['doctor', '--bogus'],
    ['fetch-cert', '--bogus'],
    ['grant-server', '--bogus'],
    ['redeemer', '--bogus'],
    ['frobnicate'],
  ];
  test.each(cases.map(argv => [argv.join(' '), argv] as const))('%s', async (_, argv) => {
    const result = await run(argv);
    expect({ argv, code: result.code, stdout: result.stdout }).toEqual({ argv, code: 2, stdout: '' });
  });
});
