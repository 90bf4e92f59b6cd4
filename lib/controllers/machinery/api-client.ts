import * as https from 'https';
import * as tls from 'tls';
import { Configuration, createConfiguration, KubeConfig, RequestContext, SecurityAuthentication, ServerConfiguration } from '@kubernetes/client-node';

/** Idle keep-alive connections to the API server are closed after this long. */
const IDLE_SOCKET_MS = 30_000;

const agents = new WeakMap<KubeConfig, Map<string, https.Agent>>();

/**
 * `kubeConfig.makeApiClient(type)`, with requests that share keep-alive connections. client-node
 * 1.x gives every request a new https.Agent, so every API call is a new TCP connection and TLS
 * handshake, and a new secure context parsed from the kubeconfig's PEM: milliseconds of CPU here
 * and in the API server per call (most of a redemption's API cost, measured). The authentication
 * is still the kubeconfig's, applied per request (tokens are re-read as before); only an agent for
 * the same TLS material is reused. A proxy's agent is used as client-node makes it.
 */
export function makeKeepAliveApiClient<T>(kubeConfig: KubeConfig, type: new (configuration: Configuration) => T): T {
  const cluster = kubeConfig.getCurrentCluster();
  if (!cluster) throw new Error('No active cluster!');
  const auth: SecurityAuthentication = {
    getName: () => 'default',
    async applySecurityAuthentication(context: RequestContext): Promise<void> {
      await kubeConfig.applySecurityAuthentication(context);
      const made = context.getAgent();
      if (!made || made.constructor !== https.Agent) return;
      context.setAgent(sharedAgent(kubeConfig, (made as https.Agent).options));
    },
  };
  return new type(createConfiguration({ baseServer: new ServerConfiguration(cluster.server, {}), authMethods: { default: auth } }));
}

/** One keep-alive agent per kubeconfig and TLS material (a rotated client certificate gets a new one). */
function sharedAgent(kubeConfig: KubeConfig, options: https.AgentOptions): https.Agent {
  const text = (value: unknown): string => (value === undefined ? '' : Buffer.isBuffer(value) ? value.toString('base64') : String(value));
  const key = [options.ca, options.cert, options.key, options.pfx, options.passphrase, options.rejectUnauthorized, options.servername].map(text).join('\u0000');
  let byMaterial = agents.get(kubeConfig);
  if (!byMaterial) agents.set(kubeConfig, (byMaterial = new Map()));
  let agent = byMaterial.get(key);
  if (!agent) {
    byMaterial.clear(); // rotated: the old agent's idle connections time out, running requests finish
    // One secure context for all its connections: Node otherwise parses the CA, certificate and
    // key anew for each one (milliseconds each time a load needs more parallel connections).
    const secureContext = tls.createSecureContext({ ca: options.ca, cert: options.cert, key: options.key, pfx: options.pfx, passphrase: options.passphrase });
    agent = new https.Agent({ ...options, secureContext, keepAlive: true, timeout: IDLE_SOCKET_MS, scheduling: 'lifo' });
    byMaterial.set(key, agent);
  }
  return agent;
}
