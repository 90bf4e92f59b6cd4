import { classifyHost, ipAddressBytes } from '../../../lib/pki/host';

test('IPv4 and IPv6 addresses are classified as ip', () => {
  for (const host of ['10.0.0.5', '127.0.0.1', '::1', '2001:db8::1', '::ffff:10.0.0.1', 'fe80::1']) {
    expect(classifyHost(host)).toBe('ip');
  }
});

test('RFC 1123 names are classified as dns', () => {
  for (const host of ['grants.example.com', 'localhost', 'skupper-grant-server.skupper.svc', 'a1.b-2.example', `${'a'.repeat(63)}.example.com`, 'x']) {
    expect(classifyHost(host)).toBe('dns');
  }
});

test('anything else is refused with the value and what is allowed', () => {
  const invalid = [
    '', ' ', 'Grants.example.com', '*.example.com', 'grants.example.com.', '-grants.example.com', 'grants-.example.com',
    'grants..example.com', 'grants_1.example.com', `${'a'.repeat(64)}.example.com`, `${'a.'.repeat(127)}a`,
    '10.0.0.256', '1.2.3', '[::1]', 'fe80::1%eth0', 'https://grants.example.com', 'grants.example.com:9090', 'grünts.example.com',
  ];
  for (const host of invalid) {
    expect(() => classifyHost(host)).toThrow(`invalid host ${JSON.stringify(host)}: expected a DNS name (RFC 1123, e.g. grants.example.com) or an IP address`);
  }
});

test('a name of exactly 253 characters is allowed', () => {
  const name = `${'a'.repeat(61)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}`;
  expect(name).toHaveLength(253);
  expect(classifyHost(name)).toBe('dns');
});

test('IP addresses become their network-order bytes', () => {
  expect(ipAddressBytes('10.0.0.5').toString('hex')).toBe('0a000005');
  expect(ipAddressBytes('::1').toString('hex')).toBe('00000000000000000000000000000001');
  expect(ipAddressBytes('::').toString('hex')).toBe('00000000000000000000000000000000');
  expect(ipAddressBytes('2001:db8::1').toString('hex')).toBe('20010db8000000000000000000000001');
  expect(ipAddressBytes('1::').toString('hex')).toBe('00010000000000000000000000000000');
  expect(ipAddressBytes('2001:DB8:0:0:1:0:0:1').toString('hex')).toBe('20010db8000000000001000000000001');
  expect(ipAddressBytes('::ffff:10.0.0.1').toString('hex')).toBe('00000000000000000000ffff0a000001');
  expect(ipAddressBytes('64:ff9b::192.0.2.33').toString('hex')).toBe('0064ff9b0000000000000000c0000221');
});

test('ipAddressBytes refuses names', () => {
  expect(() => ipAddressBytes('grants.example.com')).toThrow(/invalid IP address "grants.example.com": expected an IPv4 or IPv6 address/);
});
