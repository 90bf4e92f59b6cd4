import { ApiException } from '@kubernetes/client-node';

/** The HTTP status of a failed Kubernetes API call, if it was one. */
export function apiStatusCode(error: unknown): number | undefined {
  return error instanceof ApiException ? error.code : undefined;
}
