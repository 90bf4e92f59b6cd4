import { isIpAddress } from '../pki/host';

/**
 * Why a grant server host cannot be reached from another cluster, or undefined when nothing
 * says so. Only names that are in-cluster by construction are refused: Service names
 * (`*.svc`, `*.cluster.local`), `localhost` and loopback addresses. Any other name or address
 * is trusted to be routable, since only the operator knows their DNS and network.
 */
export function inClusterOnlyHost(host: string): string | undefined {
  const lower = host.toLowerCase();
  if (lower === 'localhost' || lower.endsWith('.localhost')) {
    return 'names this machine (localhost)';
  }
  if (isIpAddress(lower) && (/^127\./.test(lower) || lower === '::1')) {
    return 'is a loopback address';
  }
  if (/\.svc$/.test(lower) || /\.cluster\.local$/.test(lower)) {
    return 'is an in-cluster Service name';
  }
  if (!isIpAddress(lower) && !lower.includes('.')) {
    return 'is a single-label name, which only resolves inside the cluster (as a Service name)';
  }
  return undefined;
}
