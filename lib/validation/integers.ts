/**
 * Checks that `value` is an integer of at least 1 (a link cost, a number of redemptions).
 * The error names the field and its owner: `invalid cost 0 of token "t": must be a positive integer`.
 */
export function validatePositiveInteger(field: string, value: number, owner: string): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`invalid ${field} ${value} of ${owner}: must be a positive integer`);
  }
  return value;
}

/**
 * Checks that `value` is an integer of at least 0 (a rotation input). `what` names the field in
 * the error, e.g. `rotation of link "a" <-> "b"`.
 */
export function validateNonNegativeInteger(what: string, value: number): number {
  if (!Number.isInteger(value) || value < 0) {
    throw new Error(`invalid ${what} ${value}: must be a non-negative integer`);
  }
  return value;
}
