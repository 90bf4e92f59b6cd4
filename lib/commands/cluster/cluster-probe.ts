import { getJson, KubeApiError, KubeApiReader, KubeUnreachableError } from './kube-api-reader';

/** What /version says about a cluster that answered. */
export interface ClusterVersion {
  readonly gitVersion?: string;
}

/**
 * Checks that a context's API server answers, and returns its version. Throws a
 * KubeUnreachableError when it does not, or refuses the credentials (401). Any other error
 * status (e.g. 403 where /version is not public) still proves it reachable.
 */
export async function probeCluster(reader: KubeApiReader): Promise<ClusterVersion> {
  try {
    return await getJson<ClusterVersion>(reader, '/version');
  } catch (error) {
    if (error instanceof KubeApiError) {
      if (error.status === 401) throw credentialsRefused(reader.context);
      return {};
    }
    throw error;
  }
}

/** A 401: the context's credentials are wrong or expired; nothing else will work either. */
export function credentialsRefused(context: string): KubeUnreachableError {
  return new KubeUnreachableError(context, `the API server of context "${context}" refused its credentials (401 Unauthorized): check the kubeconfig user, or log in again`);
}
