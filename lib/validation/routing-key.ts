// Skupper's CRDs type a routing key as any string, but its CLI (`skupper listener|connector
// create --routing-key`) accepts only this form, and keys outside it are not portable between the
// CLI, the console and other sites' tooling. The same language as Skupper 2.2.1's
// NewResourceStringValidator (internal/utils/validator/simple_validator.go), whose `(...)*` inner
// groups are written `(...)?` here: Go's RE2 is linear, but JavaScript's engine backtracks
// exponentially on a nested `*` (29 characters and a bad one took 16 s).
const ROUTING_KEY = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/**
 * Checks that `value` is a routing key as Skupper's CLI accepts it: lower-case letters, digits,
 * '-' and '.', every '.'-separated part starting and ending with a letter or digit
 * (`backend`, `backend-v2`, `orders.eu`). `what` names the field in the error.
 */
export function validateRoutingKey(what: string, value: string): string {
  if (!ROUTING_KEY.test(value)) {
    throw new Error(`invalid ${what} "${value}": must be a Skupper routing key (lower-case letters, digits, '-' and '.', ` +
      'each \'.\'-separated part starting and ending with a letter or digit, e.g. backend or orders.eu)');
  }
  return value;
}
