import { checkSealedSecretsController } from '../../../../lib/commands/doctor/sealed-secrets-controller-check';
import { DEFAULT_SEALED_SECRETS_CONTROLLER } from '../../../../lib/commands/cluster/sealed-secrets-controller';
import { checkSkupperController, looksLikeSkupperController } from '../../../../lib/commands/doctor/skupper-controller-check';
import type { V1Deployment } from '@kubernetes/client-node';
import {
  DEPLOYMENTS_PATH, deployment, KEY_SECRETS_PATH, SEALED_SECRETS_DEPLOYMENT_PATH, SEALED_SECRETS_SERVICE_PATH,
} from './doctor-fixtures';
import { FakeKubeApi } from '../fake-kube-api';

describe('Skupper controller', () => {
  test('recognised by the stock name or the stock labels', () => {
    expect(looksLikeSkupperController(deployment('skupper', 'skupper-controller', 1) as V1Deployment)).toBe(true);
    expect(looksLikeSkupperController(deployment('site', 'controller', 1, { 'application': 'skupper-controller' }) as V1Deployment)).toBe(true);
    expect(looksLikeSkupperController(deployment('site', 'ctl', 1, { 'skupper.io/component': 'controller' }) as V1Deployment)).toBe(true);
    expect(looksLikeSkupperController(deployment('site', 'skupper-router', 1, { 'skupper.io/component': 'router' }) as V1Deployment)).toBe(false);
  });

  test('OK when one has a ready replica, naming it', async () => {
    const api = new FakeKubeApi('west').list(DEPLOYMENTS_PATH, [deployment('kube-system', 'coredns', 1), deployment('skupper', 'skupper-controller', 1)]);
    expect(await checkSkupperController(api)).toEqual({ context: 'west', check: 'Skupper controller', outcome: 'OK', detail: 'Deployment skupper/skupper-controller (1/1 ready)' });
  });

  test('WARN when none is found (it cannot be known for sure), when none is ready, or when Deployments may not be listed', async () => {
    const none = await checkSkupperController(new FakeKubeApi('west').list(DEPLOYMENTS_PATH, [deployment('kube-system', 'coredns', 1)]));
    expect(none).toMatchObject({ outcome: 'WARN' });
    expect(none.detail).toBe('no Deployment named skupper-controller or labelled like the stock one in any namespace; '
      + 'one under another name or outside the cluster cannot be known for sure');
    expect(none.hint).toContain('install the Skupper v2 controller');
    const notReady = await checkSkupperController(new FakeKubeApi('west').list(DEPLOYMENTS_PATH, [deployment('skupper', 'skupper-controller', 0)]));
    expect(notReady).toMatchObject({ outcome: 'WARN', detail: 'Deployment skupper/skupper-controller (0/1 ready): no ready replica' });
    const forbidden = await checkSkupperController(new FakeKubeApi('west').on(DEPLOYMENTS_PATH, { status: 403 }));
    expect(forbidden).toMatchObject({ outcome: 'WARN', detail: 'cannot list Deployments to look for it: forbidden (RBAC)' });
  });
});

describe('sealed-secrets controller', () => {
  const key = { metadata: { name: 'sealed-secrets-keyabcde', namespace: 'kube-system' } };

  test('OK with an active key; lists only metadata, so no key material is fetched', async () => {
    const api = new FakeKubeApi('west').list(KEY_SECRETS_PATH, [key]);
    const result = await checkSealedSecretsController(api, DEFAULT_SEALED_SECRETS_CONTROLLER);
    expect(result).toEqual({
      context: 'west', check: 'sealed-secrets controller', outcome: 'OK',
      detail: '1 active sealing key Secret in namespace kube-system; no Service sealed-secrets-controller, no Deployment sealed-secrets-controller; '
        + 'without the Service, kubeseal --fetch-cert and fetch-cert\'s default path cannot reach it (fetch-cert --from-key-secret still works)',
    });
    const list = api.requests.find((r) => r.path === KEY_SECRETS_PATH)!;
    expect(list.accept).toBe('application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1');
    expect(list.query.get('labelSelector')).toBe('sealedsecrets.bitnami.com/sealed-secrets-key=active');

    api.on(SEALED_SECRETS_SERVICE_PATH, { json: {} }).on(SEALED_SECRETS_DEPLOYMENT_PATH, { json: {} });
    expect((await checkSealedSecretsController(api, DEFAULT_SEALED_SECRETS_CONTROLLER)).detail)
      .toBe('1 active sealing key Secret in namespace kube-system; Service sealed-secrets-controller found, Deployment sealed-secrets-controller found');
  });

  test('FAIL when nothing of it is there; WARN when only its Deployment is, or nothing may be read', async () => {
    const nothing = await checkSealedSecretsController(new FakeKubeApi('west').list(KEY_SECRETS_PATH, []), DEFAULT_SEALED_SECRETS_CONTROLLER);
    expect(nothing).toMatchObject({ outcome: 'FAIL' });
    expect(nothing.hint).toContain('pass --controller-name and --controller-namespace');
    const deploymentOnly = new FakeKubeApi('west').list(KEY_SECRETS_PATH, []).on(SEALED_SECRETS_DEPLOYMENT_PATH, { json: {} });
    expect(await checkSealedSecretsController(deploymentOnly, DEFAULT_SEALED_SECRETS_CONTROLLER)).toMatchObject({ outcome: 'WARN' });
    const forbidden = new FakeKubeApi('west').on(KEY_SECRETS_PATH, { status: 403 });
    const result = await checkSealedSecretsController(forbidden, DEFAULT_SEALED_SECRETS_CONTROLLER);
    expect(result).toMatchObject({ outcome: 'WARN' });
    expect(result.detail).toBe('active sealing key Secrets unknown (forbidden) in namespace kube-system; no Service sealed-secrets-controller, no Deployment sealed-secrets-controller');
  });
});
