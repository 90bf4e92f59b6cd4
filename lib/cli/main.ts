import * as fs from 'fs';
import { UsageError } from './usage-error';
import { loadCommand } from './runtime-dependencies';
import { runSealCommand } from './seal-command';
import { packageVersion } from './version';
import type { CliIo } from './cli-io';

interface Command {
  readonly summary: string;
  /** A returned number is the exit code (long-running roles return when they have shut down). */
  readonly run: (args: string[], io: CliIo) => void | number | Promise<void | number>;
}

/**
 * The subcommands; each receives the arguments after its name. All but seal talk to clusters
 * through @kubernetes/client-node (optional peer dependencies, see runtime-dependencies.ts), so
 * their modules load only when they run: --version, --help and seal work without them.
 */
const COMMANDS: Record<string, Command> = {
  'seal': { summary: 'seal a Secret offline into a SealedSecret (like kubeseal --cert)', run: runSealCommand },
  'grant-server': {
    summary: 'run the grant server of a listening site (redeems LinkGrants)',
    run: async (args) => (await loadCommand('grant-server', () => import('./grant-server-command'))).runGrantServerCommand(args),
  },
  'redeemer': {
    summary: 'run the token redeemer of a connecting site (redeems LinkTokens, creates Links)',
    run: async (args) => (await loadCommand('redeemer', () => import('./redeemer-command'))).runRedeemerCommand(args),
  },
  'token': {
    summary: 'token export: print a LinkToken as a stock Skupper AccessToken',
    run: async (args, io) => (await loadCommand('token', () => import('./token-export-command'))).runTokenCommand(args, io),
  },
  'fetch-cert': {
    summary: 'print a cluster\'s sealing certificate (like kubeseal --fetch-cert)',
    run: async (args, io) => (await loadCommand('fetch-cert', () => import('./fetch-cert-command'))).runFetchCertCommand(args, io),
  },
  'status': {
    summary: 'show the LinkGrants, LinkTokens and Links of one or more clusters',
    run: async (args, io) => (await loadCommand('status', () => import('./status-command'))).runStatusCommand(args, io),
  },
  'review': {
    summary: 'say what changed between two synth outputs in the network\'s terms (for a pull request)',
    run: async (args, io) => (await import('./review-command')).runReviewCommand(args, io),
  },
  'doctor': {
    summary: 'check clusters for what linking needs (CRDs, controllers, grant server reachability)',
    run: async (args, io) => (await loadCommand('doctor', () => import('./doctor-command'))).runDoctorCommand(args, io),
  },
};

const processIo: CliIo = {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  readFile: (p) => fs.readFileSync(p),
};

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  return [
    'usage: cdk8s-skupper <command> [arguments]',
    '',
    'commands:',
    ...Object.entries(COMMANDS).map(([name, command]) => `  ${name.padEnd(width)}  ${command.summary}`),
    '',
    'run "cdk8s-skupper <command> --help" for the arguments of a command, "cdk8s-skupper --version" for the version',
  ].join('\n') + '\n';
}

/**
 * Runs the CLI. `argv` are the arguments after the program name (process.argv.slice(2)).
 * Returns the exit code: 0 on success, 1 when the command failed, 2 for bad arguments (an
 * unknown or missing command, or a command's UsageError); commands may return others.
 */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === '--help' || name === '-h' || name === 'help') {
    io.stdout(usage());
    return 0;
  }
  if (name === '--version' || name === '-v') {
    io.stdout(`cdk8s-skupper ${packageVersion()}\n`);
    return 0;
  }
  const command = name === undefined ? undefined : Object.prototype.hasOwnProperty.call(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    io.stderr((name === undefined ? 'missing command\n' : `unknown command ${JSON.stringify(name)}\n`) + usage());
    return 2;
  }
  try {
    const code = await command.run(args, io);
    return typeof code === 'number' ? code : 0;
  } catch (error) {
    io.stderr(`cdk8s-skupper ${name}: ${error instanceof Error ? error.message : String(error)}\n`);
    return error instanceof UsageError ? 2 : 1;
  }
}
