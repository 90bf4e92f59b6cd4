import { specOf } from '../output-objects';
import { ReviewContext } from '../review-context';
import { Impact, ReviewFinding } from '../review-finding';

/** Skupper Connectors and Listeners (services across the network) added, removed or changed. */
export function explainServices(context: ReviewContext): ReviewFinding[] {
  return [...context.open('Connector'), ...context.open('Listener')].map((change) => {
    context.explain(change);
    const object = (change.after ?? change.before)!;
    const spec = specOf(object) as { routingKey?: string; host?: string; port?: number };
    const what = object.kind === 'Listener'
      ? `listener ${object.name} (${spec.host}:${spec.port}, routing key ${spec.routingKey})`
      : `connector ${object.name} (port ${spec.port}, routing key ${spec.routingKey})`;
    if (!change.before) {
      return { cluster: object.cluster, namespace: object.namespace, impact: Impact.INFO, summary: `${what} is added`, details: [], commands: [] };
    }
    return {
      cluster: object.cluster,
      namespace: object.namespace,
      impact: Impact.ATTENTION,
      summary: change.after ? `${what} changes: ${change.paths.join(', ')}` : `${what} is removed`,
      details: [object.kind === 'Listener'
        ? 'clients on this site that use it lose or change the service'
        : 'clients across the network that reach the service through this site lose or change it'],
      commands: [],
    };
  });
}
