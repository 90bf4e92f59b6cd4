import { testBinaries } from '../support/binaries';
import { runCommand } from './run-command';
import { waitFor } from './wait-for';

/** One entity of a router management query: attribute name to value. */
export type ManagementRecord = Readonly<Record<string, unknown>>;

/** Entity types of skupper-router's management agent that the tests read. */
export const ROUTER_ENTITY = {
  connection: 'io.skupper.router.connection',
  connector: 'io.skupper.router.connector',
  routerNode: 'io.skupper.router.router.node',
  tcpListener: 'io.skupper.router.tcpListener',
  tcpConnector: 'io.skupper.router.tcpConnector',
} as const;

/**
 * Queries a running router's own AMQP management agent (on its `amqp` listener) with the
 * router's `skmanage` tool: what the router itself reports, not what its log says.
 */
export async function queryRouter(managementPort: number, entityType: string): Promise<ManagementRecord[]> {
  const binaries = testBinaries();
  // Debian's python: Proton's binding was built for it (a pyenv python first on PATH may differ).
  const out = await runCommand('/usr/bin/python3', [binaries.skmanage, '--bus', `127.0.0.1:${managementPort}`, '--timeout', '10', 'query', '--type', entityType], {
    env: { PATH: process.env.PATH, PYTHONPATH: binaries.routerPythonPath },
    timeoutMs: 30_000,
  });
  return JSON.parse(out) as ManagementRecord[];
}

/**
 * Waits until the router on `managementPort` has an inbound inter-router connection from the router
 * `peerId` (its AMQP container id) and returns that connection as the router reports it.
 */
export async function waitForInboundInterRouterConnection(managementPort: number, peerId: string): Promise<ManagementRecord> {
  return waitFor(`an inter-router connection from ${peerId}`, async () => {
    const connections = await queryRouter(managementPort, ROUTER_ENTITY.connection);
    return connections.find((c) => c.role === 'inter-router' && c.dir === 'in' && c.container === peerId);
  }, { timeoutMs: 60_000, intervalMs: 500 });
}
