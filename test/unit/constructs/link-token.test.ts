import { GrantServer, LinkAccess, LinkGrant, LinkToken, Site } from '../../../lib';
import { tempDir, testCluster } from '../topology/topology-test-support';

function tokenWithCost(cost?: number): LinkToken {
  const outdir = tempDir('link-token');
  const west = new Site(testCluster(outdir, 'west'), 'west', { linkAccess: LinkAccess.DEFAULT });
  new GrantServer(west, 'GrantServer', { host: 'grants.example.com' });
  const grant = new LinkGrant(west, 'Grant', { name: 'link-east' });
  const east = new Site(testCluster(outdir, 'east'), 'east');
  return new LinkToken(east, 'Token', { name: 'link-to-west', grant, cost });
}

test('toAccessToken is the stock Skupper AccessToken of the token: URL, CA and code of its grant, and its cost', () => {
  const token = tokenWithCost(3);
  expect(token.toAccessToken()).toEqual({
    apiVersion: 'skupper.io/v2alpha1',
    kind: 'AccessToken',
    metadata: { name: 'link-to-west' },
    spec: { ca: token.grant.grantServer.caCertificatePem, code: token.grant.code(), linkCost: 3, url: 'https://grants.example.com:9090/west/link-east' },
  });
  expect(token.grant.code()).toMatch(/^[A-Za-z0-9]{24}$/);
  expect(token.toAccessToken().spec.ca).toMatch(/^-----BEGIN CERTIFICATE-----\n/);
});

test('without a cost, the AccessToken has no linkCost (Skupper\'s default applies)', () => {
  expect(Object.keys(tokenWithCost().toAccessToken().spec).sort()).toEqual(['ca', 'code', 'url']);
});

test('refuses a cost that is not a positive integer, naming the token', () => {
  expect(() => tokenWithCost(0)).toThrow('invalid cost 0 of token "link-to-west": must be a positive integer');
});
