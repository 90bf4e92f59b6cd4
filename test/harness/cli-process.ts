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
  const log = path.join(logsDir, `${name}.log`);
  const logFd = fs.openSync(log, 'a');
  const child = spawn(process.execPath, [CLI, ...args], { cwd: REPO_ROOT, stdio: ['ignore', logFd, logFd] });
  fs.closeSync(logFd);
  const exited = new Promise<CliExit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return { name, child, log, exited };
}

/** Waits until the process's health server answers /readyz with 200; fails at once if it exits. */
export async function waitForReadyz(cli: CliProcess, healthPort: number): Promise<void> {
  await waitFor(`${cli.name} to be ready`, async () => {
    if (cli.child.exitCode !== null) throw new FatalWaitError(`${cli.name} exited with ${cli.child.exitCode}; log ${cli.log}:\n${fs.readFileSync(cli.log, 'utf8').slice(-3000)}`);
    return (await httpGet(`http://127.0.0.1:${healthPort}/readyz`).catch(() => ({ status: 0 }))).status === 200;
  }, { timeoutMs: 60_000, intervalMs: 200 });
}

/** Stops by PID: SIGTERM, then SIGKILL if it hangs. Resolves to how it exited. */
export async function stopCli(cli: CliProcess): Promise<CliExit> {
  const { child } = cli;
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  const exit = await cli.exited;
  clearTimeout(timer);
  return exit;
}
