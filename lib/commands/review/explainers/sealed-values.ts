import { GRANT_LABEL, TOKEN_LABEL } from '../../../api/labels';
import { SEALED_FOR_ANNOTATION, shortFingerprint, VALUE_FINGERPRINT_PREFIX } from '../../../api/review-annotations';
import { ObjectChange, rotationChange } from '../object-changes';
import { annotationsOf, labelsOf } from '../output-objects';
import { deleteLinkCommand } from './links';
import { ReviewContext } from '../review-context';
import { Impact, ReviewFinding } from '../review-finding';

/**
 * Sealed values that changed, told apart by their fingerprints: a code rotated (its fingerprint
 * changed) or only re-sealed (same fingerprint, sealed for a new certificate). Without
 * fingerprints (output of an older version) the two look alike, and the change stays unexplained.
 */
export function explainSealedValues(context: ReviewContext): ReviewFinding[] {
  const findings: ReviewFinding[] = [];
  const resealed = new Map<string, { from: string; to: string; secrets: string[] }>();
  for (const change of context.open('SealedSecret').filter((c) => c.before && c.after)) {
    const keys = changedKeys(change);
    if (keys.length === 0 || keys.some((key) => fingerprint(change, 'before', key) === undefined || fingerprint(change, 'after', key) === undefined)) {
      continue;
    }
    context.explain(change, 'spec.encryptedData', `metadata.annotations`);
    const rotated = keys.filter((key) => fingerprint(change, 'before', key) !== fingerprint(change, 'after', key));
    const secret = change.after!;
    if (rotated.length === 0) {
      const [from, to] = [annotationsOf(change.before!)[SEALED_FOR_ANNOTATION], annotationsOf(secret)[SEALED_FOR_ANNOTATION]];
      const group = `${secret.cluster}\n${from}\n${to}`;
      resealed.set(group, { from, to, secrets: [...(resealed.get(group)?.secrets ?? []), `${secret.namespace}/${secret.name}`] });
      continue;
    }
    findings.push(rotatedValues(change, rotated));
  }
  for (const [group, { from, to, secrets }] of resealed) {
    const certificateChanged = from !== to;
    findings.push({
      cluster: group.split('\n')[0],
      namespace: '',
      impact: Impact.INFO,
      summary: certificateChanged
        ? `${secrets.length} SealedSecret(s) re-sealed for a new sealing certificate (${shortFingerprint(from ?? 'unknown')} -> ${shortFingerprint(to ?? 'unknown')}); no value changed`
        : `${secrets.length} SealedSecret(s) re-sealed for the same certificate (a new scope or name); no value changed`,
      details: [secrets.join(', ')],
      commands: [],
    });
  }
  return findings;
}

function rotatedValues(change: ObjectChange, keys: string[]): ReviewFinding {
  const secret = change.after!;
  const labels = labelsOf(secret);
  const rotation = rotationChange(change);
  const base = { cluster: secret.cluster, namespace: secret.namespace, impact: Impact.INFO };
  if (labels[GRANT_LABEL]) {
    return { ...base, summary: `code of grant ${labels[GRANT_LABEL]} is rotated${rotation}`, commands: [], details: [
      'the grant server accepts only the new code; links already redeemed keep running on the certificates they were issued'] };
  }
  if (labels[TOKEN_LABEL]) {
    const token = { ...secret, name: labels[TOKEN_LABEL] };
    return { ...base, summary: `code of token ${token.name} is rotated${rotation}`, commands: [deleteLinkCommand(token)], details: [
      `the redeemer does not redeem again while the Link and Secret named ${token.name} exist: to re-link with the new code, delete them ` +
        '(the grant needs a redemption left and an open window)'] };
  }
  return { ...base, impact: Impact.ATTENTION, summary: `values of ${secret.name} change: ${keys.join(', ')}${rotation}`, details: [], commands: [] };
}

function changedKeys(change: ObjectChange): string[] {
  return change.paths.filter((path) => path.startsWith('spec.encryptedData.')).map((path) => path.slice('spec.encryptedData.'.length));
}

function fingerprint(change: ObjectChange, side: 'before' | 'after', key: string): string | undefined {
  return annotationsOf(change[side]!)[`${VALUE_FINGERPRINT_PREFIX}${key}`];
}
