import { runSynthApp } from '../../../lib';

function run(synth: () => void): { code: number; stderr: string } {
  let stderr = '';
  const code = runSynthApp(synth, { stderr: text => { stderr += text; } });
  return { code, stderr };
}

afterEach(() => { process.exitCode = undefined; });

test('a user error prints its message only: no source excerpt, no stack', () => {
  const result = run(() => { throw new Error('invalid grant name "Grant!": must be a DNS-1123 subdomain'); });
  expect(result).toEqual({ code: 1, stderr: 'synth failed: invalid grant name "Grant!": must be a DNS-1123 subdomain\n' });
  expect(process.exitCode).toBe(1);
});

test('a validation error keeps the construct path its message names', () => {
  const message = 'validation of cluster "west" failed:\n  [west/shop] something is wrong';
  expect(run(() => { throw new Error(message); }).stderr).toBe(`synth failed: ${message}\n`);
});

test('a bug (an engine error, or a thrown non-Error) prints its stack', () => {
  const bug = run(() => { (undefined as unknown as { x: number }).x; });
  expect(bug.code).toBe(1);
  expect(bug.stderr).toMatch(/^synth failed with an internal error \(a bug; please report it with this trace\):\nTypeError: .*\n {4}at /);
  expect(run(() => { throw 'a string'; }).stderr).toBe('synth failed with an internal error (a bug; please report it with this trace):\na string\n');
});

test('a successful synth prints nothing and exits 0', () => {
  expect(run(() => undefined)).toEqual({ code: 0, stderr: '' });
  expect(process.exitCode).toBe(0);
});
