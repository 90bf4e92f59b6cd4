import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as forge from 'node-forge';
import {
  Cluster, ClusterProps, GrantServer, GrantServerExposure, LinkAccess, LinkedSitePair, LinkGrant, LinkToken, Site, SiteProps,
} from '../../../lib';
import { TEST_KEY_CACHE, TEST_MASTER_SECRET } from '../../support/example-synth';

const WEST_CERT = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'apps', 'certs', 'west.pem'), 'utf8');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-skupper-invalid-'));

function cluster(props: Partial<ClusterProps> = {}): Cluster {
  return new Cluster({
    name: 'west', sealingCertificate: WEST_CERT, masterSecret: TEST_MASTER_SECRET, keyCacheDir: TEST_KEY_CACHE,
    outdir: path.join(tmp, 'out'), ...props,
  });
}
function listening(siteProps: SiteProps = { linkAccess: LinkAccess.DEFAULT }): Site {
  const site = new Site(cluster(), 'west', siteProps);
  if (!siteProps.edge && siteProps.linkAccess !== LinkAccess.NONE) {
    new GrantServer(site, 'GrantServer', { host: 'grants.example.com' });
  }
  return site;
}
function connecting(): Site {
  return new Site(cluster({ name: 'east' }), 'east');
}

test('fails on a site name that is not a DNS-1123 label', () => {
  expect(() => new Site(cluster(), 'West_1')).toThrow(/invalid site name "West_1": must be a DNS-1123 label/);
});

test('fails on a namespace that is not a DNS-1123 label', () => {
  expect(() => new Site(cluster(), 'west', { namespace: 'a.b' })).toThrow(/invalid namespace of site "west" "a.b": must be a DNS-1123 label/);
});

test('fails on a cluster name that is not a DNS-1123 label', () => {
  expect(() => cluster({ name: '-west' })).toThrow(/invalid cluster name "-west"/);
});

test('fails on a grant or token name that is not a DNS-1123 subdomain', () => {
  expect(() => new LinkGrant(listening(), 'g', { name: 'Grant!' })).toThrow(/invalid grant name "Grant!": must be a DNS-1123 subdomain/);
  const west = listening();
  expect(() => new LinkedSitePair(west, 'p', { listening: west, connecting: connecting(), tokenName: 'token_to_west' }))
    .toThrow(/invalid token name "token_to_west"/);
});

test.each([0, -1, 1.5])('fails on redemptionsAllowed %p', (redemptionsAllowed) => {
  expect(() => new LinkGrant(listening(), 'g', { name: 'g', redemptionsAllowed }))
    .toThrow(new RegExp(`invalid redemptionsAllowed ${redemptionsAllowed} of grant "g": must be a positive integer`));
});

test.each(['abc', '1d', '-5m', '25', '0s', '500ms', ''])('fails on expiration window %p', (expirationWindow) => {
  expect(() => new LinkGrant(listening(), 'g', { name: 'g', expirationWindow }))
    .toThrow(/invalid expiration window of grant "g" ".*": must be (a Go duration such as 25m, 1h30m or 90s|at least 1s)/);
});

test.each(['25m', '1h30m', '90s', '1.5h'])('accepts expiration window %p', (expirationWindow) => {
  expect(() => new LinkGrant(listening(), 'g', { name: 'g', expirationWindow })).not.toThrow();
});

test('fails when the listening site is an edge site', () => {
  const west = new Site(cluster(), 'west', { edge: true, linkAccess: LinkAccess.DEFAULT });
  expect(() => new GrantServer(west, 'GrantServer', { host: 'grants.example.com' })).toThrow(/site "west" is an edge site/);
  expect(() => new LinkGrant(west, 'g', { name: 'g' })).toThrow(/site "west" is an edge site and cannot listen for links/);
});

test('fails when the listening site has linkAccess none', () => {
  const west = listening({ linkAccess: LinkAccess.NONE });
  expect(() => new LinkedSitePair(west, 'p', { listening: west, connecting: connecting() }))
    .toThrow(/site "west" has linkAccess "none" and cannot listen for links/);
});

test('fails on an unknown linkAccess', () => {
  expect(() => new Site(cluster(), 'west', { linkAccess: 'magic' as LinkAccess })).toThrow(/invalid linkAccess "magic" of site "west": must be one of none, default/);
});

test('fails when the listening site has no grant server', () => {
  const west = new Site(cluster(), 'west', { linkAccess: LinkAccess.DEFAULT });
  expect(() => new LinkGrant(west, 'g', { name: 'g' })).toThrow(/site "west" has no grant server to redeem grant "g"/);
});

test('fails on a missing sealing certificate file', () => {
  expect(() => cluster({ sealingCertificate: undefined, sealingCertificateFile: path.join(tmp, 'nope.pem') }))
    .toThrow(/sealing certificate file ".*nope.pem" of cluster "west" does not exist/);
});

test('fails on an expired or non-RSA sealing certificate', () => {
  expect(() => cluster({ sealingCertificate: selfSignedRsaCertificate(new Date('2020-01-01'), new Date('2021-01-01')) }))
    .toThrow(/sealing certificate of cluster "west".*expired/);
  const ec = execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes',
    '-keyout', path.join(tmp, 'ec.key'), '-subj', '/CN=ec', '-days', '30'], { stdio: ['ignore', 'pipe', 'ignore'] }).toString();
  expect(() => cluster({ sealingCertificate: ec })).toThrow(/sealing certificate of cluster "west".*RSA/);
  expect(() => cluster({ sealingCertificate: 'not a certificate' })).toThrow(/sealing certificate of cluster "west"/);
});

function selfSignedRsaCertificate(notBefore: Date, notAfter: Date): string {
  const keys = forge.pki.rsa.generateKeyPair({ bits: 1024 });
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = '01';
  cert.validity.notBefore = notBefore;
  cert.validity.notAfter = notAfter;
  cert.setSubject([{ name: 'commonName', value: 'old' }]);
  cert.setIssuer([{ name: 'commonName', value: 'old' }]);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  return forge.pki.certificateToPem(cert);
}

test('fails on two links with the same grant name or token name', () => {
  const west = listening();
  const east = connecting();
  new LinkedSitePair(west, 'a', { listening: west, connecting: east, grantName: 'same', tokenName: 'token-a' });
  expect(() => new LinkedSitePair(west, 'b', { listening: west, connecting: east, grantName: 'same', tokenName: 'token-b' }))
    .toThrow(/site "west" already has a grant named "same"/);
  expect(() => new LinkedSitePair(west, 'c', { listening: west, connecting: east, grantName: 'other', tokenName: 'token-a' }))
    .toThrow(/site "east" already has a token named "token-a"/);
});

test('fails on a site linked to itself', () => {
  const west = listening();
  expect(() => new LinkedSitePair(west, 'self', { listening: west, connecting: west })).toThrow(/connects site "west" to itself/);
  const grant = new LinkGrant(west, 'g', { name: 'g' });
  expect(() => new LinkToken(west, 't', { name: 't', grant })).toThrow(/would link site "west" to itself/);
});

test.each(['grants..example.com', 'grants_example.com', 'https://grants.example.com', '*.example.com', 'grants.example.com:9090', 'a b', ''])(
  'fails on grant server host %p that is neither a DNS name nor an IP', (host) => {
    const west = new Site(cluster(), 'west', { linkAccess: LinkAccess.DEFAULT });
    expect(() => new GrantServer(west, 'GrantServer', { host })).toThrow(/invalid host ".*": expected a DNS name .* or an IP address/);
  });

test('accepts IPv4 and IPv6 grant server hosts and brackets IPv6 in URLs', () => {
  const west = new Site(cluster(), 'west', { linkAccess: LinkAccess.DEFAULT });
  const server = new GrantServer(west, 'GrantServer', { host: 'fd00::1' });
  expect(server.urlFor('g')).toBe('https://[fd00::1]:9090/west/g');
});

test('fails on NodePort exposure without a valid node port, and on Ingress with an IP host', () => {
  const site = () => new Site(cluster(), 'west', { linkAccess: LinkAccess.DEFAULT });
  expect(() => new GrantServer(site(), 'GrantServer', { host: 'a.example.com', exposure: GrantServerExposure.NODE_PORT }))
    .toThrow('site "west" exposes its grant server as NodePort but sets no grant server nodePort (30000-32767): it is the port written into tokens');
  expect(() => new GrantServer(site(), 'GrantServer', { host: 'a.example.com', exposure: GrantServerExposure.NODE_PORT, nodePort: 80 }))
    .toThrow('invalid grant server nodePort of site "west" 80: must be an integer from 30000 to 32767');
  expect(() => new GrantServer(site(), 'GrantServer', { host: '10.0.0.1', exposure: GrantServerExposure.INGRESS_NGINX }))
    .toThrow(/is an IP address, but IngressNginx exposure routes by host name/);
});

test('fails on two sites in one namespace and on a second grant server', () => {
  const c = cluster();
  const west = new Site(c, 'west', { linkAccess: LinkAccess.DEFAULT });
  expect(() => new Site(c, 'other', { namespace: 'west' })).toThrow(/both in namespace "west"/);
  new GrantServer(west, 'GrantServer', { host: 'a.example.com' });
  expect(() => new GrantServer(west, 'GrantServer', { host: 'b.example.com' })).toThrow(/already has a grant server/);
});

test('fails on a grant or token name longer than 63 characters, since it is also a label value', () => {
  const long = 'g'.repeat(64);
  expect(() => new LinkGrant(listening(), 'g', { name: long }))
    .toThrow(`invalid grant name "${long}": it has 64 characters, but at most 63 are allowed, since it is also the value of the label cdk8s-skupper.io/grant`);
  const west = listening();
  const grant = new LinkGrant(west, 'g', { name: 'g'.repeat(63) });
  expect(() => new LinkToken(connecting(), 't', { name: 't'.repeat(64), grant }))
    .toThrow(/invalid token name "t{64}": it has 64 characters, but at most 63 are allowed, since it is also the value of the label cdk8s-skupper.io\/token/);
  // 63 characters fit.
  expect(() => new LinkToken(connecting(), 't', { name: 't'.repeat(63), grant })).not.toThrow();
});

test('fails on a default grant or token name that would be longer than 63 characters, naming the prop to set', () => {
  const longSite = 's'.repeat(60);
  const west = listening();
  const east = new Site(cluster({ name: 'east' }), longSite);
  expect(() => new LinkedSitePair(west, 'p', { listening: west, connecting: east }))
    .toThrow(`link "p": the default grant name "grant-${longSite}", made from the connecting site's name, has 66 characters, ` +
      'but a grant name is also a label value and may have at most 63: set grantName');
  const longWest = listening({ name: longSite, linkAccess: LinkAccess.DEFAULT });
  expect(() => new LinkedSitePair(longWest, 'q', { listening: longWest, connecting: connecting(), grantName: 'g' }))
    .toThrow(/the default token name "token-to-s{60}", made from the listening site's name, has 69 characters.*set tokenName/);
});

test.each([
  ['127.0.0.1', 'is a loopback address'],
  ['::1', 'is a loopback address'],
  ['localhost', 'names this machine (localhost)'],
  ['grants.west.svc.cluster.local', 'is an in-cluster Service name'],
  ['grants.west.svc', 'is an in-cluster Service name'],
  ['grants', 'is a single-label name'],
])('fails on grant server host %p that no other cluster can reach, unless allowLocalHost is set', (host, why) => {
  const site = () => new Site(cluster(), 'west', { linkAccess: LinkAccess.DEFAULT });
  expect(() => new GrantServer(site(), 'GrantServer', { host }))
    .toThrow(`grant server host "${host}" of site "west" ${why}`);
  expect(() => new GrantServer(site(), 'GrantServer', { host })).toThrow(/set allowLocalHost: true for a single-machine test/);
  const allowed = new GrantServer(site(), 'GrantServer', { host, allowLocalHost: true });
  expect(allowed.host).toBe(host);
});

test('fails on a sealing certificate path that is a directory, naming the file and the cluster', () => {
  const dir = fs.mkdtempSync(path.join(tmp, 'certs-'));
  expect(() => cluster({ sealingCertificate: undefined, sealingCertificateFile: dir }))
    .toThrow(`sealing certificate file "${dir}" of cluster "west" is a directory, not a file: ` +
      `set sealingCertificateFile to the PEM file itself, such as "${path.join(dir, 'west.pem')}"`);
});

test('LinkAccess spells LOAD_BALANCER and NODE_PORT as GrantServerExposure does; the old spellings stay as aliases', () => {
  expect(LinkAccess.LOAD_BALANCER).toBe('loadbalancer');
  expect(LinkAccess.NODE_PORT).toBe('nodeport');
  // The deprecated members, still the same values:
  expect([LinkAccess.LOADBALANCER, LinkAccess.NODEPORT]).toEqual([LinkAccess.LOAD_BALANCER, LinkAccess.NODE_PORT]);
  expect(() => new Site(cluster(), 'west', { linkAccess: 'magic' as LinkAccess })).toThrow('invalid linkAccess "magic" of site "west": must be one ' +
    'of none, default, local, loadbalancer, route, nodeport, ingress-nginx, ingress, contour-http-proxy, gateway');
});
