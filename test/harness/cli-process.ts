import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { httpGet } from './http-get';
import { REPO_ROOT } from './paths';
import { FatalWaitError, waitFor } from './wait-for';

/** The bin entrypoint, exactly what the image runs. */
export const CLI = path.join(REPO_ROOT, 'bin', 'cdk8s-skupper.js');

export interface CliExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** A `cdk8s-skupper` process started by a test, stopped by PID. */
export interface CliProcess {
  readonly name: string;
  readonly child: ChildProcess;
  readonly log: string;
  readonly exited: Promise<CliExit>;
}

/** Runs `node bin/cdk8s-skupper.js ARGS`, logging to `<logsDir>/<name>.log`. */
export function spawnCli(logsDir: string, name: string, args: readonly string[]): CliProcess {
  return spawnLogged(logsDir, name, process.execPath, [CLI, ...args]);
}

/** Spawns `command args` in the repository, output to `<logsDir>/<name>.log`. */
export function spawnLogged(logsDir: string, name: string, command: string, args: readonly string[]): CliProcess {
  const log = path.join(logsDir, `${name}.log`);
  const logFd = fs.openSync(log, 'a');
  const child = spawn(command, args, { cwd: REPO_ROOT, stdio: ['ignore', logFd, logFd] });
  fs.closeSync(logFd);
  const exited = new Promise<CliExit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return { name, child, log, exited };
}

/** Waits until the process's health server answers /readyz with 200; fails at once if it exits. */
export async function waitForReadyz(cli: CliProcess, healthPort: number): Promise<void> {
  await waitFor(`${cli.name} to be ready`, async () => {
    const { exitCode, signalCode } = cli.child;
    if (exitCode !== null || signalCode !== null) throw new FatalWaitError(`${cli.name} exited with ${exitCode ?? signalCode}; log ${cli.log}:\n${fs.readFileSync(cli.log, 'utf8').slice(-3000)}`);
    return (await httpGet(`http://127.0.0.1:${healthPort}/readyz`).catch(() => ({ status: 0 }))).status === 200;
  }, { timeoutMs: 60_000, intervalMs: 200 });
}

export interface StopCliOptions {
  /** The signal sent first. @default 'SIGTERM' */
  readonly signal?: 'SIGTERM' | 'SIGKILL';
  /**
   * For cleanup only: SIGKILL when it has not exited after this long. Left unset where the test
   * asserts how it exits, so a slow machine cannot turn a clean exit into a kill.
   * @default - wait for it to exit (the test's own timeout bounds the wait)
   */
  readonly killAfterMs?: number;
}

/** Cleanup after a test file: SIGKILL whatever has not exited 20 s after SIGTERM. */
export const CLEANUP: StopCliOptions = { killAfterMs: 20_000 };

/** Stops by PID and resolves to how it exited. */
export async function stopCli(cli: CliProcess, options: StopCliOptions = {}): Promise<CliExit> {
  const { child } = cli;
  if (child.exitCode === null && child.signalCode === null) child.kill(options.signal ?? 'SIGTERM');
  const timer = options.killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), options.killAfterMs);
  const exit = await cli.exited;
  clearTimeout(timer);
  return exit;
}
