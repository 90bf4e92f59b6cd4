import { resourcePath, SECRETS } from '../../api/resource-types';
import { CheckResult } from './doctor-check';
import { getJson, KubeApiError, KubeApiReader } from '../cluster/kube-api-reader';
import { listAll, METADATA_ONLY_ACCEPT } from '../cluster/kube-list';
import { ACTIVE_SEALING_KEY_LABEL, CONTROLLER_LOCATION_HINT, SealedSecretsControllerRef } from '../cluster/sealed-secrets-controller';
import { servicePath } from '../fetch-cert/service-proxy-certificate';

const CHECK = 'sealed-secrets controller';

/** Whether something exists: true, false (404), or the reason it could not be told. */
type Presence = boolean | string;

/**
 * Looks for the sealed-secrets controller in its namespace: its active sealing key Secrets
 * (metadata only, so no key material is fetched), its Service and its Deployment. OK when an
 * active key exists (the controller has run and can unseal), saying what else was found; WARN
 * when only the Service or Deployment is there, or nothing could be read; FAIL when none is.
 */
export async function checkSealedSecretsController(reader: KubeApiReader, controller: SealedSecretsControllerRef): Promise<CheckResult> {
  const context = reader.context;
  const where = `namespace ${controller.namespace}`;
  const [keys, service, deployment] = await Promise.all([
    presence(async () => (await listAll(reader, resourcePath(SECRETS, controller.namespace), { labelSelector: ACTIVE_SEALING_KEY_LABEL }, METADATA_ONLY_ACCEPT)).length),
    presence(async () => !!(await getJson(reader, servicePath(controller)))),
    presence(async () => !!(await getJson(reader, `/apis/apps/v1/namespaces/${encodeURIComponent(controller.namespace)}/deployments/${encodeURIComponent(controller.name)}`))),
  ]);
  const seen = (what: string, found: Presence): string => (found === true ? `${what} found` : found === false ? `no ${what}` : `${what} unknown (${found})`);
  const others = `${seen(`Service ${controller.name}`, service)}, ${seen(`Deployment ${controller.name}`, deployment)}`;

  if (typeof keys === 'number' && keys > 0) {
    const noService = service === false
      ? '; without the Service, kubeseal --fetch-cert and fetch-cert\'s default path cannot reach it (fetch-cert --from-key-secret still works)'
      : '';
    return { context, check: CHECK, outcome: 'OK', detail: `${keys} active sealing key Secret${keys === 1 ? '' : 's'} in ${where}; ${others}${noService}` };
  }
  const keysText = typeof keys === 'string' ? `active sealing key Secrets unknown (${keys})` : `no active sealing key Secret (label ${ACTIVE_SEALING_KEY_LABEL})`;
  if (service === true || deployment === true) {
    return {
      context, check: CHECK, outcome: 'WARN', detail: `${keysText} in ${where}; ${others}`,
      hint: 'the controller creates its key at start-up: check that it runs (its pod logs), and that its namespace is this one',
    };
  }
  const unknown = [keys, service, deployment].some((p) => typeof p === 'string');
  return {
    context, check: CHECK, outcome: unknown ? 'WARN' : 'FAIL', detail: `${keysText} in ${where}; ${others}`,
    hint: unknown
      ? `run doctor with a kubeconfig that may read Secrets, Services and Deployments in ${controller.namespace}`
      : `install Bitnami Sealed Secrets (the SealedSecrets in the manifests stay sealed without it); ${CONTROLLER_LOCATION_HINT}`,
  };
}

/** What `read` found, false for a 404, or why it could not be read (e.g. "forbidden"). */
async function presence<T>(read: () => Promise<T>): Promise<T | false | string> {
  try {
    return await read();
  } catch (error) {
    if (!(error instanceof KubeApiError)) throw error;
    if (error.status === 404) return false;
    return error.status === 403 ? 'forbidden' : error.reason;
  }
}
