import { renderReview } from '../../../../lib/commands/review/render-review';
import { Impact } from '../../../../lib/commands/review/review-finding';
import { ReviewReport } from '../../../../lib/commands/review/review-outputs';

const REPORT: ReviewReport = {
  before: 'origin/main:dist',
  after: 'dist',
  changedObjects: 3,
  findings: [
    { cluster: 'east', namespace: 'east', impact: Impact.CUTS_LINK, summary: 'site east is removed', details: ['links cut: to west (token t)'], commands: [] },
    { cluster: 'north', namespace: 'north', impact: Impact.ATTENTION, summary: 'link to west is removed (token t)', details: [], commands: ['kubectl --context north -n north delete link,secret t'] },
  ],
};

describe('rendering a review', () => {
  test('markdown for a pull-request comment: a heading per cluster and site, the impact in bold, commands as code', () => {
    expect(renderReview(REPORT, 'markdown')).toBe([
      '### cdk8s-skupper review: origin/main:dist -> dist',
      '',
      '3 object(s) differ: 1 change(s) cut a running link, 0 unexplained, 1 need attention, 0 informational.',
      '',
      '#### cluster east, site namespace east',
      '- **CUTS A LINK**: site east is removed',
      '  - links cut: to west (token t)',
      '',
      '#### cluster north, site namespace north',
      '- **attention**: link to west is removed (token t)',
      '  - run: `kubectl --context north -n north delete link,secret t`',
      '',
    ].join('\n'));
  });

  test('text and json', () => {
    expect(renderReview(REPORT, 'text')).toContain('  [CUTS A LINK] site east is removed\n      links cut: to west (token t)\n');
    expect(JSON.parse(renderReview(REPORT, 'json'))).toEqual(REPORT);
    expect(renderReview({ ...REPORT, findings: [] }, 'text')).toBe('review origin/main:dist -> dist\n\nNo change.\n');
  });
});
