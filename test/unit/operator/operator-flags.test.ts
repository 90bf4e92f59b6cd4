import { parseOperatorFlags } from '../../../lib/operator/operator-flags';
import { UsageError } from '../../../lib/operator/usage-error';

const SPEC = {
  values: ['--kubeconfig', '--namespace', '--output'],
  repeatable: ['--context'],
  booleans: ['--all-namespaces'],
  aliases: { '-n': '--namespace', '-A': '--all-namespaces', '-o': '--output' },
};

test('repeatable flags keep every value in order; aliases and --flag=value work', () => {
  const flags = parseOperatorFlags(['--context', 'west', '--context=east', '-o', 'json', '-n=skupper', '--kubeconfig', 'k.yaml'], SPEC, 'usage');
  expect(flags.lists.get('--context')).toEqual(['west', 'east']);
  expect(Object.fromEntries(flags.values)).toEqual({ '--output': 'json', '--namespace': 'skupper', '--kubeconfig': 'k.yaml' });
  expect(flags.booleans.size).toBe(0);
  expect(flags.help).toBe(false);
});

test('boolean flags take no value; a repeatable flag never given is an empty list', () => {
  const flags = parseOperatorFlags(['-A'], SPEC, 'usage');
  expect([...flags.booleans]).toEqual(['--all-namespaces']);
  expect(flags.lists.get('--context')).toEqual([]);
  expect(() => parseOperatorFlags(['--all-namespaces=true'], SPEC, 'usage: x')).toThrow('--all-namespaces takes no value, got "--all-namespaces=true"\nusage: x');
});

test('a value flag takes the next argument even when it looks like a flag', () => {
  expect(parseOperatorFlags(['--output', '-A'], SPEC, 'usage').values.get('--output')).toBe('-A');
});

test('unknown flags, missing values and positional arguments are usage errors naming them', () => {
  const usageError = (args: string[]): UsageError => {
    try {
      parseOperatorFlags(args, SPEC, 'usage: x');
    } catch (error) {
      return error as UsageError;
    }
    throw new Error('no error');
  };
  expect(usageError(['--contxt', 'west'])).toBeInstanceOf(UsageError);
  expect(usageError(['--contxt', 'west']).message).toBe('unknown argument "--contxt"\nusage: x');
  expect(usageError(['--context']).message).toBe('--context needs a value\nusage: x');
  expect(usageError(['-o']).message).toBe('--output needs a value\nusage: x');
  expect(usageError(['west']).message).toBe('unexpected argument "west"\nusage: x');
  expect(parseOperatorFlags(['-h'], SPEC, 'usage').help).toBe(true);
});
