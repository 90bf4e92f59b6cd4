import { ApiObject, Lazy } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { RUNTIME_METRICS_PORT } from '../api/defaults';

// Exported from here since the first release; the value lives with the runtime's other defaults.
export { RUNTIME_METRICS_PORT };

/** The runtime image the Deployments run unless told otherwise (build it with the repository's Dockerfile). */
export const DEFAULT_RUNTIME_IMAGE = 'ghcr.io/cdk8s-skupper/runtime:0.1.0';

/** One RBAC rule; `resourceNames` may be produced lazily (filled in as grants and tokens are added). */
export interface RuntimeRule {
  readonly apiGroups: string[];
  readonly resources: string[];
  readonly verbs: string[];
  readonly resourceNames?: () => string[];
}

/** Properties of a {@link RuntimeWorkload}. */
export interface RuntimeWorkloadProps {
  /** Name of the ServiceAccount, Role, RoleBinding and Deployment. */
  readonly name: string;
  /** Namespace of all of them. */
  readonly namespace: string;
  /** The runtime's arguments (its first is the role: `grant-server` or `redeemer`). */
  readonly args: string[];
  /** The container image. */
  readonly image: string;
  /** Labels identifying the pods (the Service selector, when there is one). */
  readonly selectorLabels: Record<string, string>;
  /** What the runtime may do in its namespace: exactly what it uses, nothing more. */
  readonly rules: RuntimeRule[];
  /**
   * Extra named container ports, e.g. the grant server's HTTPS port.
   * @default - only the metrics port
   */
  readonly ports?: k8s.ContainerPort[];
}

/**
 * The runtime controller running in one namespace under its own ServiceAccount with a
 * least-privilege Role: what both the grant server and the token redeemer are made of.
 */
export class RuntimeWorkload extends Construct {
  /** The Deployment. */
  public readonly deployment: ApiObject;
  /** The ServiceAccount the runtime runs as. */
  public readonly serviceAccountName: string;

  public constructor(scope: Construct, id: string, props: RuntimeWorkloadProps) {
    super(scope, id);
    const metadata = { name: props.name, namespace: props.namespace, labels: props.selectorLabels };
    this.serviceAccountName = props.name;
    new k8s.KubeServiceAccount(this, 'ServiceAccount', { metadata });
    new k8s.KubeRole(this, 'Role', {
      metadata,
      rules: props.rules.map(rule => ({
        apiGroups: rule.apiGroups,
        resources: rule.resources,
        verbs: rule.verbs,
        resourceNames: rule.resourceNames
          ? Lazy.any({ produce: () => [...new Set(rule.resourceNames!())].sort() })
          : undefined,
      })),
    });
    new k8s.KubeRoleBinding(this, 'RoleBinding', {
      metadata,
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: props.name },
      subjects: [{ kind: 'ServiceAccount', name: props.name, namespace: props.namespace }],
    });
    const probe = (path: string) => ({ httpGet: { path, port: k8s.IntOrString.fromString('metrics') }, periodSeconds: 10 });
    this.deployment = new k8s.KubeDeployment(this, 'Resource', {
      metadata,
      spec: {
        replicas: 1,
        selector: { matchLabels: props.selectorLabels },
        template: {
          metadata: { labels: props.selectorLabels },
          spec: {
            serviceAccountName: props.name,
            // Service links would inject env vars nobody reads (and collide with Skupper's style of config).
            enableServiceLinks: false,
            securityContext: { runAsNonRoot: true, runAsUser: 65532, runAsGroup: 65532, seccompProfile: { type: 'RuntimeDefault' } },
            containers: [{
              name: 'runtime',
              image: props.image,
              args: props.args,
              ports: [...(props.ports ?? []), { name: 'metrics', containerPort: RUNTIME_METRICS_PORT }],
              readinessProbe: probe('/readyz'),
              livenessProbe: probe('/healthz'),
              resources: {
                requests: { cpu: k8s.Quantity.fromString('50m'), memory: k8s.Quantity.fromString('64Mi') },
                limits: { memory: k8s.Quantity.fromString('256Mi') },
              },
              securityContext: {
                readOnlyRootFilesystem: true,
                allowPrivilegeEscalation: false,
                capabilities: { drop: ['ALL'] },
              },
            }],
          },
        },
      },
    });
  }
}
