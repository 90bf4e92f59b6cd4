import { runDoctorChecks } from '../../../../lib/commands/doctor/doctor';
import { checkSummary, doctorExitCode, renderCheckResults } from '../../../../lib/commands/doctor/doctor-check';
import { DEFAULT_SEALED_SECRETS_CONTROLLER } from '../../../../lib/commands/cluster/sealed-secrets-controller';
import { testBedCluster } from './doctor-fixtures';
import { FakeKubeApi } from '../fake-kube-api';
import { grant, READY_GRANT_STATUS, token } from '../status/status-fixtures';

const reachable = async () => ({ ok: true as const });
const options = { sealedSecretsController: DEFAULT_SEALED_SECRETS_CONTROLLER, handshake: reachable };

test('the test bed: every CRD and sealed-secrets OK, the Skupper controller a WARN, exit code 0', async () => {
  const results = await runDoctorChecks(testBedCluster('west'), options);
  expect(results.map((r) => `${r.outcome} ${r.check}`)).toEqual([
    'OK API server', 'OK Skupper CRDs', 'WARN Skupper controller', 'OK SealedSecret CRD', 'OK sealed-secrets controller', 'OK cdk8s-skupper CRDs',
  ]);
  expect(results[0].detail).toBe('reachable, Kubernetes v1.36.3');
  expect(doctorExitCode(results)).toBe(0);
});

test('grant servers and tokens follow, limited to --namespace when given', async () => {
  const api = testBedCluster('east')
    .list('/apis/cdk8s-skupper.io/v1alpha1/namespaces/east/linkgrants', [grant('east', 'g', READY_GRANT_STATUS)])
    .list('/apis/cdk8s-skupper.io/v1alpha1/namespaces/east/linktokens', [token('east', 't')]);
  const results = await runDoctorChecks(api, { ...options, namespace: 'east', handshake: async () => ({ ok: false, reason: 'connect ECONNREFUSED' }) });
  expect(results.slice(6).map((r) => `${r.outcome} ${r.check}`)).toEqual(['FAIL grant server grants.west.example.com:8443', 'FAIL LinkToken east/t']);
  expect(doctorExitCode(results)).toBe(1);
});

test('an unreachable API server is one FAIL for its context, and nothing else is tried', async () => {
  const api = new FakeKubeApi('north').on('/version', 'unreachable');
  const results = await runDoctorChecks(api, options);
  expect(results).toEqual([{
    context: 'north', check: 'API server', outcome: 'FAIL',
    detail: 'cannot reach the API server of context "north" (https://127.0.0.1:1): connect ECONNREFUSED 127.0.0.1:1',
    hint: 'check the kubeconfig, the context name and the network path to the API server',
  }]);
  expect(api.requests).toHaveLength(1);
});

test('a refused list of LinkTokens is a WARN: those tokens go unchecked', async () => {
  const api = testBedCluster('east').on('/apis/cdk8s-skupper.io/v1alpha1/linktokens', { status: 403 });
  const results = await runDoctorChecks(api, options);
  expect(results[6]).toMatchObject({ check: 'linktokens reachability', outcome: 'WARN', detail: 'cannot list linktokens: forbidden (RBAC)' });
});

test('one line per check, aligned, hints only on WARN and FAIL; a summary; exit 1 only for FAIL', () => {
  const results = [
    { context: 'west', check: 'API server', outcome: 'OK' as const, detail: 'reachable', hint: 'never shown' },
    { context: 'east', check: 'Skupper controller', outcome: 'WARN' as const, detail: 'none\nfound', hint: 'install it' },
  ];
  expect(renderCheckResults(results)).toBe([
    'OK    west  API server          reachable',
    'WARN  east  Skupper controller  none found (hint: install it)',
    '',
  ].join('\n'));
  expect(checkSummary(results)).toBe('1 OK, 1 WARN, 0 FAIL');
  expect(doctorExitCode(results)).toBe(0);
  expect(doctorExitCode([...results, { ...results[0], outcome: 'FAIL' as const }])).toBe(1);
});
