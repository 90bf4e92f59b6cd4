import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Cluster, GrantServer, GrantServerExposure, GrantServerProps, LinkAccess, Site } from '../../../lib';
import { TEST_KEY_CACHE, TEST_MASTER_SECRET } from '../../support/example-synth';

const WEST_CERT = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'apps', 'certs', 'west.pem'), 'utf8');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-skupper-grant-server-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const NAME = 'cdk8s-skupper-grant-server';
const LABELS = { 'app.kubernetes.io/name': NAME, 'app.kubernetes.io/part-of': 'cdk8s-skupper' };

interface Manifest { kind: string; metadata: { name: string; namespace?: string }; spec?: any; rules?: any }

/** A grant server on site "west" (namespace "west-ns") and the objects its site renders. */
function grantServer(props: Partial<GrantServerProps> = {}): { server: GrantServer; objects: Manifest[] } {
  const cluster = new Cluster({
    name: 'west', sealingCertificate: WEST_CERT, masterSecret: TEST_MASTER_SECRET, keyCacheDir: TEST_KEY_CACHE, outdir: path.join(tmp, 'out'),
  });
  const site = new Site(cluster, 'west', { namespace: 'west-ns', linkAccess: LinkAccess.DEFAULT });
  const server = new GrantServer(site, 'GrantServer', { host: 'grants.example.com', ...props });
  return { server, objects: site.toJson() as Manifest[] };
}

function only(objects: Manifest[], kind: string): Manifest {
  const found = objects.filter(obj => obj.kind === kind);
  expect(found).toHaveLength(1);
  return found[0];
}

const kinds = (objects: Manifest[]) => objects.map(obj => obj.kind).filter(kind => ['Service', 'Ingress', 'Route'].includes(kind)).sort();

describe('Service per exposure', () => {
  test('LoadBalancer by default: the Service port is the URL port', () => {
    const { server, objects } = grantServer();
    expect(kinds(objects)).toEqual(['Service']);
    expect(only(objects, 'Service')).toEqual({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: NAME, namespace: 'west-ns', labels: LABELS },
      spec: { type: 'LoadBalancer', selector: LABELS, ports: [{ name: 'https', port: 9090, targetPort: 'https', protocol: 'TCP' }] },
    });
    expect(server.urlPort).toBe(9090);
    expect(server.urlFor('link-east')).toBe('https://grants.example.com:9090/west-ns/link-east');
  });

  test('NodePort: the node port is on the Service and in the URL', () => {
    const { server, objects } = grantServer({ exposure: GrantServerExposure.NODE_PORT, port: 8443, nodePort: 30443 });
    expect(only(objects, 'Service').spec).toEqual({
      type: 'NodePort', selector: LABELS, ports: [{ name: 'https', port: 8443, targetPort: 'https', protocol: 'TCP', nodePort: 30443 }],
    });
    expect(server.urlFor('g')).toBe('https://grants.example.com:30443/west-ns/g');
  });

  test('ClusterIP: a ClusterIP Service only, the URL port is the Service port', () => {
    const { server, objects } = grantServer({ exposure: GrantServerExposure.CLUSTER_IP, port: 8443 });
    expect(kinds(objects)).toEqual(['Service']);
    expect(only(objects, 'Service').spec.type).toBe('ClusterIP');
    expect(server.urlPort).toBe(8443);
  });
});

describe('Ingress (ingress-nginx)', () => {
  test('passes TLS through to the ClusterIP Service, for the host only, at port 443', () => {
    const { server, objects } = grantServer({ exposure: GrantServerExposure.INGRESS_NGINX });
    expect(kinds(objects)).toEqual(['Ingress', 'Service']);
    expect(only(objects, 'Ingress')).toEqual({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: {
        name: NAME,
        namespace: 'west-ns',
        labels: LABELS,
        annotations: { 'nginx.ingress.kubernetes.io/ssl-passthrough': 'true', 'nginx.ingress.kubernetes.io/backend-protocol': 'HTTPS' },
      },
      spec: {
        ingressClassName: 'nginx',
        rules: [{
          host: 'grants.example.com',
          http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: NAME, port: { name: 'https' } } } }] },
        }],
      },
    });
    expect(only(objects, 'Service').spec).toEqual({
      type: 'ClusterIP', selector: LABELS, ports: [{ name: 'https', port: 9090, targetPort: 'https', protocol: 'TCP' }],
    });
    expect(server.urlFor('g')).toBe('https://grants.example.com:443/west-ns/g');
  });

  test('uses the ingress class given', () => {
    const { objects } = grantServer({ exposure: GrantServerExposure.INGRESS_NGINX, ingressClassName: 'nginx-public' });
    expect(only(objects, 'Ingress').spec.ingressClassName).toBe('nginx-public');
  });
});

describe('Route (OpenShift)', () => {
  test('passes TLS through to the ClusterIP Service, for the host, at port 443', () => {
    const { server, objects } = grantServer({ exposure: GrantServerExposure.ROUTE, host: 'grants.apps.example.com' });
    expect(kinds(objects)).toEqual(['Route', 'Service']);
    expect(only(objects, 'Route')).toEqual({
      apiVersion: 'route.openshift.io/v1',
      kind: 'Route',
      metadata: { name: NAME, namespace: 'west-ns', labels: LABELS },
      spec: {
        host: 'grants.apps.example.com',
        to: { kind: 'Service', name: NAME },
        port: { targetPort: 'https' },
        tls: { termination: 'passthrough' },
      },
    });
    expect(only(objects, 'Service').spec.type).toBe('ClusterIP');
    expect(server.urlFor('g')).toBe('https://grants.apps.example.com:443/west-ns/g');
  });

  test('refuses an IP host, which a Route cannot route by', () => {
    expect(() => grantServer({ exposure: GrantServerExposure.ROUTE, host: '192.0.2.10' })).toThrow(
      'grant server host "192.0.2.10" of site "west" is an IP address, but Route exposure routes by host name: use a DNS name');
  });
});

describe('workload', () => {
  test('listens on the port, serves URLs with the URL port, and reports metrics on 9191', () => {
    const { objects } = grantServer({ exposure: GrantServerExposure.INGRESS_NGINX, port: 8443 });
    const container = only(objects, 'Deployment').spec.template.spec.containers[0];
    expect(container.args).toEqual(['grant-server', '--port=8443', `--tls-secret=${NAME}-tls`,
      '--base-url=https://grants.example.com:443', '--metrics-address=:9191']);
    expect(container.ports).toEqual([{ name: 'https', containerPort: 8443 }, { name: 'metrics', containerPort: 9191 }]);
  });

  test('may read its TLS Secret and the Secrets it is allowed, by name, and nothing else', () => {
    const cluster = new Cluster({
      name: 'west', sealingCertificate: WEST_CERT, masterSecret: TEST_MASTER_SECRET, keyCacheDir: TEST_KEY_CACHE, outdir: path.join(tmp, 'rbac'),
    });
    const site = new Site(cluster, 'west', { linkAccess: LinkAccess.DEFAULT });
    const server = new GrantServer(site, 'GrantServer', { host: 'grants.example.com' });
    server.allowSecretRead('link-east-code');
    server.allowSecretRead('skupper-site-ca');
    const role = only(site.toJson() as Manifest[], 'Role');
    expect(role.rules.filter((rule: any) => rule.resources.includes('secrets'))).toEqual([
      { apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list', 'watch'], resourceNames: [`${NAME}-tls`, 'link-east-code', 'skupper-site-ca'] },
    ]);
  });
});
