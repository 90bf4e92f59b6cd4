/**
 * Checks that `value` is one of an enum's values, e.g.
 * `validateOneOf('linkAccess', props.linkAccess, LinkAccess, 'site "west"')` throws
 * `invalid linkAccess "bogus" of site "west": must be one of none, default, ...`.
 * Repeated values (deprecated enum aliases) are listed once.
 */
export function validateOneOf<T extends string>(what: string, value: T, allowed: Record<string, T>, of?: string): T {
  const values = [...new Set(Object.values(allowed))];
  if (!values.includes(value)) {
    throw new Error(`invalid ${what} "${value}"${of === undefined ? '' : ` of ${of}`}: must be one of ${values.join(', ')}`);
  }
  return value;
}
