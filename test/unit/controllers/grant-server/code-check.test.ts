import { codeMatches } from '../../../../lib/controllers/grant-server/code-check';

test('matches the exact bytes only', () => {
  const code = Buffer.from('aB3dE5fG7hJ9kL1mN3pQ5rS7');
  expect(codeMatches(Buffer.from('aB3dE5fG7hJ9kL1mN3pQ5rS7'), code)).toBe(true);
  expect(codeMatches(Buffer.from('aB3dE5fG7hJ9kL1mN3pQ5rS7\n'), code)).toBe(false); // nothing trimmed, as Skupper
  expect(codeMatches(Buffer.from('aB3dE5fG7hJ9kL1mN3pQ5rS'), code)).toBe(false);
  expect(codeMatches(Buffer.from('x'.repeat(4096)), code)).toBe(false);
});

test('never matches without a code (unknown grant, missing Secret) or with an empty one', () => {
  expect(codeMatches(Buffer.alloc(0), undefined)).toBe(false);
  expect(codeMatches(Buffer.from('anything'), undefined)).toBe(false);
  expect(codeMatches(Buffer.alloc(0), Buffer.alloc(0))).toBe(false);
});
