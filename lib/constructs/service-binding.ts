import { validateDnsSubdomain } from '../validation/kubernetes-names';
import { validatePort } from '../validation/port';
import { validateRoutingKey } from '../validation/routing-key';
import { validateConnectionType } from './connection-type';
import type { ServiceBindingProps } from './service-binding-props';
import { Site } from './site';

/** A Connector's or Listener's checked identity. */
export interface ServiceBinding {
  readonly routingKey: string;
  readonly name: string;
  readonly port: number;
  /** `<kind> "<name>" on site "<site>"`, for messages. */
  readonly what: string;
}

/**
 * Checks what Connectors and Listeners share: the routing key, the name (the routing key by
 * default, and free on the site: Skupper keeps one Connector or Listener of a name per
 * namespace), the port, the TLS Secret's name and the type. Claims nothing.
 */
export function validateServiceBinding(kind: 'connector' | 'listener', site: Site, props: ServiceBindingProps): ServiceBinding {
  const routingKey = validateRoutingKey(`routing key of a ${kind}`, props.routingKey);
  const name = validateDnsSubdomain(`name of ${kind} with routing key "${routingKey}"`, props.name ?? routingKey);
  if (site.isClaimed(kind, name)) {
    throw new Error(`site "${site.name}" already has a ${kind} named "${name}": ${kind} names must be unique per site`);
  }
  const what = `${kind} "${name}" on site "${site.name}"`;
  const port = validatePort(`port of ${what}`, props.port);
  if (props.tlsCredentials !== undefined) validateDnsSubdomain(`tlsCredentials (Secret name) of ${what}`, props.tlsCredentials);
  if (props.type !== undefined) validateConnectionType(what, props.type);
  return { routingKey, name, port, what };
}
