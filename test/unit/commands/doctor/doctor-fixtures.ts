// A cluster as doctor sees it, by REST path: CRDs, Deployments, the sealed-secrets controller.
import { CDK8S_SKUPPER_CRDS, RequiredCrd, SEALED_SECRET_CRDS, SKUPPER_CRDS } from '../../../../lib/commands/doctor/crd-check';
import { FakeKubeApi } from '../fake-kube-api';

export const CRD_PATH = '/apis/apiextensions.k8s.io/v1/customresourcedefinitions';
export const DEPLOYMENTS_PATH = '/apis/apps/v1/deployments';
export const KEY_SECRETS_PATH = '/api/v1/namespaces/kube-system/secrets';
export const SEALED_SECRETS_SERVICE_PATH = '/api/v1/namespaces/kube-system/services/sealed-secrets-controller';
export const SEALED_SECRETS_DEPLOYMENT_PATH = '/apis/apps/v1/namespaces/kube-system/deployments/sealed-secrets-controller';

/** A CRD as the API returns it: served versions and the Established condition. */
export function crd(required: RequiredCrd, options: { established?: boolean; versions?: string[] } = {}): object {
  return {
    metadata: { name: required.name },
    spec: { versions: (options.versions ?? [required.version]).map((name) => ({ name, served: true, storage: true })) },
    status: { conditions: [{ type: 'Established', status: options.established === false ? 'False' : 'True' }] },
  };
}

export function deployment(namespace: string, name: string, readyReplicas: number, templateLabels: Record<string, string> = {}): object {
  return {
    metadata: { namespace, name },
    spec: { replicas: 1, template: { metadata: { labels: templateLabels } } },
    status: readyReplicas > 0 ? { readyReplicas } : {},
  };
}

/** The test bed's clusters: every CRD, an active sealing key, no Service/Deployment, no Skupper controller. */
export function testBedCluster(context: string): FakeKubeApi {
  const api = new FakeKubeApi(context);
  for (const required of [...SKUPPER_CRDS, ...SEALED_SECRET_CRDS, ...CDK8S_SKUPPER_CRDS]) {
    api.on(`${CRD_PATH}/${required.name}`, { json: crd(required) });
  }
  api.list(DEPLOYMENTS_PATH, [deployment('kube-system', 'coredns', 1)]);
  api.list(KEY_SECRETS_PATH, [{ metadata: { name: 'sealed-secrets-keyabcde', namespace: 'kube-system' } }]);
  api.list('/apis/cdk8s-skupper.io/v1alpha1/linkgrants', []);
  api.list('/apis/cdk8s-skupper.io/v1alpha1/linktokens', []);
  return api;
}
