import * as crypto from 'crypto';
import type { CoreV1Event } from '@kubernetes/client-node';

/** What an Event is about and says. */
export interface EventOptions {
  readonly namespace: string;
  readonly involvedObject: { readonly apiVersion: string; readonly kind: string; readonly name: string; readonly uid?: string; readonly resourceVersion?: string };
  readonly type: 'Normal' | 'Warning';
  readonly reason: string;
  readonly message: string;
  /** How many occurrences it stands for. @default 1 */
  readonly count?: number;
  /** The controller, e.g. cdk8s-skupper-grant-server. */
  readonly component: string;
  /** The pod or host reporting it. @default - the component */
  readonly instance?: string;
  readonly now: Date;
}

/**
 * A core/v1 Event the API server accepts whatever the object's name: the Event's name is the
 * object's (cut to fit 253 characters with the suffix) plus a random suffix, and the message is
 * capped at 1 KiB (the API server refuses longer ones).
 */
export function eventBody(options: EventOptions): CoreV1Event {
  const { involvedObject, now } = options;
  return {
    metadata: { name: `${involvedObject.name.slice(0, 230)}.${crypto.randomBytes(8).toString('hex')}`, namespace: options.namespace },
    involvedObject: { ...involvedObject, namespace: options.namespace },
    type: options.type,
    reason: options.reason,
    message: options.message.slice(0, 1024),
    count: options.count ?? 1,
    firstTimestamp: now,
    lastTimestamp: now,
    source: { component: options.component, host: options.instance },
    reportingComponent: options.component,
    reportingInstance: options.instance ?? options.component,
  };
}
