import { runRedeemerCommand } from '../../../lib/cli/redeemer-command';

let output: string[];
beforeEach(() => {
  output = [];
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => output.push(`stdout: ${String(chunk)}`) > 0);
  jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => output.push(`stderr: ${String(chunk)}`) > 0);
});
afterEach(() => jest.restoreAllMocks());

test('--help prints the usage and exits 0', async () => {
  expect(await runRedeemerCommand(['--help'])).toBe(0);
  expect(output.join('')).toMatch(/^stdout: usage: cdk8s-skupper redeemer \[--kubeconfig FILE\] \[--namespace NS\] \[--metrics-address/);
});

test('bad arguments exit 2 with the usage', async () => {
  expect(await runRedeemerCommand(['--metrics-port=9191'])).toBe(2);
  expect(output.join('')).toMatch(/^stderr: cdk8s-skupper redeemer: unknown argument "--metrics-port=9191"\nusage:/);
  output = [];
  expect(await runRedeemerCommand(['extra'])).toBe(2);
  expect(output.join('')).toMatch(/unexpected argument "extra"/);
});

test('a configuration it cannot use exits 1, saying why in a JSON log line', async () => {
  expect(await runRedeemerCommand(['--kubeconfig', '/nonexistent/kubeconfig', '--namespace', 'east'])).toBe(1);
  const line = JSON.parse(output.join('').replace(/^stdout: /, ''));
  expect(line).toMatchObject({ level: 'error', msg: 'cannot start', component: 'redeemer' });
  expect(line.error).toContain('/nonexistent/kubeconfig');
  output = [];
  expect(await runRedeemerCommand(['--metrics-address', 'nonsense', '--namespace', 'east'])).toBe(1);
  expect(JSON.parse(output.join('').replace(/^stdout: /, '')).error).toBe('invalid listen address "nonsense": expected host:port or :port');
});
