const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS_1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

/**
 * Checks that `value` is an RFC 1123 DNS label (namespaces, Site names, Services): lower-case
 * alphanumerics and '-', starting and ending alphanumeric, at most 63 characters.
 * `what` names the field in the error, e.g. `site name`.
 */
export function validateDnsLabel(what: string, value: string): string {
  if (value.length > 63 || !DNS_LABEL.test(value)) {
    throw new Error(`invalid ${what} "${value}": must be a DNS-1123 label (lower-case letters, digits and '-', ` +
      'starting and ending with a letter or digit, at most 63 characters)');
  }
  return value;
}

/**
 * Checks that `value` is an RFC 1123 DNS subdomain (names of most objects: grants, tokens,
 * Secrets): DNS labels joined by '.', at most 253 characters.
 */
export function validateDnsSubdomain(what: string, value: string): string {
  if (value.length > 253 || !DNS_SUBDOMAIN.test(value)) {
    throw new Error(`invalid ${what} "${value}": must be a DNS-1123 subdomain (lower-case letters, digits, '-' and '.', ` +
      'starting and ending with a letter or digit, at most 253 characters)');
  }
  return value;
}

/**
 * Checks that `value` is an RFC 1035 DNS label, the rule for Service names: a DNS-1123 label
 * that starts with a letter.
 */
export function validateDns1035Label(what: string, value: string): string {
  if (value.length > 63 || !DNS_1035_LABEL.test(value)) {
    throw new Error(`invalid ${what} "${value}": must be a DNS-1035 label, as Service names are (lower-case letters, digits and '-', ` +
      'starting with a letter, ending with a letter or digit, at most 63 characters)');
  }
  return value;
}

/** Whether `value` is an RFC 1123 DNS subdomain (see validateDnsSubdomain), for checks that build their own message. */
export function isDnsSubdomain(value: string): boolean {
  return value.length <= 253 && DNS_SUBDOMAIN.test(value);
}
