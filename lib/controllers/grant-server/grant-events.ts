import * as crypto from 'crypto';
import { CoreV1Api, CoreV1Event, KubeConfig } from '@kubernetes/client-node';
import type { Logger } from '../machinery/logger';
import { describeError } from '../../kube-client/api-errors';
import type { LinkGrant } from '../../api/link-grant';

const COMPONENT = 'cdk8s-skupper-grant-server';

/** Records Kubernetes Events on LinkGrants. Messages name links and subjects, never a code or key. */
export interface GrantEvents {
  record(grant: LinkGrant, type: 'Normal' | 'Warning', reason: string, message: string): void;
}

/** Creates core/v1 Events, best effort: a failure is logged, never fails a redemption. */
export function kubeGrantEvents(kubeConfig: KubeConfig, namespace: string, log: Logger, host = process.env.HOSTNAME ?? ''): GrantEvents {
  const api = kubeConfig.makeApiClient(CoreV1Api);
  return {
    record(grant, type, reason, message) {
      const now = new Date();
      const body: CoreV1Event = {
        metadata: { name: `${grant.metadata!.name}.${crypto.randomBytes(8).toString('hex')}`, namespace },
        involvedObject: {
          apiVersion: grant.apiVersion ?? 'cdk8s-skupper.io/v1alpha1',
          kind: grant.kind ?? 'LinkGrant',
          name: grant.metadata!.name,
          namespace,
          uid: grant.metadata!.uid,
          resourceVersion: grant.metadata!.resourceVersion,
        },
        type,
        reason,
        message,
        count: 1,
        firstTimestamp: now,
        lastTimestamp: now,
        source: { component: COMPONENT, host: host || undefined },
        reportingComponent: COMPONENT,
        reportingInstance: host || COMPONENT,
      };
      api.createNamespacedEvent({ namespace, body }).catch((error: unknown) =>
        log.warn('recording an event failed', { grant: grant.metadata!.name, reason, error: describeError(error) }));
    },
  };
}
