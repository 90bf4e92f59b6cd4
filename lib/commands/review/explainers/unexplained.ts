import { describeObject } from '../output-objects';
import { ReviewContext } from '../review-context';
import { Impact, ReviewFinding } from '../review-finding';

/** Last: every change no explainer claimed, named as such with its paths. */
export function reportUnexplained(context: ReviewContext): ReviewFinding[] {
  return context.changes.flatMap((change) => {
    const paths = context.unexplainedPaths(change);
    if (paths.length === 0) {
      return [];
    }
    const object = (change.after ?? change.before)!;
    const sealedValues = object.kind === 'SealedSecret' && paths.some((path) => path.startsWith('spec.encryptedData.'));
    return [{
      cluster: object.cluster,
      namespace: object.namespace,
      impact: Impact.UNEXPLAINED,
      summary: `${describeObject(object)} ${!change.before ? 'is added' : !change.after ? 'is removed' : `changes: ${paths.join(', ')}`}`,
      details: sealedValues ? ['no value fingerprints on both sides (output of an older version?): a rotated value and a re-sealed one look alike'] : [],
      commands: [],
    }];
  });
}
