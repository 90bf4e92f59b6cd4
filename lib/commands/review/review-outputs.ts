import { explainClusters } from './explainers/clusters';
import { explainCrds } from './explainers/crds';
import { explainGitOpsObjects } from './explainers/gitops-objects';
import { explainGrantLimits } from './explainers/grant-limits';
import { explainGrantServerKeys } from './explainers/grant-server-keys';
import { explainLinks } from './explainers/links';
import { explainRbac } from './explainers/rbac';
import { explainRuntimeWorkloads } from './explainers/runtime-workloads';
import { explainSealedValues } from './explainers/sealed-values';
import { explainServices } from './explainers/services';
import { explainSites } from './explainers/sites';
import { reportUnexplained } from './explainers/unexplained';
import { objectChanges } from './object-changes';
import { outputObjects } from './output-objects';
import { Explainer, ReviewContext } from './review-context';
import { compareFindings, Impact, ReviewFinding } from './review-finding';
import { SynthOutput } from './synth-output';

/** Two synth outputs compared in the network's terms. */
export interface ReviewReport {
  readonly before: string;
  readonly after: string;
  /** How many objects differ. */
  readonly changedObjects: number;
  readonly findings: readonly ReviewFinding[];
}

// Order matters: a site removed claims everything in its namespace before the links explainer
// would report each token, and a cluster added or removed as a whole claims (after the links) what
// its sites leave; the grant server's re-key claims the tokens' `ca` before anything else.
const EXPLAINERS: readonly Explainer[] = [
  explainSites, explainGrantServerKeys, explainLinks, explainSealedValues, explainGrantLimits, explainRbac,
  explainClusters, explainCrds, explainRuntimeWorkloads, explainServices, explainGitOpsObjects, reportUnexplained,
];

/** Explains what changed from one synth output to another. */
export function reviewOutputs(before: SynthOutput, after: SynthOutput): ReviewReport {
  const [old, current] = [outputObjects(before), outputObjects(after)];
  const context = new ReviewContext(objectChanges(old, current), old, current);
  const findings = EXPLAINERS.flatMap((explain) => explain(context)).sort(compareFindings);
  return { before: before.label, after: after.label, changedObjects: context.changes.length, findings };
}

/** When a CI step should fail: `cut` (a change cuts a running link), also on `unexplained` ones, on `any` change, or `never`. */
export type FailOn = 'cut' | 'unexplained' | 'any' | 'never';
export const FAIL_ON_VALUES: readonly FailOn[] = ['cut', 'unexplained', 'any', 'never'];

/** Whether a report fails the gate. */
export function failsGate(report: ReviewReport, failOn: FailOn): boolean {
  const impacts = new Set(report.findings.map((finding) => finding.impact));
  switch (failOn) {
    case 'never': return false;
    case 'any': return report.findings.length > 0;
    case 'unexplained': return impacts.has(Impact.CUTS_LINK) || impacts.has(Impact.UNEXPLAINED);
    case 'cut': return impacts.has(Impact.CUTS_LINK);
  }
}
