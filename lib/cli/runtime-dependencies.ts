import * as fs from 'fs';
import * as path from 'path';
import { packageRoot } from '../package-root';

/**
 * The packages only the controllers and the cluster commands use (grant-server, redeemer, token,
 * fetch-cert, status, doctor). They are optional peer dependencies, so construct users (who
 * synthesize, and at most seal) do not install client-node's tree and prom-client; the commands
 * that need them load them on first use, through loadCommand.
 */
export const RUNTIME_PACKAGES = ['@kubernetes/client-node', 'prom-client'] as const;

/** `name@range` of each runtime package, from our package.json's peerDependencies. */
function installSpecs(): string[] {
  let peers: Record<string, string> = {};
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(packageRoot(__dirname), 'package.json'), 'utf8'));
    peers = pkg.peerDependencies ?? {};
  } catch {
    // Only the message loses the version ranges.
  }
  return RUNTIME_PACKAGES.map((name) => (peers[name] ? `${name}@${JSON.stringify(peers[name])}` : name));
}

/** The runtime package a module-not-found error is about, if it is one of them. */
function missingRuntimePackage(error: unknown): string | undefined {
  const e = error as { code?: string; message?: string };
  if (e?.code !== 'MODULE_NOT_FOUND' && e?.code !== 'ERR_MODULE_NOT_FOUND') return undefined;
  return RUNTIME_PACKAGES.find((name) => e.message?.includes(`'${name}'`));
}

/**
 * Loads a command module. When it fails because a runtime package is not installed, the error
 * says which command needs it and the npm command that installs both (rather than a bare
 * "Cannot find module" with a require stack).
 */
export async function loadCommand<T>(command: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    const missing = missingRuntimePackage(error);
    if (missing === undefined) throw error;
    throw new Error(`the ${command} command needs ${missing}, an optional peer dependency of cdk8s-skupper `
      + `that the constructs do not use; install the runtime dependencies with: npm install ${installSpecs().join(' ')}`);
  }
}
