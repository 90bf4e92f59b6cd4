import { showStatus, StatusOptions } from '../commands/status/show-status';
import { STATUS_EXIT } from '../commands/status/status-report';
import type { CliIo } from './cli-io';
import { KUBECONFIG_FLAG } from './common-flags';
import { FlagTable, parseFlags, usageText } from './flags';
import { contextsFromFlags } from './kube-contexts';
import { dnsLabelFlag, UsageError } from './usage-error';

const FLAGS = {
  'kubeconfig': KUBECONFIG_FLAG,
  'context': { kind: 'repeatable', placeholder: 'NAME', help: 'a kubeconfig context; default: the current context' },
  'namespace': { kind: 'value', short: 'n', placeholder: 'NS', help: 'only this namespace' },
  'all-namespaces': { kind: 'boolean', short: 'A', help: 'every namespace (the default)' },
  'output': { kind: 'value', short: 'o', placeholder: 'table|json', default: 'table', help: 'the output format' },
} as const satisfies FlagTable;

export const STATUS_USAGE = usageText('status', FLAGS, [
  'Shows every LinkGrant, LinkToken and Skupper Link, Listener and Connector of each context (--context',
  'may be repeated; default: the current context), in one table: CONTEXT, NAMESPACE, KIND, NAME, STATUS,',
  'REMOTE SITE, REDEMPTIONS (made/allowed, grants), EXPIRES (grants), MESSAGE (for Listeners and',
  'Connectors: the routing key and Skupper\'s conditions Configured and Matched). --namespace/-n NS limits',
  'it to one namespace; --all-namespaces/-A (the default) looks everywhere.',
], { after: [
  'Exit codes: 0 everything is Ready (tokens Ready; grants Ready, Expired or Exhausted, a grant\'s',
  'normal end states; Links, Listeners and Connectors with',
  'condition Ready=True, which for a Listener or Connector means Configured and Matched),',
  '1 something is not (or a list failed), 2 bad arguments, 3 a context could not be reached.',
] });

/** `cdk8s-skupper status ...`: `args` are the arguments after "status". Resolves to the exit code. */
export async function runStatusCommand(args: string[], io: Pick<CliIo, 'stdout' | 'stderr'>, now: () => Date = () => new Date()): Promise<number> {
  let options: Omit<StatusOptions, 'now'> | 'help';
  try {
    options = parseStatusArgs(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`cdk8s-skupper status: ${error.message}\n`);
    return STATUS_EXIT.usage;
  }
  if (options === 'help') {
    io.stdout(STATUS_USAGE + '\n');
    return 0;
  }
  return showStatus({ ...options, now: now() }, io);
}

function parseStatusArgs(args: string[]): Omit<StatusOptions, 'now'> | 'help' {
  const flags = parseFlags(args, FLAGS, STATUS_USAGE);
  if (flags.help) return 'help';
  const namespace = flags.value('namespace');
  if (namespace !== undefined && flags.given('all-namespaces')) {
    throw new UsageError(`--namespace and --all-namespaces exclude each other\n${STATUS_USAGE}`);
  }
  const output = flags.value('output');
  if (output !== 'table' && output !== 'json') {
    throw new UsageError(`invalid --output "${output}": must be table or json\n${STATUS_USAGE}`);
  }
  return {
    contexts: contextsFromFlags(flags.value('kubeconfig'), flags.all.context),
    namespace: namespace === undefined ? undefined : dnsLabelFlag('--namespace', namespace),
    output,
  };
}
