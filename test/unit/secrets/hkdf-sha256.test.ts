import * as crypto from 'crypto';
import { HkdfSha256 } from '../../../lib/secrets/hkdf-sha256';

// Every derived value of every synth goes through this: a single differing byte would rotate
// every grant code, key and sealed value, so it is compared with Node's own HKDF exhaustively.
const nodeHkdf = (ikm: Buffer, info: string, length: number) => Buffer.from(crypto.hkdfSync('sha256', ikm, Buffer.alloc(0), info, length));

test('gives the bytes of crypto.hkdfSync with an empty salt, for every length of one to four blocks and the longest', () => {
  const ikm = Buffer.from('00'.repeat(31) + '01', 'hex');
  const hkdf = new HkdfSha256(ikm);
  const info = JSON.stringify(['sealing/session-key', 'west', 'west-ns/link-east-code', 'code']);
  for (let length = 0; length <= 4 * 32 + 1; length++) {
    expect(hkdf.expand(info, length).toString('hex')).toBe(nodeHkdf(ikm, info, length).toString('hex'));
  }
  expect(hkdf.expand(info, 255 * 32).equals(nodeHkdf(ikm, info, 255 * 32))).toBe(true);
});

test('gives the bytes of crypto.hkdfSync for random keys and infos (any length, non-ASCII, the longest info)', () => {
  const random = seededBytes('hkdf-test');
  for (let i = 0; i < 300; i++) {
    const ikm = random(1 + (random(1)[0] % 64));
    const info = i % 3 === 0 ? random(random(1)[0]).toString('latin1') : `["p","${'é🔑'.repeat(i % 7)}",${i}]`;
    const length = 1 + (random(2).readUInt16BE() % 300);
    expect(new HkdfSha256(ikm).expand(info, length).toString('hex')).toBe(nodeHkdf(ikm, info, length).toString('hex'));
  }
  const longest = 'x'.repeat(1024);
  expect(new HkdfSha256(Buffer.alloc(32, 7)).expand(longest, 32)).toEqual(nodeHkdf(Buffer.alloc(32, 7), longest, 32));
});

test('returns a buffer of its own, so key material never sits in Node\'s shared pool', () => {
  const okm = new HkdfSha256(Buffer.alloc(32, 1)).expand('p', 40);
  expect(okm.byteOffset).toBe(0);
  expect(okm.buffer.byteLength).toBe(40);
});

test.each([
  [-1, /invalid HKDF-SHA256 output length -1/],
  [1.5, /invalid HKDF-SHA256 output length 1.5/],
  [255 * 32 + 1, /invalid HKDF-SHA256 output length 8161: expected an integer from 0 to 8160/],
])('refuses an output length of %s, as crypto.hkdfSync does', (length, message) => {
  expect(() => nodeHkdf(Buffer.alloc(32), 'p', length)).toThrow();
  expect(() => new HkdfSha256(Buffer.alloc(32)).expand('p', length)).toThrow(message);
});

test('refuses an info over 1,024 bytes, as crypto.hkdfSync does', () => {
  const info = 'é'.repeat(513);
  expect(() => nodeHkdf(Buffer.alloc(32), info, 32)).toThrow();
  expect(() => new HkdfSha256(Buffer.alloc(32)).expand(info, 32)).toThrow('HKDF info of 1026 bytes is too long: at most 1024 bytes');
});

/** A deterministic byte source, so a failure can be replayed. */
function seededBytes(seed: string): (n: number) => Buffer {
  let counter = 0;
  return (n) => {
    const out = Buffer.alloc(n);
    for (let filled = 0; filled < n; filled += 32) {
      crypto.createHash('sha256').update(`${seed}/${counter++}`).digest().copy(out, filled);
    }
    return out;
  };
}
