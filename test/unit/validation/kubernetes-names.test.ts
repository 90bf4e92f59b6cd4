import { isDnsSubdomain, validateDns1035Label, validateDnsLabel, validateDnsSubdomain } from '../../../lib/validation/kubernetes-names';

describe('validateDnsLabel', () => {
  test.each(['a', 'west', 'site-1', '0', '1abc', 'a'.repeat(63)])('accepts %p', (name) => {
    expect(validateDnsLabel('site name', name)).toBe(name);
  });

  test.each(['', 'West', '-a', 'a-', 'a.b', 'a_b', 'a b', 'a'.repeat(64)])('refuses %p, naming the field and the rule', (name) => {
    expect(() => validateDnsLabel('site name', name)).toThrow(`invalid site name "${name}": must be a DNS-1123 label (lower-case letters, ` +
      'digits and \'-\', starting and ending with a letter or digit, at most 63 characters)');
  });
});

describe('validateDnsSubdomain', () => {
  test.each(['a', 'link-east', 'a.b.c', 'skupper-site-ca', `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}`])(
    'accepts %p', (name) => {
      expect(validateDnsSubdomain('grant name', name)).toBe(name);
      expect(isDnsSubdomain(name)).toBe(true);
    });

  test.each(['', 'A', '.a', 'a.', 'a..b', '-a', 'a-.b', 'a_b', 'a/b', `${'a'.repeat(250)}.bcd`])('refuses %p', (name) => {
    expect(() => validateDnsSubdomain('grant name', name)).toThrow(`invalid grant name "${name}": must be a DNS-1123 subdomain (lower-case ` +
      'letters, digits, \'-\' and \'.\', starting and ending with a letter or digit, at most 253 characters)');
    expect(isDnsSubdomain(name)).toBe(false);
  });

  test('253 characters is the limit', () => {
    const name = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}`;
    expect(name).toHaveLength(253);
    expect(() => validateDnsSubdomain('grant name', `${name}d`)).toThrow('must be a DNS-1123 subdomain');
  });
});

describe('validateDns1035Label', () => {
  test.each(['backend', 'backend-2', 'b', 'b'.repeat(63)])('accepts %p', (name) => {
    expect(validateDns1035Label('host', name)).toBe(name);
  });

  test.each(['2backend', 'back.end', 'Backend', 'backend-', '', 'b'.repeat(64)])('refuses %p: a Service name starts with a letter', (name) => {
    expect(() => validateDns1035Label('host', name)).toThrow(`invalid host "${name}": must be a DNS-1035 label, as Service names are ` +
      '(lower-case letters, digits and \'-\', starting with a letter, ending with a letter or digit, at most 63 characters)');
  });
});
