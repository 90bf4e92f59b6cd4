import { accessTokenDocument } from '../../../lib/api/access-token';

const PARTS = { name: 'link-to-west', url: 'https://grants.west.example.com:9090/west/link-east', ca: 'CA PEM', code: 'secret-code' };

test('an AccessToken names the token and carries its URL, CA and code', () => {
  expect(accessTokenDocument({ ...PARTS, linkCost: 3 })).toEqual({
    apiVersion: 'skupper.io/v2alpha1',
    kind: 'AccessToken',
    metadata: { name: 'link-to-west' },
    spec: { ca: 'CA PEM', code: 'secret-code', linkCost: 3, url: 'https://grants.west.example.com:9090/west/link-east' },
  });
});

test('the link cost is left out when it is not set (Skupper\'s default)', () => {
  expect(Object.keys(accessTokenDocument(PARTS).spec)).toEqual(['ca', 'code', 'url']);
});
