import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';

/** The file left in the cdk8s CLI's output folder, naming the folders the synth wrote. */
export const CDK8S_CLI_RECEIPT = 'cdk8s-skupper-output.yaml';

const HEADER = [
  '# Written by cdk8s-skupper for the cdk8s CLI, which empties this folder before every synth. The',
  '# output is not in here: cdk8s-skupper replaces its own folders, and only once all of it is rendered.',
].join('\n');

/**
 * `cdk8s synth` passes its output folder to the app as $CDK8S_OUTDIR, deletes that folder before
 * the app runs, and reports a failure unless the app creates it. So cdk8s-skupper writes its
 * output elsewhere (dist/ by default; a failed synth must not lose it) and leaves only a receipt
 * listing `written` in the CLI's folder, which the CLI then lists. Nothing is written without
 * $CDK8S_OUTDIR, nor when that folder exists without a receipt (the output was written inside it).
 */
export function reportToCdk8sCli(written: readonly string[], env: NodeJS.ProcessEnv = process.env): void {
  const outdir = env.CDK8S_OUTDIR;
  if (outdir === undefined || outdir === '' || written.length === 0) {
    return;
  }
  const receipt = path.join(outdir, CDK8S_CLI_RECEIPT);
  const earlier = fs.existsSync(receipt) ? (YAML.parse(fs.readFileSync(receipt, 'utf8'))?.written as string[] | undefined) ?? [] : undefined;
  if (earlier === undefined && fs.existsSync(outdir)) {
    return;
  }
  // An app may synthesize several times (e.g. one network after another): the receipt lists them all.
  const folders = [...new Set([...(earlier ?? []), ...written])];
  fs.mkdirSync(outdir, { recursive: true });
  fs.writeFileSync(receipt, `${HEADER}\n${YAML.stringify({ written: folders })}`);
}
