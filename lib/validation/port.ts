/**
 * Checks that `value` is an integer port from `min` to `max` (by default any TCP port, 1-65535).
 * `what` names the field in the error, e.g. `port of listener "backend"`.
 */
export function validatePort(what: string, value: number, min = 1, max = 65535): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`invalid ${what} ${value}: must be an integer from ${min} to ${max}`);
  }
  return value;
}
