import { CA_FINGERPRINT_ANNOTATION, certificateFingerprint, shortFingerprint } from '../../../api/review-annotations';
import { ObjectChange, rotationChange } from '../object-changes';
import { annotationsOf, OutputObject, specOf } from '../output-objects';
import { ReviewContext } from '../review-context';
import { Impact, ReviewFinding } from '../review-finding';

const CA_ANNOTATION_PATH = `metadata.annotations.${CA_FINGERPRINT_ANNOTATION}`;

/**
 * Grant servers re-keyed (their TLS SealedSecret serves a new CA) and the tokens that follow
 * (their `ca` changes to it). Redeemed links are not affected: they use the site's Skupper CA.
 */
export function explainGrantServerKeys(context: ReviewContext): ReviewFinding[] {
  const tokens = context.open('LinkToken').filter((change) => change.before && change.after && change.paths.includes('spec.ca'));
  const findings = context.open('SealedSecret')
    .filter((change) => change.before && change.after && change.paths.includes(CA_ANNOTATION_PATH))
    .map((change) => rekeyed(context, change, tokens));
  for (const token of tokens.filter((change) => context.unexplainedPaths(change).includes('spec.ca'))) {
    context.explain(token, 'spec.ca', CA_ANNOTATION_PATH);
    findings.push({
      cluster: token.after!.cluster,
      namespace: token.after!.namespace,
      impact: Impact.INFO,
      summary: `token ${token.after!.name} trusts a new grant server CA (${shortFingerprint(tokenCa(token.after!))}), served by no grant server in this output`,
      details: ['its grant server is synthesized elsewhere; tokens redeemed from now on verify it with this CA'],
      commands: [],
    });
  }
  return findings;
}

function rekeyed(context: ReviewContext, change: ObjectChange, tokens: ObjectChange[]): ReviewFinding {
  const [before, after] = [annotationsOf(change.before!), annotationsOf(change.after!)];
  context.explain(change, 'spec.encryptedData', 'metadata.annotations');
  const newCa = after[CA_FINGERPRINT_ANNOTATION];
  const following = tokens.filter((token) => tokenCa(token.after!) === newCa);
  following.forEach((token) => context.explain(token, 'spec.ca', CA_ANNOTATION_PATH));
  const rotation = rotationChange(change);
  return {
    cluster: change.after!.cluster,
    namespace: change.after!.namespace,
    impact: Impact.INFO,
    summary: `grant server ${change.after!.name.replace(/-tls$/, '')} is re-keyed${rotation}: CA ` +
      `${shortFingerprint(before[CA_FINGERPRINT_ANNOTATION] ?? 'unknown')} -> ${shortFingerprint(newCa)}`,
    details: [
      'redeemed links are not affected; tokens redeemed from now on trust the new CA',
      following.length > 0
        ? `tokens that follow: ${following.map((token) => `${token.after!.cluster}/${token.after!.namespace}/${token.after!.name}`).join(', ')}`
        : 'no token in this output trusts the new CA',
    ],
    commands: [],
  };
}

/** The CA a token trusts: its annotation, or computed from `spec.ca` for output without one. */
function tokenCa(token: OutputObject): string {
  return annotationsOf(token)[CA_FINGERPRINT_ANNOTATION] ?? certificateFingerprint(String(specOf(token).ca));
}
