import type { Logger } from '../machinery/logger';
import type { ReconcileResult } from '../machinery/work-queue';
import { ConflictError, GrantApi } from './grant-api';
import { desiredGrantStatus, GrantWorld, sameStatus } from './grant-status';
import type { LinkGrant } from '../../api/link-grant';

/** What the grant reconciler reads (caches) and writes (the status subresource). */
export interface GrantReconcilerDeps {
  readonly api: GrantApi;
  readonly cachedGrant: (name: string) => LinkGrant | undefined;
  readonly world: () => GrantWorld;
  readonly log: Logger;
}

/**
 * Reconciles one LinkGrant by name: computes its status from the cached grant, Site and
 * Secrets and writes it when it differs, with the cached resourceVersion (a conflict retries
 * later with the newer object). Asks to be called again when the grant expires.
 */
export function grantReconciler(deps: GrantReconcilerDeps): (name: string) => Promise<ReconcileResult> {
  return async (name) => {
    const grant = deps.cachedGrant(name);
    if (!grant) return {}; // deleted: nothing to keep
    const desired = desiredGrantStatus(grant, deps.world());
    if (!sameStatus(grant.status, desired.status)) {
      try {
        await deps.api.replaceStatus({ ...grant, status: desired.status });
      } catch (error) {
        if (error instanceof ConflictError) return { requeue: true }; // the watch brings the newer object
        throw error;
      }
      if (grant.status?.status !== desired.status.status || grant.status?.message !== desired.status.message) {
        deps.log.info('grant status', { grant: name, status: desired.status.status, message: desired.status.message, expirationTime: desired.status.expirationTime });
      }
    }
    return desired.requeueAfterMs !== undefined ? { requeueAfterMs: desired.requeueAfterMs } : {};
  };
}
