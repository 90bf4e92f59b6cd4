import * as fs from 'fs';
import { main } from '../../../lib/cli/main';
import { withEnv } from '../kube-client/with-env';
import { tempDir } from '../topology/topology-test-support';

test('status, doctor, fetch-cert and token export say so and exit 2, instead of blaming credentials of a made-up context', async () => {
  const home = tempDir('no-kubeconfig-cli');
  for (const argv of [['status'], ['doctor'], ['fetch-cert'], ['token', 'export', '--namespace', 'east', 'link-to-west']]) {
    let stderr = '';
    const code = await withEnv({ HOME: home }, () => main(argv, { stdout: () => undefined, stderr: s => { stderr += s; }, readFile: fs.readFileSync }));
    expect({ argv, code }).toEqual({ argv, code: 2 });
    expect(stderr).toMatch(new RegExp(`^cdk8s-skupper ${argv[0]}: no kubeconfig found: .*~/\\.kube/config \\(${home}/\\.kube/config\\) does not exist`));
    expect(stderr).not.toContain('loaded-context');
  }
});
