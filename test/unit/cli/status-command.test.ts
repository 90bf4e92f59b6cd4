import * as path from 'path';
import { runStatusCommand } from '../../../lib/cli/status-command';
import { startFakeApiServer, writeFakeKubeconfig } from '../commands/fake-api-server';
import { CapturedRun, captureRun, tempDirPerTest } from './captured-run';
import { connector, grant, link, listener, NOW, READY_GRANT_STATUS, READY_LINK_STATUS, READY_LISTENER_STATUS, token } from '../commands/status/status-fixtures';

const tempDir = tempDirPerTest('cdk8s-skupper-status-');
const run = (args: string[]): Promise<CapturedRun> => captureRun((io) => runStatusCommand(args, io, () => NOW));

test('two contexts in one table; a context that cannot be reached is named and makes it exit 3', async () => {
  const server = await startFakeApiServer({
    '/version': { body: { gitVersion: 'v1.36.3' } },
    '/apis/cdk8s-skupper.io/v1alpha1/linkgrants': { body: { items: [grant('west', 'grant-west', READY_GRANT_STATUS, 2)] } },
    '/apis/cdk8s-skupper.io/v1alpha1/linktokens': { body: { items: [token('west', 'to-north')] } },
    '/apis/skupper.io/v2alpha1/links': { body: { items: [link('west', 'to-north', READY_LINK_STATUS)] } },
    '/apis/skupper.io/v2alpha1/listeners': { body: { items: [listener('west', 'backend', READY_LISTENER_STATUS)] } },
    '/apis/skupper.io/v2alpha1/connectors': { body: { items: [connector('west', 'cache')] } },
  });
  try {
    const kubeconfig = writeFakeKubeconfig(tempDir(), { west: server.url, down: 'https://127.0.0.1:1' });
    const both = await run(['--kubeconfig', kubeconfig, '--context', 'west', '--context', 'down']);
    expect(both.code).toBe(3);
    expect(both.stdout).toBe([
      'CONTEXT   NAMESPACE   KIND        NAME         STATUS    REMOTE SITE   REDEMPTIONS   EXPIRES                MESSAGE',
      'west      west        LinkGrant   grant-west   Ready     -             1/2           2026-05-01T12:25:00Z   OK',
      'west      west        LinkToken   to-north     Pending   west          -             -                      No status yet: is the redeemer of this site running?',
      'west      west        Link        to-north     Ready     west          -             -                      OK',
      'west      west        Listener    backend      Ready     -             -             -                      routing key backend: Configured, Matched',
      'west      west        Connector   cache        Pending   -             -             -                      routing key cache: No status yet: is the Skupper controller of this site running?',
      '2 of 5 objects are not Ready; 1 context unreachable (down)',
      '',
    ].join('\n'));
    expect(both.stderr).toMatch(/^error: cannot reach the API server of context "down" \(https:\/\/127\.0\.0\.1:1\): connect ECONNREFUSED/);

    const west = await run(['--kubeconfig', kubeconfig, '-o', 'json']);
    expect(west.code).toBe(1);
    expect(JSON.parse(west.stdout)).toMatchObject({ total: 5, notReady: 2, exitCode: 1 });
    expect(server.received.every((r) => r.authorized)).toBe(true);
  } finally {
    await server.close();
  }
});

test('bad arguments and unknown contexts exit 2', async () => {
  const kubeconfig = writeFakeKubeconfig(tempDir(), { west: 'https://127.0.0.1:1' });
  expect((await run(['--kubeconfig', kubeconfig, '-n', 'west', '-A'])).stderr).toContain('--namespace and --all-namespaces exclude each other');
  const yaml = await run(['--kubeconfig', kubeconfig, '-o', 'yaml']);
  expect(yaml.code).toBe(2);
  expect(yaml.stderr).toMatch(/^cdk8s-skupper status: invalid --output "yaml": must be table or json/);
  const unknown = await run(['--kubeconfig', kubeconfig, '--context', 'west', '--context', 'east']);
  expect(unknown).toEqual({ code: 2, stdout: '', stderr: `cdk8s-skupper status: context "east" is not in the kubeconfig ${kubeconfig} (contexts: west)\n` });
  expect((await run(['--kubeconfig', path.join(tempDir(), 'missing')])).code).toBe(2);
});
