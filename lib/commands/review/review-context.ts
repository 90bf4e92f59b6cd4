import { ObjectChange } from './object-changes';
import { OutputObject } from './output-objects';
import { ReviewFinding } from './review-finding';

/**
 * What explainers share: the changes, both outputs, and which changes are explained so far. Each
 * explainer claims the objects or paths it explains; whatever no one claims is reported as
 * unexplained, so a change no explainer knows can never pass as harmless.
 */
export class ReviewContext {
  private readonly claims = new Map<string, string[]>();

  public constructor(
    public readonly changes: readonly ObjectChange[],
    public readonly before: ReadonlyMap<string, OutputObject>,
    public readonly after: ReadonlyMap<string, OutputObject>,
  ) {}

  /** The unclaimed changes of objects of a kind (of either side). */
  public open(kind: string): ObjectChange[] {
    return this.changes.filter((change) => (change.after ?? change.before)!.kind === kind && this.unexplainedPaths(change).length > 0);
  }

  /** Marks paths of a change (by default the whole change) as explained. */
  public explain(change: ObjectChange, ...paths: string[]): void {
    this.claims.set(change.key, [...(this.claims.get(change.key) ?? []), ...(paths.length > 0 ? paths : [''])]);
  }

  /** The changed paths no explainer claimed (`['']` for an unclaimed added or removed object). */
  public unexplainedPaths(change: ObjectChange): string[] {
    const claimed = this.claims.get(change.key) ?? [];
    if (claimed.includes('')) {
      return [];
    }
    const paths = change.paths.length > 0 ? change.paths : [''];
    return paths.filter((path) => !claimed.some((prefix) => path === prefix || path.startsWith(`${prefix}.`)));
  }
}

/** Explains some of the changes in the network's terms. */
export type Explainer = (context: ReviewContext) => ReviewFinding[];
