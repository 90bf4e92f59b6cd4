import * as crypto from 'crypto';
import { children, derToPem, oid, pemToDer, sequence, time, tlv } from '../../../lib/pki/der';

test('lengths take the short form below 128 bytes and the minimal long form above', () => {
  expect(tlv(0x04, Buffer.alloc(127)).subarray(0, 2)).toEqual(Buffer.from([0x04, 0x7f]));
  expect(tlv(0x04, Buffer.alloc(128)).subarray(0, 3)).toEqual(Buffer.from([0x04, 0x81, 0x80]));
  expect(tlv(0x04, Buffer.alloc(256)).subarray(0, 4)).toEqual(Buffer.from([0x04, 0x82, 0x01, 0x00]));
  expect(tlv(0x04, Buffer.alloc(70_000)).subarray(0, 5)).toEqual(Buffer.from([0x04, 0x83, 0x01, 0x11, 0x70]));
});

test('object identifiers in base 128', () => {
  expect(oid('2.5.4.3').toString('hex')).toBe('0603550403');
  expect(oid('1.2.840.113549.1.1.11').toString('hex')).toBe('06092a864886f70d01010b');
  expect(() => oid('1')).toThrow('invalid OID 1');
});

test('times: UTCTime through 2049, GeneralizedTime from 2050 (RFC 5280)', () => {
  expect(time(new Date('2031-11-30T04:05:06.789Z')).toString('latin1')).toBe('\x17\x0d311130040506Z');
  expect(time(new Date('2049-12-31T23:59:59Z')).toString('latin1')).toBe('\x17\x0d491231235959Z');
  expect(time(new Date('2050-01-01T00:00:00Z')).toString('latin1')).toBe('\x18\x0f20500101000000Z');
  expect(() => time(new Date('1949-12-31T23:59:59Z'))).toThrow(/year 1949/);
});

test('PEM both ways, and the children of a sequence read back', () => {
  const der = sequence(oid('2.5.4.3'), tlv(0x04, Buffer.alloc(300, 7)));
  const pem = derToPem('CERTIFICATE', der);
  expect(pem.split('\n').slice(1, -2).every((line) => line.length <= 64)).toBe(true);
  expect(pemToDer(pem)).toEqual(der);
  const [first, second] = children(der);
  expect(first).toEqual(oid('2.5.4.3'));
  expect(second.subarray(4)).toEqual(Buffer.alloc(300, 7)); // 04 82 01 2c, then the content
  expect(() => children(der.subarray(0, 10))).toThrow('truncated DER');
});

test('a real SPKI splits into its algorithm and its key', () => {
  const { privateKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const spki = crypto.createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
  expect(children(spki)).toHaveLength(2);
  expect(children(spki)[1][0]).toBe(0x03);
});
