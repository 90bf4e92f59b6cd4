import { Condition } from '../../api/kubernetes-object';
import { SkupperLink } from '../../api/skupper';

/**
 * How far a token's Links have come, from the Link conditions Skupper's controller sets
 * (reference/skupper-linking.md 4.2): Configured (the router has the connector), Operational
 * (the network status shows the link up), Ready (both).
 */
export type LinkState = 'Error' | 'NotConfigured' | 'NotOperational' | 'Ready';

export interface LinkReadiness {
  readonly state: LinkState;
  readonly message: string;
}

// Worst first: the token shows its least advanced Link.
const SEVERITY: readonly LinkState[] = ['Error', 'NotConfigured', 'NotOperational', 'Ready'];

/** The readiness of a token's Links taken together (HA gives more than one). */
export function linkReadiness(links: readonly SkupperLink[]): LinkReadiness {
  if (links.length === 0) {
    return { state: 'NotConfigured', message: 'No Link yet' };
  }
  const each = links.map(link => ({ link, readiness: readinessOf(link) }));
  const worst = each.reduce((a, b) => (SEVERITY.indexOf(b.readiness.state) < SEVERITY.indexOf(a.readiness.state) ? b : a));
  if (worst.readiness.state === 'Ready') {
    return { state: 'Ready', message: 'OK' };
  }
  // The Link's own message, as is, so the token says what Skupper says; named when there are several.
  const message = links.length > 1 && worst.readiness.state === 'Error'
    ? `Link ${worst.link.metadata?.name}: ${worst.readiness.message}`
    : worst.readiness.message;
  return { state: worst.readiness.state, message };
}

function readinessOf(link: SkupperLink): LinkReadiness {
  const name = link.metadata?.name ?? '';
  const conditions = link.status?.conditions ?? [];
  const condition = (type: string): Condition | undefined => conditions.find(c => c.type === type);
  const configured = condition('Configured');
  const operational = condition('Operational');
  const ready = condition('Ready');

  // Skupper marks a condition still in progress with reason Pending; a Configured that is False
  // for any other reason is an error (e.g. `TLS credentials secret "x" not found`). Operational
  // False only means "not up yet" (older Skupper versions gave it reason Error, too).
  if (configured?.status === 'False' && configured.reason !== 'Pending') {
    return { state: 'Error', message: configured.message || `Link ${name} could not be configured` };
  }
  if (ready?.status === 'True' || (configured?.status === 'True' && operational?.status === 'True')) {
    return { state: 'Ready', message: 'OK' };
  }
  if (configured?.status !== 'True') {
    return { state: 'NotConfigured', message: `Link ${name} is not configured yet${detail(configured)}` };
  }
  return { state: 'NotOperational', message: `Link ${name} is configured, not operational yet${detail(operational)}` };
}

function detail(condition: Condition | undefined): string {
  return condition?.message ? ` (${condition.message})` : '';
}
