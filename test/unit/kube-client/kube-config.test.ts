import * as fs from 'fs';
import * as path from 'path';
import { KubeconfigError, loadContexts } from '../../../lib/kube-client/kube-config';
import { tempDir } from '../topology/topology-test-support';
import { withEnv } from './with-env';

const KUBECONFIG = [
  'apiVersion: v1', 'kind: Config', 'current-context: west',
  'clusters: [{name: west, cluster: {server: "https://127.0.0.1:6443"}}]',
  'users: [{name: admin, user: {token: t}}]',
  'contexts: [{name: west, context: {cluster: west, user: admin, namespace: west}}]',
].join('\n') + '\n';

test('without --kubeconfig, KUBECONFIG or ~/.kube/config, says there is no kubeconfig and where it looked', () => {
  const home = tempDir('no-kubeconfig');
  const error = (() => {
    try { loadContexts(undefined, [], { HOME: home }); } catch (e) { return e as Error; }
    return undefined;
  })();
  expect(error).toBeInstanceOf(KubeconfigError);
  expect(error!.message).toBe('no kubeconfig found: --kubeconfig is not given, KUBECONFIG is not set, and ~/.kube/config ' +
    `(${path.join(home, '.kube', 'config')}) does not exist; pass --kubeconfig FILE, set KUBECONFIG, or write ~/.kube/config ` +
    '(for example with your cluster\'s "get credentials" command)');
  expect(() => loadContexts(undefined, [], { KUBECONFIG: `${home}/a${path.delimiter}${home}/b` }))
    .toThrow(`no kubeconfig found: --kubeconfig is not given, and no file that KUBECONFIG lists exists (${home}/a, ${home}/b)`);
});

test('~/.kube/config is used when it exists', async () => {
  const home = tempDir('kubeconfig-home');
  fs.mkdirSync(path.join(home, '.kube'));
  fs.writeFileSync(path.join(home, '.kube', 'config'), KUBECONFIG);
  const [context] = await withEnv({ HOME: home }, () => loadContexts(undefined, []));
  expect(context.name).toBe('west');
  expect(context.kubeConfig.getCurrentCluster()?.server).toBe('https://127.0.0.1:6443');
});
