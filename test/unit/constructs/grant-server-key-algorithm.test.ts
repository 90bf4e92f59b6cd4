import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApplicationNetwork, Cluster, GrantServer, GrantServerKeyAlgorithm, LinkAccess, Site } from '../../../lib';
import { TEST_KEY_CACHE, TEST_MASTER_SECRET, TEST_RSA_KEY_CACHE } from '../../support/example-synth';

const CERT_DIR = path.join(__dirname, '..', '..', '..', 'apps', 'certs');
const WEST_CERT = fs.readFileSync(path.join(CERT_DIR, 'west.pem'), 'utf8');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-skupper-key-algorithm-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function grantServer(keyCacheDir: string, keyAlgorithm?: GrantServerKeyAlgorithm): GrantServer {
  const cluster = new Cluster({ name: 'west', sealingCertificate: WEST_CERT, masterSecret: TEST_MASTER_SECRET, keyCacheDir, outdir: path.join(tmp, 'out') });
  const site = new Site(cluster, 'west', { linkAccess: LinkAccess.DEFAULT });
  return new GrantServer(site, 'GrantServer', { host: 'grants.example.com', keyAlgorithm });
}
const keyTypeOf = (server: GrantServer): string | undefined => new crypto.X509Certificate(server.caCertificatePem).publicKey.asymmetricKeyType;

test('by default the CA (and so the TLS key it signs for) is Ed25519, and no key is cached', () => {
  const cacheDir = path.join(tmp, 'empty-cache');
  const server = grantServer(cacheDir);
  expect(keyTypeOf(server)).toBe('ed25519');
  expect(fs.existsSync(cacheDir)).toBe(false);
  expect(grantServer(cacheDir, GrantServerKeyAlgorithm.ED25519).caCertificatePem).toBe(server.caCertificatePem);
});

test('RSA_2048 keeps the RSA keys derived from the master secret', () => {
  expect(keyTypeOf(grantServer(TEST_RSA_KEY_CACHE, GrantServerKeyAlgorithm.RSA_2048))).toBe('rsa');
});

test('a grant server whose RSA keys are in the key cache needs an explicit choice: no silent rotation', () => {
  // The test above left this grant server's RSA keys in TEST_RSA_KEY_CACHE, as an earlier synth would.
  expect(() => grantServer(TEST_RSA_KEY_CACHE)).toThrow(new RegExp(
    'the grant server of site "west" has RSA keys from an earlier synth \\(cached in .*\\), and the default key algorithm is now Ed25519: ' +
    'switching rotates its CA and TLS key, and so every token of the site. Choose: keyAlgorithm: GrantServerKeyAlgorithm.RSA_2048 keeps the keys'));
  expect(keyTypeOf(grantServer(TEST_RSA_KEY_CACHE, GrantServerKeyAlgorithm.ED25519))).toBe('ed25519');
});

test('an unknown key algorithm is refused, naming the allowed ones', () => {
  expect(() => grantServer(TEST_KEY_CACHE, 'ECDSA-P256' as GrantServerKeyAlgorithm))
    .toThrow(/invalid grant server key algorithm "ECDSA-P256": must be one of Ed25519, RSA-2048/);
});

test('an ApplicationNetwork passes its grantServerKeyAlgorithm, and a site\'s own, to the grant servers', () => {
  const network = new ApplicationNetwork({ grantServerKeyAlgorithm: GrantServerKeyAlgorithm.RSA_2048 });
  const clusters = ['west', 'east', 'north'].map(name => new Cluster({
    name, sealingCertificateFile: path.join(CERT_DIR, `${name}.pem`), masterSecret: TEST_MASTER_SECRET,
    keyCacheDir: TEST_RSA_KEY_CACHE, outdir: path.join(tmp, 'network', name),
  }));
  const west = network.addSite({ name: 'west', cluster: clusters[0], grantServerHost: 'grants.west.example.com' });
  const north = network.addSite({ name: 'north', cluster: clusters[2], grantServerHost: 'grants.north.example.com',
    grantServerKeyAlgorithm: GrantServerKeyAlgorithm.ED25519 });
  const east = network.addSite({ name: 'east', cluster: clusters[1] });
  network.link(west, east);
  network.link(north, east);
  network.build();
  expect(keyTypeOf(GrantServer.tryOf(west)!)).toBe('rsa');
  expect(keyTypeOf(GrantServer.tryOf(north)!)).toBe('ed25519');
  expect(() => new ApplicationNetwork().addSite({ name: 'east', cluster: clusters[1], grantServerKeyAlgorithm: GrantServerKeyAlgorithm.RSA_2048 }))
    .toThrow(/site "east\/east" sets grantServerKeyAlgorithm but no grantServerHost/);
});
