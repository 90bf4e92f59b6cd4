import type { ContextConfig } from '../../kube-client/kube-config';
import { KubeConfigApiReader } from '../cluster/kube-api-reader';
import type { CommandOutput } from '../command-output';
import { collectContextStatus } from './status-collector';
import { renderStatusJson, renderStatusTable, statusExitCode, statusReport, statusSummary } from './status-report';

/** What `status` shows. */
export interface StatusOptions {
  readonly contexts: readonly ContextConfig[];
  /** One namespace, or all when undefined. */
  readonly namespace?: string;
  readonly output: 'table' | 'json';
  /** The time grants' expiry is measured from. */
  readonly now: Date;
}

/** Shows every LinkGrant, LinkToken, Link, Listener and Connector of the contexts; resolves to the exit code (STATUS_EXIT). */
export async function showStatus(options: StatusOptions, out: CommandOutput): Promise<number> {
  const found = await Promise.all(options.contexts.map((context) =>
    collectContextStatus(new KubeConfigApiReader(context.name, context.kubeConfig), options.namespace, options.now)));
  const report = statusReport(found);
  for (const { message } of report.unreachable) out.stderr(`error: ${message}\n`);
  for (const { message } of report.warnings) out.stderr(`warning: ${message}\n`);
  if (options.output === 'json') {
    out.stdout(renderStatusJson(report));
  } else {
    if (report.rows.length > 0) out.stdout(renderStatusTable(report.rows));
    out.stdout(statusSummary(report));
  }
  return statusExitCode(report);
}
