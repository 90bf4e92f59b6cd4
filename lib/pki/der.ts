/**
 * The few DER encodings a certificate needs, written directly: building a certificate with
 * node-forge's object model cost most of a redemption's certificate time (bench/redemption).
 */

/** A tag-length-value with `content`, the length in DER's minimal form. */
export function tlv(tag: number, ...content: readonly Buffer[]): Buffer {
  const body = content.length === 1 ? content[0] : Buffer.concat(content);
  const n = body.length;
  let header: Buffer;
  if (n < 0x80) header = Buffer.from([tag, n]);
  else if (n < 0x100) header = Buffer.from([tag, 0x81, n]);
  else if (n < 0x10000) header = Buffer.from([tag, 0x82, n >> 8, n & 0xff]);
  else if (n < 0x1000000) header = Buffer.from([tag, 0x83, n >> 16, (n >> 8) & 0xff, n & 0xff]);
  else throw new Error(`DER value of ${n} bytes is too long`);
  return Buffer.concat([header, body]);
}

export const sequence = (...content: readonly Buffer[]): Buffer => tlv(0x30, ...content);
export const set = (...content: readonly Buffer[]): Buffer => tlv(0x31, ...content);
export const octetString = (content: Buffer): Buffer => tlv(0x04, content);
export const BOOLEAN_TRUE = Buffer.from([0x01, 0x01, 0xff]);
export const NULL = Buffer.from([0x05, 0x00]);

/** A BIT STRING of whole bytes (signatures, keys). */
export const bitString = (bytes: Buffer): Buffer => tlv(0x03, Buffer.from([0]), bytes);

/** An OBJECT IDENTIFIER from its dotted form. */
export function oid(dotted: string): Buffer {
  const arcs = dotted.split('.').map(Number);
  if (arcs.length < 2 || arcs.some((arc) => !Number.isSafeInteger(arc) || arc < 0)) throw new Error(`invalid OID ${dotted}`);
  const bytes = [arcs[0] * 40 + arcs[1]];
  for (const arc of arcs.slice(2)) {
    const base128 = [arc & 0x7f];
    for (let rest = Math.floor(arc / 128); rest > 0; rest = Math.floor(rest / 128)) base128.unshift((rest & 0x7f) | 0x80);
    bytes.push(...base128);
  }
  return tlv(0x06, Buffer.from(bytes));
}

/**
 * A certificate time as RFC 5280 4.1.2.5 requires: UTCTime through 2049, GeneralizedTime from
 * 2050, whole seconds, `Z`.
 */
export function time(date: Date): Buffer {
  const year = date.getUTCFullYear();
  if (year < 1950 || year > 9999) throw new Error(`cannot encode the year ${year} in a certificate`);
  const two = (n: number): string => String(n).padStart(2, '0');
  const rest = `${two(date.getUTCMonth() + 1)}${two(date.getUTCDate())}${two(date.getUTCHours())}${two(date.getUTCMinutes())}${two(date.getUTCSeconds())}Z`;
  return year < 2050 ? tlv(0x17, Buffer.from(two(year % 100) + rest, 'ascii')) : tlv(0x18, Buffer.from(String(year) + rest, 'ascii'));
}

/** A context-specific tag: constructed (EXPLICIT, or IMPLICIT of a constructed type) or primitive (IMPLICIT). */
export const contextTag = (n: number, constructed: boolean, ...content: readonly Buffer[]): Buffer =>
  tlv(0x80 | (constructed ? 0x20 : 0) | n, ...content);

/** The DER bytes of a PEM block's body. */
export function pemToDer(pem: string): Buffer {
  const match = /-----BEGIN [A-Z0-9 ]+-----([\s\S]*?)-----END [A-Z0-9 ]+-----/.exec(pem);
  if (!match) throw new Error('no PEM block');
  return Buffer.from(match[1].replace(/\s+/g, ''), 'base64');
}

/** PEM with LF line ends and 64-character lines, as OpenSSL and Go write it. */
export function derToPem(label: string, der: Buffer): string {
  const base64 = der.toString('base64');
  const lines: string[] = [];
  for (let i = 0; i < base64.length; i += 64) lines.push(base64.slice(i, i + 64));
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/**
 * The children of a DER SEQUENCE (or SET) as whole TLVs, for reading fields out of a
 * certificate without a general parser.
 */
export function children(der: Buffer): Buffer[] {
  const { start, end } = span(der, 0);
  const result: Buffer[] = [];
  for (let at = start; at < end;) {
    const child = span(der, at);
    result.push(der.subarray(at, child.end));
    at = child.end;
  }
  return result;
}

/** Where the content of the TLV at `at` starts and where the TLV ends. */
function span(der: Buffer, at: number): { start: number; end: number } {
  if (at + 2 > der.length) throw new Error('truncated DER');
  let length = der[at + 1];
  let start = at + 2;
  if (length & 0x80) {
    const bytes = length & 0x7f;
    if (bytes === 0 || bytes > 3 || start + bytes > der.length) throw new Error('unsupported DER length');
    length = 0;
    for (let i = 0; i < bytes; i++) length = length * 256 + der[start + i];
    start += bytes;
  }
  if (start + length > der.length) throw new Error('truncated DER');
  return { start, end: start + length };
}
