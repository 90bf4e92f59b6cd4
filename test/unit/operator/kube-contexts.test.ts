import * as fs from 'fs';
import * as path from 'path';
import { main } from '../../../lib/cli/main';
import { loadContexts } from '../../../lib/operator/kube-contexts';
import { UsageError } from '../../../lib/operator/usage-error';
import { tempDir } from '../topology/topology-test-support';

const KUBECONFIG = [
  'apiVersion: v1', 'kind: Config', 'current-context: west',
  'clusters: [{name: west, cluster: {server: "https://127.0.0.1:6443"}}]',
  'users: [{name: admin, user: {token: t}}]',
  'contexts: [{name: west, context: {cluster: west, user: admin, namespace: west}}]',
].join('\n') + '\n';

/** Runs `fn` with HOME and KUBECONFIG set as given (undefined: unset), restoring them once it has finished. */
async function withEnv<T>(env: { HOME?: string; KUBECONFIG?: string }, fn: () => T | Promise<T>): Promise<T> {
  const saved = { HOME: process.env.HOME, KUBECONFIG: process.env.KUBECONFIG };
  const set = (name: 'HOME' | 'KUBECONFIG', value: string | undefined) => {
    if (value === undefined) delete process.env[name]; else process.env[name] = value;
  };
  set('HOME', env.HOME);
  set('KUBECONFIG', env.KUBECONFIG);
  try {
    return await fn();
  } finally {
    set('HOME', saved.HOME);
    set('KUBECONFIG', saved.KUBECONFIG);
  }
}

test('without --kubeconfig, KUBECONFIG or ~/.kube/config, says there is no kubeconfig and where it looked', () => {
  const home = tempDir('no-kubeconfig');
  const error = (() => {
    try { loadContexts(undefined, [], { HOME: home }); } catch (e) { return e as Error; }
    return undefined;
  })();
  expect(error).toBeInstanceOf(UsageError);
  expect(error!.message).toBe('no kubeconfig found: --kubeconfig is not given, KUBECONFIG is not set, and ~/.kube/config ' +
    `(${path.join(home, '.kube', 'config')}) does not exist; pass --kubeconfig FILE, set KUBECONFIG, or write ~/.kube/config ` +
    '(for example with your cluster\'s "get credentials" command)');
  expect(() => loadContexts(undefined, [], { KUBECONFIG: `${home}/a${path.delimiter}${home}/b` }))
    .toThrow(`no kubeconfig found: --kubeconfig is not given, and no file that KUBECONFIG lists exists (${home}/a, ${home}/b)`);
});

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

test('~/.kube/config is used when it exists', async () => {
  const home = tempDir('kubeconfig-home');
  fs.mkdirSync(path.join(home, '.kube'));
  fs.writeFileSync(path.join(home, '.kube', 'config'), KUBECONFIG);
  const [context] = await withEnv({ HOME: home }, () => loadContexts(undefined, []));
  expect(context.name).toBe('west');
  expect(context.kubeConfig.getCurrentCluster()?.server).toBe('https://127.0.0.1:6443');
});
