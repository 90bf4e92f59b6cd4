import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import * as skupper from '../../imports/skupper-skupper.io';
import { isDnsName, isIpAddress } from '../pki/host';
import { validateLabelSelector } from '../validation/label-selector';
import { PART_OF_LABELS } from './labels';
import { ServiceBinding, validateServiceBinding } from './service-binding';
import { ServiceBindingProps } from './service-binding-props';
import { Site } from './site';

/** Properties of a {@link Connector}. */
export interface ConnectorProps extends ServiceBindingProps {
  /**
   * A Kubernetes label selector of the workload's pods in the site's namespace (`app=backend`,
   * `app=backend,tier=api`): the router connects to each selected pod. Set exactly one of
   * `selector` and `host`.
   * @default - none: `host` names the workload
   */
  readonly selector?: string;
  /**
   * The DNS name or IP address of the workload (a Service name, or a server outside the cluster).
   * Set exactly one of `selector` and `host`.
   * @default - none: `selector` picks the workload's pods
   */
  readonly host?: string;
  /**
   * TLS from the router to the workload: the name of a Secret in the site's namespace holding the
   * CA the workload's certificate chains to (`ca.crt`) and, for mutual TLS, a client certificate
   * and key (`tls.crt`, `tls.key`).
   * @default - plain TCP to the workload
   */
  readonly tlsCredentials?: string;
  /**
   * Whether the router presents the client certificate of `tlsCredentials` (mutual TLS).
   * @default false
   */
  readonly useClientCert?: boolean;
  /**
   * Whether the router checks that the workload's certificate names the host it connected to.
   * @default false
   */
  readonly verifyHostname?: boolean;
}

/**
 * Makes a workload of one site reachable across the network: a Skupper `Connector`
 * (skupper.io/v2alpha1). The site's router connects to the workload (pods by `selector`, or a
 * `host`) for every client of a Listener with the same routing key on a linked site.
 * Several Connectors with one routing key, on one site or several, share the load (Skupper
 * balances between them).
 *
 * @see https://skupper.io/docs/kube-yaml/service-exposure.html
 */
export class Connector extends Construct {
  /** The Connector's name. */
  public readonly name: string;
  /** The routing key. */
  public readonly routingKey: string;
  /** The workload's port. */
  public readonly port: number;
  /** The site the Connector is on. */
  public readonly site: Site;
  /** The Skupper Connector object. */
  public readonly apiObject: ApiObject;

  public constructor(scope: Site, id: string, props: ConnectorProps) {
    const { routingKey, name, port } = validateConnector(scope, props);
    super(scope, id);
    scope.claimName('connector', name);
    this.name = name;
    this.routingKey = routingKey;
    this.port = port;
    this.site = scope;
    this.apiObject = new skupper.Connector(this, 'Resource', {
      metadata: { name, namespace: scope.namespace, labels: { ...PART_OF_LABELS } },
      spec: {
        routingKey,
        port,
        selector: props.selector,
        host: props.host,
        tlsCredentials: props.tlsCredentials,
        useClientCert: props.useClientCert,
        verifyHostname: props.verifyHostname,
        type: props.type,
      },
    });
  }
}

/**
 * Everything a {@link Connector} checks before it is made, claiming nothing, so that a caller
 * making several (ApplicationNetwork.expose) can check them all before making the first.
 */
export function validateConnector(scope: Site, props: ConnectorProps): ServiceBinding {
  const binding = validateServiceBinding('connector', scope, props);
  const { what } = binding;
  if ((props.selector === undefined) === (props.host === undefined)) {
    throw new Error(`${what} sets ${props.selector === undefined ? 'neither selector nor host' : 'both selector and host'}: ` +
      'set exactly one: selector picks the workload\'s pods, host names a server');
  }
  if (props.selector !== undefined) {
    validateLabelSelector(`selector of ${what}`, props.selector);
  } else if (!isDnsName(props.host!) && !isIpAddress(props.host!)) {
    throw new Error(`invalid host "${props.host}" of ${what}: must be a DNS name (RFC 1123, lower case, e.g. backend or ` +
      'db.example.com) or an IP address');
  }
  if (props.tlsCredentials === undefined && (props.useClientCert !== undefined || props.verifyHostname !== undefined)) {
    throw new Error(`${what} sets ${props.useClientCert !== undefined ? 'useClientCert' : 'verifyHostname'} but no tlsCredentials: ` +
      'both only apply to TLS to the workload; set tlsCredentials to the Secret with its CA');
  }
  return binding;
}
