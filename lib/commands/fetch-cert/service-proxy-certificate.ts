import type { V1Service } from '@kubernetes/client-node';
import { getJson, KubeApiError, KubeApiReader } from '../cluster/kube-api-reader';
import { statusMessage } from '../../kube-client/api-errors';
import { CERTIFICATE_PATH, CONTROLLER_LOCATION_HINT, SealedSecretsControllerRef } from '../cluster/sealed-secrets-controller';

/** What kubeseal asks the proxy for (it sets AcceptContentTypes so). */
const PEM_ACCEPT = 'application/x-pem-file, */*';

/**
 * The API server's service proxy path to the controller's certificate, as kubeseal builds it:
 * client-go's ProxyGet("http", name, portName, "/v1/cert.pem") gives
 * `/api/v1/namespaces/<ns>/services/http:<name>:<port name>/proxy/v1/cert.pem` (the scheme is
 * always http; the port is the name of the Service's first port, empty when unnamed).
 */
export function serviceProxyCertificatePath(controller: SealedSecretsControllerRef, portName: string): string {
  const [namespace, name, port] = [controller.namespace, controller.name, portName].map(encodeURIComponent);
  return `/api/v1/namespaces/${namespace}/services/http:${name}:${port}/proxy${CERTIFICATE_PATH}`;
}

/** The path of the controller's Service. */
export function servicePath(controller: SealedSecretsControllerRef): string {
  return `/api/v1/namespaces/${encodeURIComponent(controller.namespace)}/services/${encodeURIComponent(controller.name)}`;
}

const FROM_KEY_SECRET_HINT = 'or pass --from-key-secret to read the certificate from the controller\'s active key Secret instead (needs read access to Secrets there)';

/**
 * Fetches the sealing certificate the way `kubeseal --fetch-cert` does: reads the controller's
 * Service for the name of its first port, then GETs /v1/cert.pem from the controller through
 * the API server's service proxy, with the kubeconfig's credentials. Returns the PEM as served.
 * Errors name the Service and say what to try (a 404 means the Service is not where we looked).
 */
export async function fetchCertificateThroughServiceProxy(reader: KubeApiReader, controller: SealedSecretsControllerRef): Promise<string> {
  const where = `Service ${controller.name} in namespace ${controller.namespace} (context "${reader.context}")`;
  let service: V1Service;
  try {
    service = await getJson<V1Service>(reader, servicePath(controller));
  } catch (error) {
    if (error instanceof KubeApiError && error.status === 404) {
      throw new Error(`no sealed-secrets controller: ${where} not found; ${CONTROLLER_LOCATION_HINT}, ${FROM_KEY_SECRET_HINT}`);
    }
    if (error instanceof KubeApiError) {
      throw new Error(`cannot read ${where}: ${error.reason}`);
    }
    throw error;
  }
  const ports = service.spec?.ports ?? [];
  if (ports.length === 0) {
    throw new Error(`${where} has no ports, so the certificate cannot be fetched through it; ${FROM_KEY_SECRET_HINT}`);
  }

  const path = serviceProxyCertificatePath(controller, ports[0].name ?? '');
  const response = await reader.get(path, PEM_ACCEPT);
  if (response.status === 200) {
    return response.body;
  }
  const detail = `${response.status} ${statusMessage(response.body)}`.trim();
  if (response.status === 404) {
    // The API server also answers 404 (naming the Service) when the Service has no endpoints.
    throw new Error(`the API server's service proxy answered ${detail} for ${path}: the Service is not there or has no ready endpoints ` +
      `(no running controller pod); ${CONTROLLER_LOCATION_HINT}, ${FROM_KEY_SECRET_HINT}`);
  }
  throw new Error(`cannot fetch the certificate through the API server's service proxy (GET ${path}: ${detail}); ` +
    `is the controller running behind ${where}? ${FROM_KEY_SECRET_HINT.replace(/^or p/, 'P')}`);
}
