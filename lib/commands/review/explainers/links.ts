import { describeValueChange, ObjectChange } from '../object-changes';
import { objectKey, OutputObject, specOf } from '../output-objects';
import { ReviewContext } from '../review-context';
import { Impact, ReviewFinding } from '../review-finding';

/**
 * LinkTokens and LinkGrants added or removed, with their code SealedSecrets, and tokens pointed at
 * another grant. A removed token leaves its Link and Secret running (the redeemer never deletes):
 * say so, with the command that deletes them.
 */
export function explainLinks(context: ReviewContext): ReviewFinding[] {
  return [
    ...context.open('LinkToken').flatMap((change) => (change.before && change.after ? tokenChanged(context, change) : [tokenAddedOrRemoved(context, change)])),
    ...context.open('LinkGrant').filter((change) => !change.before || !change.after).map((change) => grantAddedOrRemoved(context, change)),
  ];
}

function tokenAddedOrRemoved(context: ReviewContext, change: ObjectChange): ReviewFinding {
  const token = (change.after ?? change.before)!;
  claimWithCodeSecret(context, change, token);
  const spec = specOf(token) as { url?: string; remoteSite?: string };
  const link = `link to ${spec.remoteSite ?? spec.url}`;
  if (change.after) {
    return finding(token, Impact.INFO, `${link} is added (token ${token.name})`, [`the redeemer redeems it at ${spec.url}`], []);
  }
  return finding(token, Impact.ATTENTION, `${link} is removed (token ${token.name})`, [
    `GitOps prunes the token and its code; the Link and Secret named ${token.name} that the redeemer made stay, ` +
      'and the router link with them (a token pruned by mistake must not cut a running link)',
  ], [deleteLinkCommand(token)]);
}

function tokenChanged(context: ReviewContext, change: ObjectChange): ReviewFinding[] {
  const token = change.after!;
  const paths = change.paths.filter((path) => ['spec.url', 'spec.remoteSite', 'spec.linkCost'].includes(path));
  if (paths.length === 0) {
    return [];
  }
  context.explain(change, ...paths);
  return [finding(token, Impact.ATTENTION, `token ${token.name} changes: ${paths.map((path) => describeValueChange(change, path, path.replace(/^spec\./, ''), 'unset')).join('; ')}`, [
    `the redeemer does not redeem again while the Link and Secret named ${token.name} exist: delete them to link with the new token`,
  ], [deleteLinkCommand(token)])];
}

function grantAddedOrRemoved(context: ReviewContext, change: ObjectChange): ReviewFinding {
  const grant = (change.after ?? change.before)!;
  claimWithCodeSecret(context, change, grant);
  if (change.after) {
    return finding(grant, Impact.INFO, `grant ${grant.name} is added`, ['the grant server serves it; its window starts when the grant server first sees it'], []);
  }
  return finding(grant, Impact.INFO, `grant ${grant.name} is removed`, [
    'GitOps prunes it and its code: links already redeemed with it keep running; new redemptions of it fail',
  ], []);
}

/** Claims an added or removed token or grant with the `<name>-code` SealedSecret beside it. */
function claimWithCodeSecret(context: ReviewContext, change: ObjectChange, object: OutputObject): void {
  context.explain(change);
  const codeKey = objectKey({ cluster: object.cluster, kind: 'SealedSecret', namespace: object.namespace, name: `${object.name}-code` });
  const code = context.changes.find((c) => c.key === codeKey && !c.before === !change.before && !c.after === !change.after);
  if (code) {
    context.explain(code);
  }
}

export function deleteLinkCommand(token: OutputObject): string {
  return `kubectl --context ${token.cluster} -n ${token.namespace} delete link,secret ${token.name}`;
}


function finding(object: OutputObject, impact: Impact, summary: string, details: string[], commands: string[]): ReviewFinding {
  return { cluster: object.cluster, namespace: object.namespace, impact, summary, details, commands };
}
