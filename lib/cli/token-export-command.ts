import { exportToken } from '../commands/token-export/export-token';
import { currentNamespace } from '../kube-client/kube-config';
import type { CliIo } from './cli-io';
import { KUBECONFIG_FLAG } from './common-flags';
import { FlagTable, parseFlags, usageText } from './flags';
import { contextsFromFlags } from './kube-contexts';
import { UsageError } from './usage-error';

const FLAGS = {
  'namespace': { kind: 'value', placeholder: 'NS', help: 'the LinkToken\'s namespace (default: the current context\'s)' },
  'kubeconfig': KUBECONFIG_FLAG,
} as const satisfies FlagTable;

export const TOKEN_EXPORT_USAGE = usageText('token export', FLAGS, [
  'Prints the LinkToken NAME as a stock Skupper AccessToken (YAML), with the code read from its',
  'Secret, for `kubectl apply` on a site run by the Skupper controller alone. The output holds',
  'the secret code: keep it out of git and logs.',
], { operands: ['NAME'] });

export const TOKEN_USAGE = [
  'usage: cdk8s-skupper token <subcommand> [arguments]',
  '',
  'subcommands:',
  '  export  print a LinkToken as a stock Skupper AccessToken',
].join('\n');

/** `cdk8s-skupper token <subcommand> ...`: `args` are the arguments after "token". */
export function runTokenCommand(args: string[], io: Pick<CliIo, 'stdout'>): Promise<number> {
  const [subcommand, ...rest] = args;
  if (subcommand === 'export') {
    return runTokenExportCommand(rest, io);
  }
  if (subcommand === '--help' || subcommand === '-h') {
    io.stdout(TOKEN_USAGE + '\n');
    return Promise.resolve(0);
  }
  return Promise.reject(new UsageError(`${subcommand === undefined ? 'missing subcommand' : `unknown subcommand ${JSON.stringify(subcommand)}`}\n${TOKEN_USAGE}`));
}

/**
 * `cdk8s-skupper token export ...`: `args` are the arguments after "export". Resolves 0; rejects
 * with a message naming what is missing, a UsageError (exit code 2) for bad arguments or an
 * unusable kubeconfig.
 */
export async function runTokenExportCommand(args: string[], io: Pick<CliIo, 'stdout'>): Promise<number> {
  const flags = parseFlags(args, FLAGS, TOKEN_EXPORT_USAGE, { positional: true });
  if (flags.help) {
    io.stdout(TOKEN_EXPORT_USAGE + '\n');
    return 0;
  }
  if (flags.positional.length !== 1) {
    throw new UsageError(`expected exactly one LinkToken name, got ${flags.positional.length}\n${TOKEN_EXPORT_USAGE}`);
  }
  // As status and doctor load it: a missing or unreadable kubeconfig is named, with where it was looked for.
  const [{ kubeConfig }] = contextsFromFlags(flags.value('kubeconfig'), []);
  const namespace = flags.value('namespace') ?? currentNamespace(kubeConfig);
  if (!namespace) {
    throw new UsageError(`missing --namespace\n${TOKEN_EXPORT_USAGE}`);
  }
  await exportToken({ kubeConfig, namespace, name: flags.positional[0] }, io);
  return 0;
}
