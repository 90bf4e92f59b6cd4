import type { Construct } from 'constructs';
import { RUNTIME_METRICS_PORT } from '../api/defaults';
import { RuntimeWorkload } from './runtime-workload';

/** What {@link addGrantServerWorkload} runs. */
export interface GrantServerWorkloadProps {
  readonly name: string;
  readonly namespace: string;
  readonly image: string;
  readonly labels: Record<string, string>;
  /** The port the server listens on. */
  readonly port: number;
  /** The Secret holding its TLS key and certificate. */
  readonly tlsSecret: string;
  /** The base of the URLs written into grant statuses: `https://<host>:<url port>`. */
  readonly baseUrl: string;
  /** The Secrets it may read, by name; read when the Role is rendered, so grants added later count. */
  readonly readableSecrets: () => string[];
}

/**
 * The runtime in `grant-server` mode, with a Role that allows exactly what it uses: its grants
 * and their status, the Sites, and only the Secrets it is given by name.
 */
export function addGrantServerWorkload(scope: Construct, props: GrantServerWorkloadProps): RuntimeWorkload {
  return new RuntimeWorkload(scope, 'Resource', {
    name: props.name,
    namespace: props.namespace,
    image: props.image,
    selectorLabels: props.labels,
    args: ['grant-server', `--port=${props.port}`, `--tls-secret=${props.tlsSecret}`, `--base-url=${props.baseUrl}`,
      `--metrics-address=:${RUNTIME_METRICS_PORT}`],
    ports: [{ name: 'https', containerPort: props.port }],
    rules: [
      { apiGroups: ['cdk8s-skupper.io'], resources: ['linkgrants'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: ['cdk8s-skupper.io'], resources: ['linkgrants/status'], verbs: ['get', 'update', 'patch'] },
      // The Site's status.endpoints become the Links' endpoints and the client certificate's SANs.
      { apiGroups: ['skupper.io'], resources: ['sites'], verbs: ['get', 'list', 'watch'] },
      // Only its TLS key, the grants' codes and the issuing CAs, by name.
      { apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list', 'watch'], resourceNames: props.readableSecrets },
      { apiGroups: [''], resources: ['events'], verbs: ['create', 'patch'] },
    ],
  });
}
