/** The API server's limit for a label value (and for the name part of a label key). */
export const MAX_LABEL_VALUE_LENGTH = 63;

/**
 * Checks that a name that is also written as the value of label `label` fits in a label value.
 * Names (DNS-1123 subdomains) may have up to 253 characters, label values only 63, and the API
 * server refuses the whole object when one is longer; so a name that passes the name check can
 * still make the output unappliable. `what` names the field in the error, e.g. `grant name`.
 */
export function validateLabelValueName(what: string, value: string, label: string): string {
  if (value.length > MAX_LABEL_VALUE_LENGTH) {
    throw new Error(`invalid ${what} "${value}": it has ${value.length} characters, but at most ${MAX_LABEL_VALUE_LENGTH} are allowed, ` +
      `since it is also the value of the label ${label}, which the API server limits to ${MAX_LABEL_VALUE_LENGTH} characters`);
  }
  return value;
}
