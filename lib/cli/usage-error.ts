import { validateDnsLabel } from '../validation/kubernetes-names';

/** Bad command-line input: the commands answer it with exit code 2, like the other CLI commands. */
export class UsageError extends Error {
  public constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** A flag value that must be a DNS-1123 label (a namespace, a Service name); a UsageError naming it if not. */
export function dnsLabelFlag(flag: string, value: string): string {
  try {
    return validateDnsLabel(flag, value);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
