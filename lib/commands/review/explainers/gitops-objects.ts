import { GITOPS_FOLDER } from '../../../api/output-layout';
import { describeObject } from '../output-objects';
import { ReviewContext } from '../review-context';
import { Impact, ReviewFinding } from '../review-finding';

/** The GitOps tools' own objects (`_gitops/`): Argo CD Applications, Flux Kustomizations and sources. */
export function explainGitOpsObjects(context: ReviewContext): ReviewFinding[] {
  return context.changes.filter((change) => (change.after ?? change.before)!.cluster === GITOPS_FOLDER && context.unexplainedPaths(change).length > 0)
    .map((change) => {
      context.explain(change);
      const object = (change.after ?? change.before)!;
      const verb = !change.before ? 'is added' : !change.after ? 'is removed' : `changes: ${change.paths.join(', ')}`;
      return {
        cluster: object.cluster,
        namespace: '',
        impact: change.after ? Impact.INFO : Impact.ATTENTION,
        summary: `${describeObject(object)} ${verb}`,
        details: change.after ? [] : ['with pruning (and Argo CD\'s resources finalizer) the tool deletes what it applied from that folder'],
        commands: [],
      };
    });
}
