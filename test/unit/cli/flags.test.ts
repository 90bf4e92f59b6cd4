import { FlagTable, parseFlags, synopsis, usageText } from '../../../lib/cli/flags';
import { UsageError } from '../../../lib/cli/usage-error';

const FLAGS = {
  'kubeconfig': { kind: 'value', placeholder: 'FILE', help: 'the kubeconfig' },
  'context': { kind: 'repeatable', placeholder: 'NAME', help: 'a context' },
  'namespace': { kind: 'value', short: 'n', placeholder: 'NS', help: 'one namespace' },
  'all-namespaces': { kind: 'boolean', short: 'A', help: 'every namespace' },
  'output': { kind: 'value', short: 'o', placeholder: 'table|json', default: 'table', help: 'the format' },
} as const satisfies FlagTable;

const usageError = (args: string[], options: { positional?: boolean } = {}): UsageError => {
  try {
    parseFlags(args, FLAGS, 'usage: x', options);
  } catch (error) {
    return error as UsageError;
  }
  throw new Error('no error');
};

test('takes --flag value, --flag=value, -f value and -f=value; a later value overrides an earlier one', () => {
  const flags = parseFlags(['--output=json', '--kubeconfig', 'k.yaml', '-n=skupper', '-o', 'table', '--namespace', 'east'], FLAGS, 'usage');
  expect([flags.value('kubeconfig'), flags.value('namespace'), flags.value('output')]).toEqual(['k.yaml', 'east', 'table']);
  expect(flags.all.namespace).toEqual(['skupper', 'east']);
  expect(flags.help).toBe(false);
  expect(parseFlags(['-h'], FLAGS, 'usage').help).toBe(true);
  expect(parseFlags(['--help'], FLAGS, 'usage').help).toBe(true);
});

test('repeatable flags keep every value in order; defaults fill in what is not given', () => {
  const flags = parseFlags(['--context', 'west', '--context=east'], FLAGS, 'usage');
  expect(flags.all.context).toEqual(['west', 'east']);
  expect(flags.value('output')).toBe('table');
  expect(flags.given('output')).toBe(false);
  expect(parseFlags([], FLAGS, 'usage').all.context).toEqual([]);
});

test('boolean flags take no value', () => {
  expect(parseFlags(['-A'], FLAGS, 'usage').given('all-namespaces')).toBe(true);
  expect(usageError(['--all-namespaces=true']).message).toBe('--all-namespaces takes no value, got "--all-namespaces=true"\nusage: x');
});

test('a value flag takes the next argument even when it looks like a flag', () => {
  expect(parseFlags(['--output', '-A'], FLAGS, 'usage').value('output')).toBe('-A');
});

test('unknown flags, missing values and positional arguments are usage errors naming them, with the usage', () => {
  expect(usageError(['--contxt', 'west'])).toBeInstanceOf(UsageError);
  expect(usageError(['--contxt', 'west']).message).toBe('unknown argument "--contxt"\nusage: x');
  expect(usageError(['--metrics-port=9191']).message).toBe('unknown argument "--metrics-port=9191"\nusage: x');
  expect(usageError(['--context']).message).toBe('--context needs a value\nusage: x');
  expect(usageError(['--namespace=']).message).toBe('--namespace needs a value\nusage: x');
  expect(usageError(['-o']).message).toBe('--output needs a value\nusage: x');
  expect(usageError(['west']).message).toBe('unexpected argument "west"\nusage: x');
  expect(parseFlags(['west'], FLAGS, 'usage', { positional: true }).positional).toEqual(['west']);
});

test('a required flag that is missing is named, unless help is asked for', () => {
  const table = { port: { kind: 'value', required: true, placeholder: 'N', help: 'the port' } } as const satisfies FlagTable;
  expect(() => parseFlags([], table, 'usage: x')).toThrow('missing --port\nusage: x');
  expect(parseFlags(['--help'], table, 'usage: x').help).toBe(true);
});

test('the usage text is made from the table: synopsis, description, one line per flag with its default', () => {
  expect(synopsis('status', FLAGS, ['NAME'])).toBe([ // wrapped at 100 columns
    'usage: cdk8s-skupper status [--kubeconfig FILE] [--context NAME]... [-n NS] [-A] [-o table|json]',
    '                            NAME',
  ].join('\n'));
  expect(usageText('status', FLAGS, ['Shows things.']).split('\n').slice(1)).toEqual([
    '',
    'Shows things.',
    '',
    'flags:',
    '  --kubeconfig FILE        the kubeconfig',
    '  --context NAME           a context (may be repeated)',
    '  --namespace, -n NS       one namespace',
    '  --all-namespaces, -A     every namespace',
    '  --output, -o table|json  the format (default table)',
  ]);
});
