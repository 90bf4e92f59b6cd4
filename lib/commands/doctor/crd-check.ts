import type { V1CustomResourceDefinition } from '@kubernetes/client-node';
import { CheckResult } from './doctor-check';
import { getJson, KubeApiError, KubeApiReader } from '../cluster/kube-api-reader';

/** A CRD a check needs, and the version that must be served. */
export interface RequiredCrd {
  readonly name: string;
  readonly version: string;
}

/** The Skupper v2 CRDs (crds/skupper/), all served as v2alpha1 by the stock install. */
export const SKUPPER_CRDS: readonly RequiredCrd[] = [
  'sites', 'links', 'accessgrants', 'accesstokens', 'listeners', 'connectors', 'attachedconnectors', 'attachedconnectorbindings',
  'routeraccesses', 'securedaccesses', 'certificates', 'multikeylisteners',
].map((plural) => ({ name: `${plural}.skupper.io`, version: 'v2alpha1' }));

export const SEALED_SECRET_CRDS: readonly RequiredCrd[] = [{ name: 'sealedsecrets.bitnami.com', version: 'v1alpha1' }];

export const CDK8S_SKUPPER_CRDS: readonly RequiredCrd[] = [
  { name: 'linkgrants.cdk8s-skupper.io', version: 'v1alpha1' },
  { name: 'linktokens.cdk8s-skupper.io', version: 'v1alpha1' },
];

/** What a CRD looks like to the check. */
type CrdState = 'established' | 'missing' | 'not established' | 'version not served';

/**
 * OK when every CRD exists, is Established and serves its version; FAIL naming the ones that
 * do not; WARN when the CRDs cannot be read (RBAC), since then nothing can be said.
 */
export async function checkCrds(reader: KubeApiReader, check: string, crds: readonly RequiredCrd[], hint: string): Promise<CheckResult> {
  const context = reader.context;
  let states: CrdState[];
  try {
    states = await Promise.all(crds.map((crd) => crdState(reader, crd)));
  } catch (error) {
    if (!(error instanceof KubeApiError)) throw error;
    return { context, check, outcome: 'WARN', detail: `cannot read CustomResourceDefinitions: ${error.reason}`, hint: 'run doctor with a cluster-admin kubeconfig' };
  }
  const bad = crds.map((crd, i) => ({ crd, state: states[i] })).filter(({ state }) => state !== 'established');
  if (bad.length === 0) {
    return { context, check, outcome: 'OK', detail: crds.length === 1 ? `${crds[0].name} established` : `${crds.length} of ${crds.length} established` };
  }
  const byState = new Map<CrdState, string[]>();
  for (const { crd, state } of bad) byState.set(state, [...(byState.get(state) ?? []), state === 'version not served' ? `${crd.name} (${crd.version})` : crd.name]);
  const detail = [...byState].map(([state, names]) => `${state}: ${names.join(', ')}`).join('; ');
  return { context, check, outcome: 'FAIL', detail, hint };
}

async function crdState(reader: KubeApiReader, crd: RequiredCrd): Promise<CrdState> {
  let definition: V1CustomResourceDefinition;
  try {
    definition = await getJson<V1CustomResourceDefinition>(reader, `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${encodeURIComponent(crd.name)}`);
  } catch (error) {
    if (error instanceof KubeApiError && error.status === 404) return 'missing';
    throw error;
  }
  const established = definition.status?.conditions?.some((c) => c.type === 'Established' && c.status === 'True');
  if (!established) return 'not established';
  const served = definition.spec?.versions?.some((v) => v.name === crd.version && v.served);
  return served ? 'established' : 'version not served';
}
