import * as fs from 'fs';
import * as path from 'path';
import { testBinaries } from '../support/binaries';
import { freePorts } from './free-ports';
import { kubectl } from './kubectl';
import { startProcess, ManagedProcess } from './managed-process';
import { queryRouter, ROUTER_ENTITY } from './router-management';
import type { TestCluster } from './test-cluster';
import { waitFor } from './wait-for';

/** One entry of skrouterd.json: `[entityType, attributes]`. */
type RouterEntity = [string, Record<string, unknown>];

/** Where Skupper's router Deployment mounts the certificates its sidecar writes. */
const SKUPPER_CERTS_DIR = '/etc/skupper-router-certs';

/** A real skrouterd started from one site's configuration. */
export interface SiteRouter {
  readonly process: ManagedProcess;
  /** The router's `amqp` listener, moved to a free port: management queries go here. */
  readonly managementPort: number;
  /** The router id (unique per site, as the Deployment's $HOSTNAME makes it). */
  readonly id: string;
  /** tcpListener address (the routing key) to the free 127.0.0.1 port it was given. */
  readonly tcpListenerPorts: Readonly<Record<string, number>>;
  /** The configuration file the router runs (after the rewrites below). */
  readonly configFile: string;
}

export interface StartSiteRouterOptions {
  /** Unique among the routers of a run, e.g. `west-<namespace>`: folder and process name. */
  readonly label: string;
  /** The router must already have Links with these names in its configuration (it waits for them). */
  readonly links?: readonly string[];
  /** ... and tcpListeners/tcpConnectors with these names. */
  readonly tcpListeners?: readonly string[];
  readonly tcpConnectors?: readonly string[];
}

/**
 * Starts one real `skrouterd` for a site, from the configuration the real Skupper controller
 * wrote into the site's `skupper-router` ConfigMap and the Secrets it (and the redeemer) made.
 * No kubelet runs the router pod here, so this does what the pod's config-sync sidecar would do
 * (certificate files from Secrets) and rewrites ONLY what a process on a shared loopback needs:
 * - `router.id`: `${HOSTNAME}` expanded to a per-site name;
 * - sslProfile paths: under this router's folder instead of /etc/skupper-router-certs;
 * - listeners: host 127.0.0.1 (they would bind every interface); the inter-router/edge listeners
 *   on the node port the Site's endpoints name (where the controller says peers will connect);
 *   `amqp`, `amqps`, the health/metrics listener and tcpListeners on free ports (they would
 *   collide between routers on one host).
 * Connectors (the Links, from the grant server's answer) and tcpConnectors are never touched.
 */
export async function startSiteRouter(cluster: TestCluster, namespace: string, options: StartSiteRouterOptions): Promise<SiteRouter> {
  const entities = await waitFor(`${cluster.name}/${namespace}'s router configuration to hold ${describeWanted(options)}`, async () => {
    const config = await routerConfig(cluster, namespace);
    return config && hasEverything(config, options) ? config : undefined;
  }, { timeoutMs: 90_000, intervalMs: 500 });
  const site = JSON.parse(await kubectl(cluster, ['get', 'sites', '-n', namespace, '-o', 'json'])).items[0];
  const dir = path.join(path.dirname(cluster.dir), `router-${options.label}`);
  fs.rmSync(dir, { recursive: true, force: true });
  const certsDir = path.join(dir, 'certs');
  fs.mkdirSync(certsDir, { recursive: true, mode: 0o700 });

  // Skupper writes `<site>-${HOSTNAME}`; the namespace and cluster make it unique in a test run.
  const hostname = `${namespace}-${cluster.name}`;
  let id = '';
  const endpointPorts = new Map<string, number>(((site.status?.endpoints ?? []) as { name: string; port: string }[]).map((e) => [e.name, Number(e.port)]));
  const tcpListenerPorts: Record<string, number> = {};
  // One free port per listener that moves off its fixed port (amqp's is the management port).
  const moved = entities.filter(([type, attrs]) => type === 'tcpListener' || (type === 'listener' && !['inter-router', 'edge'].includes(String(attrs.role))));
  const [managementPort, ...spare] = await freePorts(Math.max(1, moved.length));
  for (const [type, attrs] of entities) {
    if (type === 'router') {
      id = String(attrs.id).replace('${HOSTNAME}', hostname);
      attrs.id = id;
    } else if (type === 'sslProfile') {
      await writeProfile(cluster, namespace, String(attrs.name), certsDir, attrs);
    } else if (type === 'listener') {
      attrs.host = '127.0.0.1';
      const role = String(attrs.role ?? 'normal');
      if (role === 'inter-router' || role === 'edge') {
        const port = endpointPorts.get(role);
        if (port === undefined) throw new Error(`Site in ${namespace} on ${cluster.name} has no '${role}' endpoint for listener ${String(attrs.name)}`);
        attrs.port = String(port);
      } else {
        attrs.port = String(attrs.port) === '5672' ? String(managementPort) : String(spare.pop());
      }
    } else if (type === 'tcpListener') {
      attrs.host = '127.0.0.1';
      const port = spare.pop()!;
      tcpListenerPorts[String(attrs.address)] = port;
      attrs.port = String(port); // a string in Skupper's JSON: keep it one
    }
  }
  const configFile = path.join(dir, 'skrouterd.json');
  fs.writeFileSync(configFile, JSON.stringify(entities, null, 2));

  const router = startProcess({
    name: 'skrouterd',
    dir,
    binary: testBinaries().skrouterd,
    args: ['-c', configFile], // the .json suffix selects the JSON format
    env: { PATH: process.env.PATH, SKUPPER_SITE_ID: site.metadata.uid },
  });
  await waitFor(`router ${id} to answer management queries`, async () => {
    router.assertRunning();
    await queryRouter(managementPort, ROUTER_ENTITY.routerNode); // throws until the agent answers
    return true;
  }, { timeoutMs: 30_000, intervalMs: 250 });
  return { process: router, managementPort, id, tcpListenerPorts, configFile };
}

/** The router configuration the Skupper controller wrote for the site, if any yet. */
export async function routerConfig(cluster: TestCluster, namespace: string): Promise<RouterEntity[] | undefined> {
  const out = await kubectl(cluster, ['get', 'configmap', 'skupper-router', '-n', namespace, '-o', 'json', '--ignore-not-found']);
  if (out.trim() === '') return undefined;
  const json = JSON.parse(out).data?.['skrouterd.json'];
  return json ? (JSON.parse(json) as RouterEntity[]) : undefined;
}

/** The attributes of the named entity of a type in a router configuration. */
export function routerEntity(config: readonly RouterEntity[], type: string, name: string): Record<string, unknown> | undefined {
  return config.find(([t, attrs]) => t === type && attrs.name === name)?.[1];
}

function hasEverything(config: readonly RouterEntity[], options: StartSiteRouterOptions): boolean {
  const has = (type: string, names: readonly string[] = []): boolean => names.every((name) => routerEntity(config, type, name));
  return has('connector', options.links) && has('tcpListener', options.tcpListeners) && has('tcpConnector', options.tcpConnectors);
}

function describeWanted(options: StartSiteRouterOptions): string {
  const parts = [
    ...(options.links ?? []).map((n) => `connector ${n}`),
    ...(options.tcpListeners ?? []).map((n) => `tcpListener ${n}`),
    ...(options.tcpConnectors ?? []).map((n) => `tcpConnector ${n}`),
  ];
  return parts.length === 0 ? 'anything' : parts.join(', ');
}

/**
 * Writes an sslProfile's files from Secret `<profile>` or `<profile minus "-profile">` (Skupper's
 * own lookup order) and points the profile at them.
 */
async function writeProfile(cluster: TestCluster, namespace: string, profile: string, certsDir: string, attrs: Record<string, unknown>): Promise<void> {
  const candidates = [profile, profile.replace(/-profile$/, '')];
  let data: Record<string, string> | undefined;
  for (const name of candidates) {
    const out = await kubectl(cluster, ['get', 'secret', name, '-n', namespace, '-o', 'json', '--ignore-not-found']);
    if (out.trim() !== '') {
      data = JSON.parse(out).data;
      break;
    }
  }
  if (!data) throw new Error(`no Secret ${candidates.join(' or ')} in ${namespace} on ${cluster.name} for sslProfile ${profile}`);
  const profileDir = path.join(certsDir, profile);
  fs.mkdirSync(profileDir, { recursive: true, mode: 0o700 });
  for (const key of ['caCertFile', 'certFile', 'privateKeyFile']) {
    const original = attrs[key];
    if (typeof original !== 'string') continue;
    if (!original.startsWith(`${SKUPPER_CERTS_DIR}/${profile}/`)) throw new Error(`sslProfile ${profile}: unexpected ${key} ${original}`);
    const file = path.basename(original);
    const value = data[file];
    if (value === undefined) throw new Error(`sslProfile ${profile}: Secret has no ${file}`);
    fs.writeFileSync(path.join(profileDir, file), Buffer.from(value, 'base64'), { mode: 0o600 });
    attrs[key] = path.join(profileDir, file);
  }
}
