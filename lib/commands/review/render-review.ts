import { GITOPS_FOLDER } from '../../api/output-layout';
import { Impact, ReviewFinding } from './review-finding';
import { ReviewReport } from './review-outputs';

export type ReviewFormat = 'markdown' | 'text' | 'json';
export const REVIEW_FORMATS: readonly ReviewFormat[] = ['markdown', 'text', 'json'];

const LABELS: Record<Impact, string> = {
  [Impact.CUTS_LINK]: 'CUTS A LINK',
  [Impact.UNEXPLAINED]: 'UNEXPLAINED',
  [Impact.ATTENTION]: 'attention',
  [Impact.INFO]: 'info',
};

/** The report as a pull-request comment (markdown), plain text, or JSON for tools. */
export function renderReview(report: ReviewReport, format: ReviewFormat): string {
  if (format === 'json') {
    return `${JSON.stringify(report, null, 2)}\n`;
  }
  const markdown = format === 'markdown';
  const lines = [markdown ? `### cdk8s-skupper review: ${report.before} -> ${report.after}` : `review ${report.before} -> ${report.after}`, ''];
  lines.push(summaryLine(report), '');
  for (const [scope, findings] of groupByScope(report.findings)) {
    lines.push(markdown ? `#### ${scope}` : scope);
    for (const finding of findings) {
      lines.push(markdown ? `- **${LABELS[finding.impact]}**: ${finding.summary}` : `  [${LABELS[finding.impact]}] ${finding.summary}`);
      finding.details.forEach((detail) => lines.push(markdown ? `  - ${detail}` : `      ${detail}`));
      finding.commands.forEach((command) => lines.push(markdown ? `  - run: \`${command}\`` : `      run: ${command}`));
    }
    lines.push('');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

function summaryLine(report: ReviewReport): string {
  if (report.findings.length === 0) {
    return 'No change.';
  }
  const count = (impact: Impact): number => report.findings.filter((finding) => finding.impact === impact).length;
  return `${report.changedObjects} object(s) differ: ${count(Impact.CUTS_LINK)} change(s) cut a running link, ` +
    `${count(Impact.UNEXPLAINED)} unexplained, ${count(Impact.ATTENTION)} need attention, ${count(Impact.INFO)} informational.`;
}

function groupByScope(findings: readonly ReviewFinding[]): Map<string, ReviewFinding[]> {
  const groups = new Map<string, ReviewFinding[]>();
  for (const finding of findings) {
    const scope = finding.cluster === GITOPS_FOLDER ? 'GitOps objects' : `cluster ${finding.cluster}${finding.namespace ? `, site namespace ${finding.namespace}` : ''}`;
    groups.set(scope, [...(groups.get(scope) ?? []), finding]);
  }
  return groups;
}
