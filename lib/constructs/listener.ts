import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import * as skupper from '../../imports/skupper-skupper.io';
import { validateDns1035Label } from '../validation/kubernetes-names';
import { PART_OF_LABELS } from './labels';
import { ServiceBinding, validateServiceBinding } from './service-binding';
import { ServiceBindingProps } from './service-binding-props';
import { Site } from './site';

/**
 * Services the Skupper controller itself makes in a site's namespace: a Listener with one of
 * these hosts would fight it for the Service.
 */
const SKUPPER_SERVICE_NAMES = ['skupper-router', 'skupper-router-local'];

/** Properties of a {@link Listener}. */
export interface ListenerProps extends ServiceBindingProps {
  /**
   * The host clients on this site connect to. On Kubernetes the Skupper controller makes a
   * Service of this name in the site's namespace, so it is a DNS-1035 label, and no other
   * Service of the namespace may have it. Several Listeners may share a host on different ports
   * (a multi-port service).
   * @default - the routing key
   */
  readonly host?: string;
  /**
   * TLS between clients and the router: the name of a Secret in the site's namespace holding the
   * server certificate and key the router presents (`tls.crt`, `tls.key`) and, for mutual TLS,
   * the CA client certificates must chain to (`ca.crt`).
   * @default - plain TCP from clients
   */
  readonly tlsCredentials?: string;
}

/**
 * Makes a service of the network reachable on one site: a Skupper `Listener`
 * (skupper.io/v2alpha1). Clients on the site connect to `host:port`; the router carries each
 * connection to a Connector with the same routing key on a linked site.
 *
 * @see https://skupper.io/docs/kube-yaml/service-exposure.html
 */
export class Listener extends Construct {
  /** The Listener's name. */
  public readonly name: string;
  /** The routing key. */
  public readonly routingKey: string;
  /** The host clients connect to (the name of the Service Skupper makes). */
  public readonly host: string;
  /** The port clients connect to. */
  public readonly port: number;
  /** The site the Listener is on. */
  public readonly site: Site;
  /** The Skupper Listener object. */
  public readonly apiObject: ApiObject;

  public constructor(scope: Site, id: string, props: ListenerProps) {
    const { routingKey, name, port, host } = validateListener(scope, props);
    super(scope, id);
    scope.claimName('listener', name);
    scope.claimName('listener endpoint', `${host}:${port}`);
    this.name = name;
    this.routingKey = routingKey;
    this.host = host;
    this.port = port;
    this.site = scope;
    this.apiObject = new skupper.Listener(this, 'Resource', {
      metadata: { name, namespace: scope.namespace, labels: { ...PART_OF_LABELS } },
      spec: { routingKey, host, port, tlsCredentials: props.tlsCredentials, type: props.type },
    });
    // Other constructs (a GrantServer, your own objects) may add Services to the site later.
    this.node.addValidation({ validate: () => this.serviceClash() });
  }

  private serviceClash(): string[] {
    const clash = this.site.node.findAll().find((c): c is ApiObject =>
      c instanceof ApiObject && c.apiVersion === 'v1' && c.kind === 'Service' && c.name === this.host);
    return clash ? [`host "${this.host}" of listener "${this.name}" on site "${this.site.name}" is also the name of Service ` +
      `"${clash.node.path}" of the site: the Skupper controller makes a Service named after the host and refuses to take over ` +
      'an existing one; pick another host'] : [];
  }
}

/** A Listener's checked identity: the shared parts and the host. */
export interface ListenerBinding extends ServiceBinding {
  readonly host: string;
}

/**
 * Everything a {@link Listener} checks before it is made (except the Service clash, checked at
 * synth when the site is complete), claiming nothing, so that a caller making several
 * (ApplicationNetwork.expose) can check them all before making the first.
 */
export function validateListener(scope: Site, props: ListenerProps): ListenerBinding {
  const binding = validateServiceBinding('listener', scope, props);
  const { what, port } = binding;
  const host = validateDns1035Label(`host of ${what} (the name of the Service Skupper makes for it)`, props.host ?? binding.routingKey);
  if (SKUPPER_SERVICE_NAMES.includes(host)) {
    throw new Error(`host "${host}" of ${what} is the name of a Service the Skupper controller makes for the site ` +
      `(${SKUPPER_SERVICE_NAMES.join(', ')}): pick another host`);
  }
  // Skupper's controller refuses a second Listener on a host and port it already serves.
  const endpoint = `${host}:${port}`;
  if (scope.isClaimed('listener endpoint', endpoint)) {
    throw new Error(`${what} listens on ${endpoint}, where another listener of the site already listens: ` +
      'Skupper allows one listener per host and port; change the host or the port');
  }
  return { ...binding, host };
}
