import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { eventBody } from '../machinery/event-body';
import type { Logger } from '../machinery/logger';
import { makeKeepAliveApiClient } from '../machinery/api-client';
import { describeError } from '../../kube-client/api-errors';
import type { LinkGrant } from '../../api/link-grant';
import { CDK8S_SKUPPER_API_VERSION } from '../../api/resource-types';

const COMPONENT = 'cdk8s-skupper-grant-server';

/** Records Kubernetes Events on LinkGrants. Messages name links and subjects, never a code or key. */
export interface GrantEvents {
  record(grant: LinkGrant, type: 'Normal' | 'Warning', reason: string, message: string): void;
  /** Writes what is held back for aggregation now (on shutdown). */
  flush?(): void;
}

/** Writes one Event standing for `count` occurrences. */
export type EventSink = (grant: LinkGrant, type: 'Normal' | 'Warning', reason: string, message: string, count: number) => void;

/** Time during which further Events of one grant and reason are folded into one. */
export const EVENT_AGGREGATION_MS = 1_000;

/**
 * Aggregates Events, a little like client-go's event correlator: the Events of one grant and
 * reason that come within `windowMs` of the first become one Event with their count and the last
 * message, written when the window ends. A burst of redemptions of one grant then costs the API
 * server (and etcd) one Event a second instead of one per redemption, and a grant redeemed
 * several times at once (the hub's spokes after a rollout) one Event, not two.
 */
export function aggregatingEvents(sink: EventSink, windowMs = EVENT_AGGREGATION_MS): Required<GrantEvents> {
  interface Held {
    readonly type: 'Normal' | 'Warning';
    readonly reason: string;
    readonly timer: NodeJS.Timeout;
    count: number;
    grant: LinkGrant;
    message: string;
  }
  const held = new Map<string, Held>();
  const release = (key: string): void => {
    const entry = held.get(key);
    if (!entry) return;
    held.delete(key);
    clearTimeout(entry.timer);
    const message = entry.count === 1 ? entry.message : `${entry.message} (and ${entry.count - 1} more like it within ${windowMs / 1000} s)`;
    sink(entry.grant, entry.type, entry.reason, message, entry.count);
  };
  return {
    record(grant, type, reason, message) {
      const key = JSON.stringify([grant.metadata?.namespace, grant.metadata?.name, type, reason]);
      const entry = held.get(key);
      if (entry) {
        entry.count++;
        entry.grant = grant;
        entry.message = message;
        return;
      }
      const timer = setTimeout(() => release(key), windowMs);
      timer.unref();
      held.set(key, { type, reason, timer, count: 1, grant, message });
    },
    flush() {
      for (const key of [...held.keys()]) release(key);
    },
  };
}

/** Creates core/v1 Events, aggregated (see aggregatingEvents), best effort: a failure is logged, never fails a redemption. */
export function kubeGrantEvents(kubeConfig: KubeConfig, namespace: string, log: Logger, host = process.env.HOSTNAME ?? ''): GrantEvents {
  const api = makeKeepAliveApiClient(kubeConfig, CoreV1Api);
  return aggregatingEvents((grant, type, reason, message, count) => {
    const body = eventBody({
      namespace,
      involvedObject: {
        apiVersion: grant.apiVersion ?? CDK8S_SKUPPER_API_VERSION,
        kind: grant.kind ?? 'LinkGrant',
        name: grant.metadata!.name!,
        uid: grant.metadata!.uid,
        resourceVersion: grant.metadata!.resourceVersion,
      },
      type, reason, message, count, component: COMPONENT, instance: host || undefined, now: new Date(),
    });
    api.createNamespacedEvent({ namespace, body }).catch((error: unknown) =>
      log.warn('recording an event failed', { grant: grant.metadata!.name, reason, error: describeError(error) }));
  });
}
