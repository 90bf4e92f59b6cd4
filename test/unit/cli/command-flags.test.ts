import { parseCommandFlags } from '../../../lib/cli/command-flags';

const FLAGS = ['--kubeconfig', '--namespace', '--metrics-address'];

test('takes --flag value and --flag=value; a later flag overrides an earlier one', () => {
  const flags = parseCommandFlags(['--metrics-address=:9191', '--kubeconfig', 'k.yaml', '--namespace', 'east', '--metrics-address', '127.0.0.1:0', 'NAME'], FLAGS, 'usage');
  expect(Object.fromEntries(flags.values)).toEqual({ '--metrics-address': '127.0.0.1:0', '--kubeconfig': 'k.yaml', '--namespace': 'east' });
  expect(flags.positional).toEqual(['NAME']);
  expect(flags.help).toBe(false);
  expect(parseCommandFlags(['-h'], FLAGS, 'usage').help).toBe(true);
});

test('refuses unknown flags and flags without a value, with the usage', () => {
  expect(() => parseCommandFlags(['--metrics-port=9191'], FLAGS, 'usage: x')).toThrow('unknown argument "--metrics-port=9191"\nusage: x');
  expect(() => parseCommandFlags(['--namespace'], FLAGS, 'usage: x')).toThrow('--namespace needs a value\nusage: x');
  expect(() => parseCommandFlags(['--namespace='], FLAGS, 'usage: x')).toThrow('--namespace needs a value');
});
