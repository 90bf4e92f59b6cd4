import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  Cluster, ConnectionType, Connector, ConnectorProps, GrantServer, LinkAccess, Listener, ListenerProps, Site,
} from '../../../lib';
import { CrdSchemas } from '../../support/crd-schemas';
import { TEST_KEY_CACHE, TEST_MASTER_SECRET } from '../../support/example-synth';

const WEST_CERT = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'apps', 'certs', 'west.pem'), 'utf8');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-skupper-services-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const schemas = new CrdSchemas();

function site(props: { linkAccess?: LinkAccess } = {}): Site {
  const cluster = new Cluster({
    name: 'west', sealingCertificate: WEST_CERT, masterSecret: TEST_MASTER_SECRET, keyCacheDir: TEST_KEY_CACHE, outdir: path.join(tmp, 'out'),
  });
  return new Site(cluster, 'west', { namespace: 'apps', ...props });
}

/** The one object of `kind` the site's chart synthesizes, checked against its CRD schema. */
function manifest(scope: Site, kind: string, name: string): any {
  const obj = (scope.toJson() as any[]).find(o => o.kind === kind && o.metadata.name === name);
  expect(obj).toBeDefined();
  expect(schemas.errors(obj)).toEqual([]);
  return obj;
}

const connector = (props: Partial<ConnectorProps> = {}, scope = site()): Connector =>
  new Connector(scope, `Connector:${props.name ?? props.routingKey ?? 'backend'}`, { routingKey: 'backend', port: 8080, selector: 'app=backend', ...props } as ConnectorProps);
const listener = (props: Partial<ListenerProps> = {}, scope = site()): Listener =>
  new Listener(scope, `Listener:${props.name ?? props.routingKey ?? 'backend'}`, { routingKey: 'backend', port: 8080, ...props } as ListenerProps);

describe('Connector', () => {
  test('synthesizes a Skupper Connector in the site\'s namespace, named after the routing key by default', () => {
    // GIVEN
    const west = site();
    // WHEN
    const made = connector({}, west);
    // THEN
    expect(manifest(west, 'Connector', 'backend')).toEqual({
      apiVersion: 'skupper.io/v2alpha1', kind: 'Connector',
      metadata: { name: 'backend', namespace: 'apps', labels: { 'app.kubernetes.io/part-of': 'cdk8s-skupper' } },
      spec: { routingKey: 'backend', port: 8080, selector: 'app=backend' },
    });
    expect([made.name, made.routingKey, made.port, made.site]).toEqual(['backend', 'backend', 8080, west]);
  });

  test('a host instead of a selector, TLS to the workload and an explicit type and name', () => {
    const west = site();
    connector({ name: 'db-primary', routingKey: 'db.eu', selector: undefined, host: 'db.example.com', port: 5432,
      tlsCredentials: 'db-tls', useClientCert: true, verifyHostname: true, type: ConnectionType.TCP }, west);
    connector({ name: 'db-ip', routingKey: 'db.eu', selector: undefined, host: '10.0.0.7', port: 5432 }, west);
    expect(manifest(west, 'Connector', 'db-primary').spec).toEqual({
      routingKey: 'db.eu', port: 5432, host: 'db.example.com', tlsCredentials: 'db-tls', useClientCert: true, verifyHostname: true, type: 'tcp',
    });
    expect(manifest(west, 'Connector', 'db-ip').spec).toEqual({ routingKey: 'db.eu', port: 5432, host: '10.0.0.7' });
  });

  test('fails unless exactly one of selector and host is set', () => {
    expect(() => connector({ selector: undefined })).toThrow('connector "backend" on site "west" sets neither selector nor host: set exactly one');
    expect(() => connector({ host: 'backend' })).toThrow('connector "backend" on site "west" sets both selector and host: set exactly one');
  });

  test.each(['Backend', 'back_end', '-backend', 'backend-', 'a..b', '.a', '', 'back end'])('fails on routing key %p', (routingKey) => {
    expect(() => connector({ routingKey })).toThrow(`invalid routing key of a connector "${routingKey}": must be a Skupper routing key`);
  });

  test.each([0, -1, 65536, 80.5])('fails on port %p', (port) => {
    expect(() => connector({ port })).toThrow(`invalid port of connector "backend" on site "west" ${port}: must be an integer from 1 to 65535`);
  });

  test.each(['app=Back end', 'app=b c', '=backend', 'app=(x', 'env in ()', 'app=-x', 'Example.COM/app=x', 'a/b/c=x', 'app=x,', 'v>two'])(
    'fails on selector %p', (selector) => {
      expect(() => connector({ selector })).toThrow(`invalid selector of connector "backend" on site "west" "${selector}"`);
    });

  test('fails on an empty selector, saying what a selector looks like', () => {
    expect(() => connector({ selector: '' })).toThrow(/"": must be a Kubernetes label selector such as app=backend \(key=value, key==value/);
  });

  test.each(['db_1.example.com', 'https://db', 'db:5432', '*.example.com', 'DB.example.com'])('fails on host %p', (host) => {
    expect(() => connector({ selector: undefined, host })).toThrow(`invalid host "${host}" of connector "backend" on site "west": must be a DNS name`);
  });

  test('fails on useClientCert or verifyHostname without tlsCredentials, and on a bad Secret name', () => {
    expect(() => connector({ useClientCert: true })).toThrow('sets useClientCert but no tlsCredentials');
    expect(() => connector({ verifyHostname: false })).toThrow('sets verifyHostname but no tlsCredentials');
    expect(() => connector({ tlsCredentials: 'Bad_Secret' })).toThrow(/invalid tlsCredentials \(Secret name\) of connector "backend" on site "west" "Bad_Secret"/);
  });

  test('fails on an unknown type and on a name used twice on a site', () => {
    expect(() => connector({ type: 'udp' as ConnectionType })).toThrow('invalid type "udp" of connector "backend" on site "west": must be one of tcp');
    const west = site();
    connector({}, west);
    expect(() => new Connector(west, 'Other', { routingKey: 'backend', port: 9090, host: 'b' }))
      .toThrow('site "west" already has a connector named "backend": connector names must be unique per site');
  });
});

describe('Listener', () => {
  test('synthesizes a Skupper Listener; host and name default to the routing key', () => {
    const west = site();
    const made = listener({}, west);
    expect(manifest(west, 'Listener', 'backend')).toEqual({
      apiVersion: 'skupper.io/v2alpha1', kind: 'Listener',
      metadata: { name: 'backend', namespace: 'apps', labels: { 'app.kubernetes.io/part-of': 'cdk8s-skupper' } },
      spec: { routingKey: 'backend', host: 'backend', port: 8080 },
    });
    expect([made.name, made.host, made.port]).toEqual(['backend', 'backend', 8080]);
    expect(made.node.validate()).toEqual([]);
  });

  test('explicit host, name, TLS and type; two listeners may share a host on different ports', () => {
    const west = site();
    listener({ name: 'db', routingKey: 'db.eu', host: 'database', port: 5432, tlsCredentials: 'db-server-tls', type: ConnectionType.TCP }, west);
    listener({ name: 'db-admin', routingKey: 'db-admin.eu', host: 'database', port: 8443 }, west);
    expect(manifest(west, 'Listener', 'db').spec).toEqual({ routingKey: 'db.eu', host: 'database', port: 5432, tlsCredentials: 'db-server-tls', type: 'tcp' });
    expect(manifest(west, 'Listener', 'db-admin').spec).toEqual({ routingKey: 'db-admin.eu', host: 'database', port: 8443 });
  });

  test.each(['1db', 'db.example', 'Database', 'db_1', 'a'.repeat(64)])('fails on host %p, which cannot be a Service name', (host) => {
    expect(() => listener({ host })).toThrow(`invalid host of listener "backend" on site "west" (the name of the Service Skupper makes for it) "${host}": ` +
      'must be a DNS-1035 label');
  });

  test('a routing key with a dot needs an explicit host', () => {
    expect(() => listener({ routingKey: 'orders.eu' })).toThrow(/invalid host of listener "orders.eu" .* "orders.eu": must be a DNS-1035 label/);
    expect(() => listener({ routingKey: 'orders.eu', host: 'orders' })).not.toThrow();
  });

  test.each(['skupper-router', 'skupper-router-local'])('fails on host %p, a Service of the Skupper controller', (host) => {
    expect(() => listener({ host })).toThrow(`host "${host}" of listener "backend" on site "west" is the name of a Service the Skupper controller makes`);
  });

  test('fails on a bad port, routing key, Secret name or type, and on a name used twice', () => {
    expect(() => listener({ port: 70000 })).toThrow('invalid port of listener "backend" on site "west" 70000: must be an integer from 1 to 65535');
    expect(() => listener({ routingKey: 'Backend' })).toThrow('invalid routing key of a listener "Backend"');
    expect(() => listener({ tlsCredentials: 'x_y' })).toThrow(/invalid tlsCredentials \(Secret name\) of listener "backend"/);
    expect(() => listener({ type: 'sctp' as ConnectionType })).toThrow('invalid type "sctp" of listener "backend" on site "west": must be one of tcp');
    const west = site();
    listener({}, west);
    expect(() => listener({ host: 'other' }, west)).toThrow('site "west" already has a listener named "backend"');
  });

  test('fails on two listeners on one host and port, as Skupper would', () => {
    const west = site();
    listener({}, west);
    expect(() => listener({ name: 'second', routingKey: 'other', host: 'backend' }, west))
      .toThrow('listener "second" on site "west" listens on backend:8080, where another listener of the site already listens');
  });

  test('a listener refused for its name leaves its host and port free for the next one', () => {
    const west = site();
    listener({ name: 'a', routingKey: 'one', host: 'h1' }, west);
    expect(() => listener({ name: 'a', routingKey: 'two', host: 'h2' }, west)).toThrow('already has a listener named "a"');
    expect(listener({ name: 'b', routingKey: 'three', host: 'h2' }, west).host).toBe('h2');
  });

  test('fails validation when the host is the name of another Service of the site, such as the grant server\'s', () => {
    const west = site({ linkAccess: LinkAccess.DEFAULT });
    const made = listener({ host: 'cdk8s-skupper-grant-server' }, west);
    // The Service comes later: the check runs when the cluster is validated.
    new GrantServer(west, 'GrantServer', { host: 'grants.west.example.com' });
    expect(made.node.validate()).toEqual([expect.stringMatching(
      /^host "cdk8s-skupper-grant-server" of listener "backend" on site "west" is also the name of Service ".*GrantServer.*" of the site/)]);
    expect(() => west.cluster.synth()).toThrow(/is also the name of Service/);
  });
});
