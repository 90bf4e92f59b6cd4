import type { LinkGrant } from '../../api/link-grant';
import type { LinkToken } from '../../api/link-token';
import { LINK_GRANTS, LINK_TOKENS, resourcePath, ResourceType } from '../../api/resource-types';
import { probeCluster } from '../cluster/cluster-probe';
import { CDK8S_SKUPPER_CRDS, checkCrds, SEALED_SECRET_CRDS, SKUPPER_CRDS } from './crd-check';
import { CheckResult } from './doctor-check';
import { KubeApiError, KubeApiReader, KubeUnreachableError } from '../cluster/kube-api-reader';
import { listAll } from '../cluster/kube-list';
import { checkGrantServers, checkTokenReachability } from './reachability-checks';
import { checkSealedSecretsController } from './sealed-secrets-controller-check';
import { SealedSecretsControllerRef } from '../cluster/sealed-secrets-controller';
import { checkSkupperController } from './skupper-controller-check';
import { Handshake } from '../cluster/tls-handshake';

/** What `doctor` looks at besides the cluster. */
export interface DoctorOptions {
  readonly sealedSecretsController: SealedSecretsControllerRef;
  /** Limits the grant server and token checks to one namespace; all namespaces when undefined. */
  readonly namespace?: string;
  readonly handshake: Handshake;
}

/**
 * Every check of one context, in a fixed order: the API server, the Skupper CRDs and
 * controller, the SealedSecret CRD and controller, our CRDs, then the reachability of the
 * grant servers (listening side) and of each token's grant server (connecting side). When the
 * API server cannot be reached, that is the only (failed) check.
 */
export async function runDoctorChecks(reader: KubeApiReader, options: DoctorOptions): Promise<CheckResult[]> {
  const context = reader.context;
  try {
    const version = await probeCluster(reader);
    const apiServer: CheckResult = {
      context, check: 'API server', outcome: 'OK', detail: `reachable${version.gitVersion ? `, Kubernetes ${version.gitVersion}` : ''}`,
    };
    const [skupperCrds, skupperController, sealedSecretCrd, sealedSecretsController, ourCrds, grants, tokens] = await Promise.all([
      checkCrds(reader, 'Skupper CRDs', SKUPPER_CRDS, 'install the Skupper v2 CRDs (they come with the Skupper controller\'s install)'),
      checkSkupperController(reader),
      checkCrds(reader, 'SealedSecret CRD', SEALED_SECRET_CRDS, 'install Bitnami Sealed Secrets (controller and CRD)'),
      checkSealedSecretsController(reader, options.sealedSecretsController),
      checkCrds(reader, 'cdk8s-skupper CRDs', CDK8S_SKUPPER_CRDS, 'apply dist/<cluster>/0000-crds (a cluster-admin step), or crds/cdk8s-skupper.yaml'),
      listOrNothing<LinkGrant>(reader, LINK_GRANTS, options.namespace),
      listOrNothing<LinkToken>(reader, LINK_TOKENS, options.namespace),
    ]);
    const listings = [grants, tokens].flatMap((listing) => ('problem' in listing ? [listing.problem] : []));
    return [
      apiServer, skupperCrds, skupperController, sealedSecretCrd, sealedSecretsController, ourCrds,
      ...listings,
      ...await checkGrantServers(context, 'items' in grants ? grants.items : [], options.handshake),
      ...await checkTokenReachability(context, 'items' in tokens ? tokens.items : [], options.handshake),
    ];
  } catch (error) {
    if (!(error instanceof KubeUnreachableError)) throw error;
    return [{ context, check: 'API server', outcome: 'FAIL', detail: error.message, hint: 'check the kubeconfig, the context name and the network path to the API server' }];
  }
}

/**
 * The objects to check reachability for. A missing CRD (404) gives nothing to check (the CRD
 * check fails already); a refused list is a WARN of its own, since those objects go unchecked.
 */
async function listOrNothing<T>(reader: KubeApiReader, type: ResourceType, namespace: string | undefined): Promise<{ items: T[] } | { problem: CheckResult }> {
  try {
    return { items: await listAll<T>(reader, resourcePath(type, namespace)) };
  } catch (error) {
    if (!(error instanceof KubeApiError)) throw error;
    if (error.status === 404) return { items: [] };
    return {
      problem: {
        context: reader.context, check: `${type.plural} reachability`, outcome: 'WARN',
        detail: `cannot list ${type.plural}: ${error.reason}`,
        hint: 'run doctor with a kubeconfig that may list them',
      },
    };
  }
}
