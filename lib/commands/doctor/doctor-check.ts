/** How a check came out: FAIL makes `doctor` exit 1; WARN is something to look at, or what cannot be known. */
export type CheckOutcome = 'OK' | 'WARN' | 'FAIL';

/** One line of `doctor`. */
export interface CheckResult {
  readonly context: string;
  /** What was checked, e.g. "Skupper CRDs" or "LinkToken east/link-to-west". */
  readonly check: string;
  readonly outcome: CheckOutcome;
  /** What was found. */
  readonly detail: string;
  /** What to do about a WARN or FAIL. */
  readonly hint?: string;
}

/** Exit codes of `doctor` (2, bad arguments, is the CLI's usual one). */
export const DOCTOR_EXIT = { noFailure: 0, failure: 1, usage: 2 } as const;

/** 0 when no check failed (warnings allowed), else 1. */
export function doctorExitCode(results: readonly CheckResult[]): number {
  return results.some((r) => r.outcome === 'FAIL') ? DOCTOR_EXIT.failure : DOCTOR_EXIT.noFailure;
}

/**
 * One line per check: outcome, context, check and what was found, with the hint after it; the
 * first three columns aligned. Text from the cluster is kept to one line.
 */
export function renderCheckResults(results: readonly CheckResult[]): string {
  const width = (pick: (r: CheckResult) => string): number => Math.max(0, ...results.map((r) => pick(r).length));
  const [outcomeWidth, contextWidth, checkWidth] = [width((r) => r.outcome), width((r) => r.context), width((r) => oneLine(r.check))];
  return results.map((r) => {
    const hint = r.hint && r.outcome !== 'OK' ? ` (hint: ${oneLine(r.hint)})` : '';
    return `${r.outcome.padEnd(outcomeWidth)}  ${r.context.padEnd(contextWidth)}  ${oneLine(r.check).padEnd(checkWidth)}  ${oneLine(r.detail)}${hint}`;
  }).join('\n') + (results.length > 0 ? '\n' : '');
}

/** The count of each outcome, e.g. "9 OK, 1 WARN, 0 FAIL". */
export function checkSummary(results: readonly CheckResult[]): string {
  const count = (outcome: CheckOutcome): number => results.filter((r) => r.outcome === outcome).length;
  return `${count('OK')} OK, ${count('WARN')} WARN, ${count('FAIL')} FAIL`;
}

function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').trim();
}
