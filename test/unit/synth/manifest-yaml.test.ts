import { Yaml } from 'cdk8s';
import { manifestYaml } from '../../../lib/synth/manifest-yaml';
import { seededRandom } from '../../support/seeded-random';

// manifestYaml must write exactly what cdk8s's Yaml.stringify writes, for every value.

/** Scalars that YAML 1.1 reads specially, or that need quoting, folding or a block literal. */
const TRICKY_STRINGS = [
  '', ' ', 'a', 'y', 'Y', 'yes', 'No', 'ON', 'off', 'true', 'False', 'null', 'Null', '~', 'n', 'N', 'nil',
  '0', '1', '-1', '+1', '1.5', '.5', '1e3', '6e10', '0x1F', '0o17', '017', '1_000', '12:30', '1:20:30', '2001-12-14',
  '.inf', '-.Inf', '.NaN', '=', '<<', '-', '?', ':', '-a', '? a', '- a', 'a:', 'a: b', 'a:b', 'a :b', 'a #b', 'a#b', '#a',
  '@a', '`a', '!a', '&a', '*a', '%a', '|', '>', 'a|b', "'", '"', "a'b", 'a"b', 'a\\b', '[a]', '{a}', 'a,b', 'a]',
  'sha256:69d42464c49b23279d225aad23757f8b68c6658d8f5ba05631c9978e1562442b', '6c10e80df5db7fcf', 'deadbeef', '0deadbeef',
  'https://grants.site-0.example.com:9090/site-0/link-site-5', 'http://x', 'a:9090', 'a::b', 'a:/b', 'a: ', 'a:\t',
  'AgAQWTNmzKxbCZGqzGldUJO7F6lZkvnzUnhRDq3ldtAyIqjzGroFp3ipPH9C+ZsZ/SwfJv5ry2u9kVU52KnrS8nyF97KZ3C4eOLZUy96FRN==',
  '+AgA/x==', '/etc/x', 'a b', ' a', 'a ', 'a  b', 'a\tb', '\ta', 'é', 'ü:x', '日本', '\u0007', '\u00a0a', 'a\u2028b',
  'x\ny', 'x\ny\n', 'x\n\ny', 'x\n\n', '\nx', ' x\ny', 'x\n y\n', 'x \ny', 'x\n  \ny', 'x\r\ny', '---', '--- a', '...',
  'a\n---\nb', '-----BEGIN CERTIFICATE-----\nMIIBUDCCAQKgAwIBAgIQRZaHOhqKRlQCKXFLqvZ/PTAFBgMrZXAw\n-----END CERTIFICATE-----\n',
  'a:b:c', 'ab:', 'a:b:', 'y:1', 'no:x', 'x'.repeat(200), `${'word '.repeat(60)}end`, 'k'.repeat(1100), 'a=b', 'app.kubernetes.io/name', '--metrics-address=:9191',
];
const TRICKY_NUMBERS = [0, -0, 1, -1, 1.5, 0.1, 1e21, 1e-7, 123456789012345678, Number.MAX_SAFE_INTEGER, 2 ** 53 + 2, 3.0];

test('writes every tricky scalar as the yaml package does, as a value, a sequence item and a key', () => {
  for (const s of [...TRICKY_STRINGS, ...TRICKY_NUMBERS, true, false, null]) {
    const docs: unknown[] = [
      { a: s }, { a: [s] }, { a: { b: s } }, { a: [{ b: s, c: [s] }] }, { a: [[s, [s]]] }, { a: [{ b: { c: s } }] },
    ];
    if (typeof s === 'string') docs.push({ [s]: 1 }, { a: { [s]: s } }, { a: [{ [s]: [s] }] });
    for (const doc of docs) {
      expect(manifestYaml(doc)).toBe(Yaml.stringify(doc));
    }
  }
});

test('writes digit-first words (hex fingerprints, numbers, 0b/0x/exponent forms) as the yaml package does', () => {
  // Every word of one to three characters over digits and the letters YAML 1.1 numbers use, and some others.
  const alphabet = '0179abcefopxz_';
  const words = [''];
  for (let length = 1; length <= 3; length++) {
    for (const word of words.filter(w => w.length === length - 1)) words.push(...[...alphabet].map(c => word + c));
  }
  const next = seededRandom(7);
  const hex = () => Array.from({ length: 16 }, () => '0123456789abcdef'[next(16)]).join('');
  for (const s of [...words.filter(w => /^[0-9]/.test(w)), ...Array.from({ length: 500 }, hex), '0b101', '0x1f', '1e10', '12e3a', '0b1c', '0x', '9z']) {
    for (const doc of [{ a: s }, { a: [s] }]) {
      expect(manifestYaml(doc)).toBe(Yaml.stringify(doc));
    }
  }
});

test('writes empty, nested and odd collections as the yaml package does', () => {
  const shared = { x: 1 };
  const docs: unknown[] = [
    {}, { a: {} }, { a: [] }, { a: [{}] }, { a: [[]] }, { a: [[], {}, [[]], [{}]] }, { a: [[1, 2], [3, [4, 5]]] },
    { a: [{ b: 1, c: [] }, { d: {} }] }, { '1': 1, 'b': 2, '0': 3 }, { a: undefined }, { a: [undefined] }, { a: [1, , 2] },
    { a: shared, b: shared }, { a: [shared, shared] }, { a: new Date(0) }, { a: Buffer.from('x') }, { a: new Map() },
    Object.assign(Object.create(null), { a: 1 }), [], [1], 'x', 1, null,
  ];
  for (const doc of docs) {
    expect(manifestYaml(doc)).toBe(Yaml.stringify(doc));
  }
});

test('writes random documents as the yaml package does', () => {
  const next = seededRandom(42);
  const alphabet = 'aZy09:-_./+= #\'"\n\t,[]{}&*!|>%@`?~é';
  const randomString = () => {
    if (next(3) === 0) return TRICKY_STRINGS[next(TRICKY_STRINGS.length)];
    return Array.from({ length: next(12) }, () => alphabet[next(alphabet.length)]).join('');
  };
  const randomValue = (depth: number): unknown => {
    const kind = next(depth > 3 ? 4 : 7);
    switch (kind) {
      case 0: return randomString();
      case 1: return next(2) === 0 ? next(100000) - 500 : next(1000) / 8;
      case 2: return next(2) === 0;
      case 3: return next(4) === 0 ? null : randomString();
      case 4: case 5: return Object.fromEntries(Array.from({ length: next(4) }, () => [randomString(), randomValue(depth + 1)]));
      default: return Array.from({ length: next(4) }, () => randomValue(depth + 1));
    }
  };
  for (let i = 0; i < 3000; i++) {
    const doc = Object.fromEntries(Array.from({ length: 1 + next(4) }, () => [randomString(), randomValue(0)]));
    expect(manifestYaml(doc)).toBe(Yaml.stringify(doc));
  }
});
