import * as YAML from 'yaml';
import { accessTokenDocument, renderAccessToken } from '../../../../lib/commands/token-export/access-token-document';
import type { LinkToken } from '../../../../lib/api/link-token';

const CA = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
const token = (linkCost?: number): LinkToken => ({
  metadata: { name: 'token-to-west', namespace: 'east', uid: 'u', resourceVersion: '7' },
  spec: { url: 'https://grants.west.example.com:9090/west/grant-west', ca: CA, codeSecretRef: { name: 'token-to-west-code' }, linkCost, remoteSite: 'west' },
  status: { redeemed: true },
});

test('renders a stock Skupper AccessToken with its keys sorted, as `skupper token issue` writes it', () => {
  expect(renderAccessToken(accessTokenDocument(token(3), 'Zx8QwErTy12uIoPaSdFgHjKl'))).toBe([
    'apiVersion: skupper.io/v2alpha1',
    'kind: AccessToken',
    'metadata:',
    '  name: token-to-west',
    'spec:',
    '  ca: |',
    '    -----BEGIN CERTIFICATE-----',
    '    MIIB',
    '    -----END CERTIFICATE-----',
    '  code: Zx8QwErTy12uIoPaSdFgHjKl',
    '  linkCost: 3',
    '  url: https://grants.west.example.com:9090/west/grant-west',
    '',
  ].join('\n'));
});

test('leaves out an unset link cost, and quotes a code YAML would read as something else', () => {
  const parsed = YAML.parse(renderAccessToken(accessTokenDocument(token(), '012345678901234567890123')));
  expect(parsed.spec).toEqual({ ca: CA, code: '012345678901234567890123', url: 'https://grants.west.example.com:9090/west/grant-west' });
});
