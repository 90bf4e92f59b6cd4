import * as net from 'net';

/** How a host name goes into a certificate: an IP address SAN or a DNS name SAN. */
export type HostKind = 'ip' | 'dns';

const MAX_DNS_NAME_LENGTH = 253;
const DNS_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * Tells whether `host` is an IP address (IPv4 or IPv6) or a DNS name, and throws for anything
 * else, so that a typo fails at synth time rather than as a TLS hostname mismatch at redemption.
 */
export function classifyHost(host: string): HostKind {
  if (isIpAddress(host)) {
    return 'ip';
  }
  if (isDnsName(host)) {
    return 'dns';
  }
  throw new Error(`invalid host ${JSON.stringify(host)}: expected a DNS name (RFC 1123, e.g. grants.example.com) or an IP address`);
}

/** Whether `host` is an IPv4 or IPv6 address that a certificate can name. */
export function isIpAddress(host: string): boolean {
  // A zone (fe80::1%eth0) is local to one machine and cannot be put in a certificate.
  return net.isIP(host) !== 0 && !host.includes('%');
}

/**
 * RFC 1123 host names in lower case (how Kubernetes and Go compare them), without wildcards or
 * a trailing dot. An all-numeric last label is refused: no TLD is numeric, and URL parsers read
 * such names (e.g. 10.0.0.256) as malformed IPv4 addresses.
 */
export function isDnsName(host: string): boolean {
  if (host.length === 0 || host.length > MAX_DNS_NAME_LENGTH) {
    return false;
  }
  const labels = host.split('.');
  return labels.every((label) => DNS_LABEL.test(label)) && !/^[0-9]+$/.test(labels[labels.length - 1]);
}

/**
 * The network-order bytes of an IP address as an X.509 iPAddress SAN holds them: 4 bytes for
 * IPv4, 16 for IPv6 (including the dotted IPv4 tail form, e.g. ::ffff:10.0.0.1). forge's own
 * parser does not understand that tail form, hence this one.
 */
export function ipAddressBytes(ip: string): Buffer {
  const family = isIpAddress(ip) ? net.isIP(ip) : 0;
  if (family === 4) {
    return Buffer.from(ip.split('.').map(Number));
  }
  if (family !== 6) {
    throw new Error(`invalid IP address ${JSON.stringify(ip)}: expected an IPv4 or IPv6 address`);
  }
  let text = ip;
  const ipv4Tail = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (ipv4Tail) {
    const [a, b, c, d] = ipv4Tail.slice(1).map(Number);
    text = text.slice(0, ipv4Tail.index) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const groupsOf = (part: string): string[] => (part === '' ? [] : part.split(':'));
  let groups: string[];
  if (text.includes('::')) {
    const [head, tail] = text.split('::');
    const headGroups = groupsOf(head);
    const tailGroups = groupsOf(tail);
    groups = [...headGroups, ...new Array<string>(8 - headGroups.length - tailGroups.length).fill('0'), ...tailGroups];
  } else {
    groups = text.split(':');
  }
  const bytes = Buffer.alloc(16);
  groups.forEach((group, index) => bytes.writeUInt16BE(parseInt(group, 16), index * 2));
  return bytes;
}
