import { deriveGrantCode, GRANT_CODE_LENGTH } from '../../../lib/secrets/grant-code';
import { MasterSecret } from '../../../lib/secrets/master-secret';

const master = MasterSecret.fromHex('00'.repeat(31) + '01');
const CONTEXT = ['west', 'west-ns', 'link-east', 'rotation=0'];

test('a code is 24 characters of [A-Za-z0-9], like Skupper\'s, and pinned for a given secret and grant', () => {
  expect(GRANT_CODE_LENGTH).toBe(24);
  expect(deriveGrantCode(master, CONTEXT)).toBe('sXjKIFoWSWfWv2rHkHzoLDRl');
});

test('another grant, rotation or master secret gives another code', () => {
  const codes = [
    deriveGrantCode(master, CONTEXT),
    deriveGrantCode(master, ['west', 'west-ns', 'link-east', 'rotation=1']),
    deriveGrantCode(master, ['west', 'west-ns', 'link-north', 'rotation=0']),
    deriveGrantCode(MasterSecret.fromHex('00'.repeat(31) + '02'), CONTEXT),
  ];
  expect(new Set(codes).size).toBe(4);
  for (const code of codes) {
    expect(code).toMatch(/^[A-Za-z0-9]{24}$/);
  }
});
