import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';
import { CDK8S_CLI_RECEIPT, reportToCdk8sCli } from '../../../lib/synth/cdk8s-cli-outdir';
import { tempDir } from '../topology/topology-test-support';

test('run by the cdk8s CLI, a synth creates the CLI\'s folder with a receipt naming what it wrote, across synths', () => {
  const outdir = path.join(tempDir('cli-outdir'), 'cdk8s-cli');
  reportToCdk8sCli(['dist/west', 'dist/east'], { CDK8S_OUTDIR: outdir });
  reportToCdk8sCli(['dist/topologies/mesh/west', 'dist/west'], { CDK8S_OUTDIR: outdir });
  expect(fs.readdirSync(outdir)).toEqual([CDK8S_CLI_RECEIPT]);
  expect(YAML.parse(fs.readFileSync(path.join(outdir, CDK8S_CLI_RECEIPT), 'utf8')))
    .toEqual({ written: ['dist/west', 'dist/east', 'dist/topologies/mesh/west'] });
});

test('nothing is written outside the cdk8s CLI, nor into a CLI folder the output itself went into', () => {
  const dir = tempDir('cli-outdir-none');
  const writes = jest.spyOn(fs, 'writeFileSync');
  try {
    reportToCdk8sCli(['dist/west'], {});
    expect(writes).not.toHaveBeenCalled();
  } finally {
    writes.mockRestore();
  }
  fs.mkdirSync(path.join(dir, 'west'));
  reportToCdk8sCli([path.join(dir, 'west')], { CDK8S_OUTDIR: dir });
  expect(fs.readdirSync(dir)).toEqual(['west']);
});
