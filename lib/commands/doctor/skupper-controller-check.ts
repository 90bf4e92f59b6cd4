import type { V1Deployment } from '@kubernetes/client-node';
import { CheckResult } from './doctor-check';
import { KubeApiError, KubeApiReader } from '../cluster/kube-api-reader';
import { listAll } from '../cluster/kube-list';

/** The stock Skupper v2 controller: Deployment skupper-controller (cluster or namespace scope, Helm or YAML). */
const STOCK_NAME = 'skupper-controller';
/** Labels the stock manifests put on the controller's pods (any one is enough). */
const STOCK_LABELS: Readonly<Record<string, string>> = {
  'application': 'skupper-controller',
  'app.kubernetes.io/name': 'skupper-controller',
  'skupper.io/component': 'controller',
};

const CHECK = 'Skupper controller';
const INSTALL_HINT = 'install the Skupper v2 controller (https://skupper.io): without it Sites and Links are never acted on';

/** Whether a Deployment looks like the stock Skupper controller, by name or by its labels. */
export function looksLikeSkupperController(deployment: V1Deployment): boolean {
  if (deployment.metadata?.name === STOCK_NAME) return true;
  const labelSets = [deployment.metadata?.labels, deployment.spec?.template?.metadata?.labels];
  return labelSets.some((labels) => Object.entries(STOCK_LABELS).some(([key, value]) => labels?.[key] === value));
}

/**
 * Looks for a Deployment like the stock Skupper controller in any namespace. OK when one has a
 * ready replica; WARN otherwise, also when none is found: a controller under another name, or
 * run outside the cluster, cannot be told apart from no controller at all.
 */
export async function checkSkupperController(reader: KubeApiReader): Promise<CheckResult> {
  const context = reader.context;
  let deployments: V1Deployment[];
  try {
    deployments = await listAll<V1Deployment>(reader, '/apis/apps/v1/deployments');
  } catch (error) {
    if (!(error instanceof KubeApiError)) throw error;
    return {
      context, check: CHECK, outcome: 'WARN',
      detail: `cannot list Deployments to look for it: ${error.reason}`,
      hint: 'run doctor with a kubeconfig that may list Deployments in all namespaces',
    };
  }
  const found = deployments.filter(looksLikeSkupperController);
  if (found.length === 0) {
    return {
      context, check: CHECK, outcome: 'WARN',
      detail: `no Deployment named ${STOCK_NAME} or labelled like the stock one in any namespace; one under another name or outside the cluster cannot be known for sure`,
      hint: INSTALL_HINT,
    };
  }
  const described = found.map((d) => `${d.metadata?.namespace}/${d.metadata?.name} (${d.status?.readyReplicas ?? 0}/${d.spec?.replicas ?? 1} ready)`);
  if (found.some((d) => (d.status?.readyReplicas ?? 0) > 0)) {
    return { context, check: CHECK, outcome: 'OK', detail: `Deployment ${described.join(', ')}` };
  }
  return {
    context, check: CHECK, outcome: 'WARN', detail: `Deployment ${described.join(', ')}: no ready replica`,
    hint: 'look at its pods and events (kubectl describe deployment)',
  };
}
