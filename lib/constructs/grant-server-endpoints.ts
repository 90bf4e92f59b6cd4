import { ApiObject } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { GrantServerEndpoint, GrantServerExposure } from './grant-server-exposure';

/** What {@link addGrantServerEndpoints} creates the objects from. */
export interface GrantServerEndpointsProps {
  /** Name of the Service (and Ingress or Route). */
  readonly name: string;
  readonly namespace: string;
  /** Labels of the objects, and the Service's selector. */
  readonly labels: Record<string, string>;
  readonly endpoint: GrantServerEndpoint;
  /** The ingress class, with `GrantServerExposure.INGRESS_NGINX`. */
  readonly ingressClassName: string;
}

/**
 * The grant server's Service, and the Ingress or Route in front of it. Both pass TLS through:
 * the grant server's certificate, made for the host, is what redeemers check.
 */
export function addGrantServerEndpoints(scope: Construct, props: GrantServerEndpointsProps): void {
  const { name, namespace, labels, endpoint } = props;
  const exposure = endpoint.exposure;
  const serviceType = exposure === GrantServerExposure.LOAD_BALANCER || exposure === GrantServerExposure.NODE_PORT ? exposure : 'ClusterIP';
  new k8s.KubeService(scope, 'Service', {
    metadata: { name, namespace, labels },
    spec: {
      type: serviceType,
      selector: labels,
      ports: [{
        name: 'https', port: endpoint.port, targetPort: k8s.IntOrString.fromString('https'), protocol: 'TCP',
        nodePort: exposure === GrantServerExposure.NODE_PORT ? endpoint.urlPort : undefined,
      }],
    },
  });
  if (exposure === GrantServerExposure.INGRESS_NGINX) {
    new k8s.KubeIngress(scope, 'Ingress', {
      metadata: {
        name, namespace, labels,
        annotations: { 'nginx.ingress.kubernetes.io/ssl-passthrough': 'true', 'nginx.ingress.kubernetes.io/backend-protocol': 'HTTPS' },
      },
      spec: {
        ingressClassName: props.ingressClassName,
        rules: [{
          host: endpoint.host,
          http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name, port: { name: 'https' } } } }] },
        }],
      },
    });
  }
  if (exposure === GrantServerExposure.ROUTE) {
    new ApiObject(scope, 'Route', {
      apiVersion: 'route.openshift.io/v1',
      kind: 'Route',
      metadata: { name, namespace, labels },
      spec: { host: endpoint.host, to: { kind: 'Service', name }, port: { targetPort: 'https' }, tls: { termination: 'passthrough' } },
    });
  }
}
