/** How a change touches the running network; a CI step gates on these (see `--fail-on`). */
export enum Impact {
  /** Applying it takes down a running link (a Site pruned, a site's endpoints moved). */
  CUTS_LINK = 'cuts-link',
  /** Needs a person: something keeps running that no longer is in git, or a manual step follows. */
  ATTENTION = 'attention',
  /** Explained and harmless. */
  INFO = 'info',
  /** A change this review cannot explain; read the diff itself. */
  UNEXPLAINED = 'unexplained',
}

/** One change, said in the network's terms. */
export interface ReviewFinding {
  /** The cluster folder (`_gitops` for the GitOps tools' objects). */
  readonly cluster: string;
  /** The site's namespace, or '' for what is not in one (CRDs, GitOps objects). */
  readonly namespace: string;
  readonly impact: Impact;
  /** One line: what changed. */
  readonly summary: string;
  /** What it means, one line each. */
  readonly details: readonly string[];
  /** Commands a person should run after applying it. */
  readonly commands: readonly string[];
}

/** Orders findings: by cluster, then namespace, then the most severe first. */
export function compareFindings(a: ReviewFinding, b: ReviewFinding): number {
  const severity = [Impact.CUTS_LINK, Impact.UNEXPLAINED, Impact.ATTENTION, Impact.INFO];
  return a.cluster.localeCompare(b.cluster) || a.namespace.localeCompare(b.namespace)
    || severity.indexOf(a.impact) - severity.indexOf(b.impact) || a.summary.localeCompare(b.summary);
}
