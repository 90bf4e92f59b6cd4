import { renderReview, REVIEW_FORMATS } from '../commands/review/render-review';
import { FAIL_ON_VALUES, failsGate, reviewOutputs } from '../commands/review/review-outputs';
import { readSynthOutput } from '../commands/review/synth-output';
import { FlagTable, parseFlags, usageText } from './flags';
import { UsageError } from './usage-error';
import type { CliIo } from './cli-io';

/** The exit code when the gate (`--fail-on`) fails, apart from 1 (an error) and 2 (bad arguments). */
export const REVIEW_GATE_FAILED = 3;

const FLAGS = {
  'format': { kind: 'value', placeholder: REVIEW_FORMATS.join('|'), default: 'markdown', help: 'markdown for a pull-request comment, text, or json' },
  'fail-on': { kind: 'value', placeholder: FAIL_ON_VALUES.join('|'), default: 'cut',
    help: `exit ${REVIEW_GATE_FAILED} when a change cuts a running link (cut), also on an unexplained change (unexplained), on any change, or never` },
} as const satisfies FlagTable;

export const REVIEW_USAGE = usageText('review', FLAGS, [
  'Says what changed between two synth outputs in the network\'s terms, per cluster and site: links',
  'added or removed (and what a removal leaves running), codes rotated or only re-sealed, grant servers',
  're-keyed and the tokens that follow, grant limits, RBAC, CRDs, the runtime; and names what it cannot',
  'explain. OLD and NEW are output folders (dist) or <git revision>:<folder> (origin/main:dist).',
], { operands: ['OLD', 'NEW'] });

/** `cdk8s-skupper review OLD NEW`: returns 0, or {@link REVIEW_GATE_FAILED} when the gate fails. */
export function runReviewCommand(args: string[], io: Pick<CliIo, 'stdout'>, cwd: string = process.cwd()): number {
  const flags = parseFlags(args, FLAGS, REVIEW_USAGE, { positional: true });
  if (flags.help) {
    io.stdout(REVIEW_USAGE + '\n');
    return 0;
  }
  if (flags.positional.length !== 2) {
    throw new UsageError(`expected OLD and NEW, got ${flags.positional.length} argument(s)\n${REVIEW_USAGE}`);
  }
  const format = oneOf('format', flags.value('format')!, REVIEW_FORMATS);
  const failOn = oneOf('fail-on', flags.value('fail-on')!, FAIL_ON_VALUES);
  const [before, after] = flags.positional.map((spec) => readSynthOutput(spec, cwd));
  const report = reviewOutputs(before, after);
  io.stdout(renderReview(report, format));
  return failsGate(report, failOn) ? REVIEW_GATE_FAILED : 0;
}

function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`invalid --${flag} ${JSON.stringify(value)}: expected one of ${allowed.join(', ')}\n${REVIEW_USAGE}`);
  }
  return value as T;
}
