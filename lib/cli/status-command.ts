import { KubeConfigApiReader } from '../operator/kube-api-reader';
import { ContextConfig, loadContexts } from '../operator/kube-contexts';
import { parseOperatorFlags } from '../operator/operator-flags';
import { collectContextStatus } from '../operator/status-collector';
import { renderStatusJson, renderStatusTable, STATUS_EXIT, statusExitCode, statusReport, statusSummary } from '../operator/status-report';
import { dnsLabelFlag, UsageError } from '../operator/usage-error';
import type { CliIo } from './cli-io';

export const STATUS_USAGE = [
  'usage: cdk8s-skupper status [--kubeconfig FILE] [--context NAME]... [-n NS | -A] [-o table|json]',
  '',
  'Shows every LinkGrant, LinkToken and Skupper Link, Listener and Connector of each context (--context',
  'may be repeated; default: the current context), in one table: CONTEXT, NAMESPACE, KIND, NAME, STATUS,',
  'REMOTE SITE, REDEMPTIONS (made/allowed, grants), EXPIRES (grants), MESSAGE (for Listeners and',
  'Connectors: the routing key and Skupper\'s conditions Configured and Matched). --namespace/-n NS limits',
  'it to one namespace; --all-namespaces/-A (the default) looks everywhere.',
  '',
  'Exit codes: 0 everything is Ready (tokens Ready; grants Ready, Expired or Exhausted, a grant\'s',
  'normal end states; Links, Listeners and Connectors with',
  'condition Ready=True, which for a Listener or Connector means Configured and Matched),',
  '1 something is not (or a list failed), 2 bad arguments, 3 a context could not be reached.',
].join('\n');

interface StatusArgs {
  readonly contexts: readonly ContextConfig[];
  readonly namespace?: string;
  readonly output: 'table' | 'json';
}

/** `cdk8s-skupper status ...`: `args` are the arguments after "status". Resolves to the exit code. */
export async function runStatusCommand(args: string[], io: Pick<CliIo, 'stdout' | 'stderr'>, now: () => Date = () => new Date()): Promise<number> {
  let parsed: StatusArgs | 'help';
  try {
    parsed = parseStatusArgs(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`cdk8s-skupper status: ${error.message}\n`);
    return STATUS_EXIT.usage;
  }
  if (parsed === 'help') {
    io.stdout(STATUS_USAGE + '\n');
    return 0;
  }

  const { namespace, output } = parsed;
  const time = now();
  const found = await Promise.all(parsed.contexts.map((context) =>
    collectContextStatus(new KubeConfigApiReader(context.name, context.kubeConfig), namespace, time)));
  const report = statusReport(found);
  for (const { message } of report.unreachable) io.stderr(`error: ${message}\n`);
  for (const { message } of report.warnings) io.stderr(`warning: ${message}\n`);
  if (output === 'json') {
    io.stdout(renderStatusJson(report));
  } else {
    if (report.rows.length > 0) io.stdout(renderStatusTable(report.rows));
    io.stdout(statusSummary(report));
  }
  return statusExitCode(report);
}

function parseStatusArgs(args: string[]): StatusArgs | 'help' {
  const flags = parseOperatorFlags(args, {
    values: ['--kubeconfig', '--namespace', '--output'],
    repeatable: ['--context'],
    booleans: ['--all-namespaces'],
    aliases: { '-n': '--namespace', '-A': '--all-namespaces', '-o': '--output' },
  }, STATUS_USAGE);
  if (flags.help) return 'help';
  const namespaceFlag = flags.values.get('--namespace');
  if (namespaceFlag !== undefined && flags.booleans.has('--all-namespaces')) {
    throw new UsageError(`--namespace and --all-namespaces exclude each other\n${STATUS_USAGE}`);
  }
  const output = flags.values.get('--output') ?? 'table';
  if (output !== 'table' && output !== 'json') {
    throw new UsageError(`invalid --output "${output}": must be table or json\n${STATUS_USAGE}`);
  }
  return {
    contexts: loadContexts(flags.values.get('--kubeconfig'), flags.lists.get('--context') ?? []),
    namespace: namespaceFlag === undefined ? undefined : dnsLabelFlag('--namespace', namespaceFlag),
    output,
  };
}
