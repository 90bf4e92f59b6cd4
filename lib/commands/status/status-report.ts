import type { ContextStatus } from './status-collector';
import { sortRows, StatusRow } from './status-row';
import { renderTable } from './text-table';

/** Exit codes of `status` (2, bad arguments, is the CLI's usual one). */
export const STATUS_EXIT = { allReady: 0, notReady: 1, usage: 2, unreachable: 3 } as const;

/** Everything `status` found, across contexts, in output order. */
export interface StatusReport {
  readonly rows: readonly StatusRow[];
  readonly notReady: number;
  readonly warnings: readonly { readonly context: string; readonly message: string; readonly blocking: boolean }[];
  readonly unreachable: readonly { readonly context: string; readonly message: string }[];
}

/** Puts the contexts' findings together, rows sorted stably (contexts in the order given). */
export function statusReport(contexts: readonly ContextStatus[]): StatusReport {
  const rows = sortRows(contexts.flatMap((c) => c.rows), contexts.map((c) => c.context));
  return {
    rows,
    notReady: rows.filter((row) => !row.ready).length,
    warnings: contexts.flatMap((c) => c.warnings),
    unreachable: contexts.flatMap((c) => (c.unreachable === undefined ? [] : [{ context: c.context, message: c.unreachable }])),
  };
}

/**
 * 3 when a context could not be reached (its objects are unknown), else 1 when an object is
 * not Ready or a list failed, else 0: every grant and token Ready, the Ready condition of every
 * Link, Listener and Connector True (also when there is nothing at all).
 */
export function statusExitCode(report: StatusReport): number {
  if (report.unreachable.length > 0) return STATUS_EXIT.unreachable;
  if (report.notReady > 0 || report.warnings.some((w) => w.blocking)) return STATUS_EXIT.notReady;
  return STATUS_EXIT.allReady;
}

export const STATUS_COLUMNS = ['CONTEXT', 'NAMESPACE', 'KIND', 'NAME', 'STATUS', 'REMOTE SITE', 'REDEMPTIONS', 'EXPIRES', 'MESSAGE'];

/** The table of `status -o table`: one line per object. */
export function renderStatusTable(rows: readonly StatusRow[]): string {
  return renderTable(STATUS_COLUMNS, rows.map((row) => [
    row.context,
    row.namespace,
    row.kind,
    row.name,
    row.status,
    row.remoteSite ?? '',
    row.redemptions ? `${row.redemptions.made}/${row.redemptions.allowed}` : '',
    row.expires ?? '',
    row.message,
  ]));
}

/** One line saying how things stand, after the table. */
export function statusSummary(report: StatusReport): string {
  const total = report.rows.length;
  const failedLists = report.warnings.filter((w) => w.blocking).length;
  const lists = failedLists > 0 ? `; ${failedLists} list${failedLists === 1 ? '' : 's'} failed` : '';
  const contexts = report.unreachable.length > 0
    ? `; ${report.unreachable.length} context${report.unreachable.length === 1 ? '' : 's'} unreachable (${report.unreachable.map((u) => u.context).join(', ')})`
    : '';
  let objects: string;
  if (total === 0) {
    objects = 'no LinkGrants, LinkTokens, Links, Listeners or Connectors found';
  } else if (report.notReady === 0) {
    objects = total === 1 ? 'the 1 object is Ready' : `all ${total} objects are Ready`;
  } else {
    objects = `${report.notReady} of ${total} object${total === 1 ? ' is' : 's are'} not Ready`;
  }
  return `${objects}${lists}${contexts}\n`;
}

/** The document of `status -o json`. */
export function renderStatusJson(report: StatusReport): string {
  return JSON.stringify({
    items: report.rows.map((row) => ({
      context: row.context,
      namespace: row.namespace,
      kind: row.kind,
      name: row.name,
      status: row.status,
      ready: row.ready,
      remoteSite: row.remoteSite ?? null,
      redemptions: row.redemptions ?? null,
      expires: row.expires ?? null,
      // Only Listeners and Connectors have these; other kinds keep the shape they always had.
      ...(row.service ? { routingKey: row.service.routingKey, configured: row.service.configured, matched: row.service.matched } : {}),
      message: row.message,
    })),
    total: report.rows.length,
    notReady: report.notReady,
    warnings: report.warnings.map(({ context, message, blocking }) => ({ context, message, blocking })),
    unreachable: report.unreachable,
    exitCode: statusExitCode(report),
  }, null, 2) + '\n';
}
