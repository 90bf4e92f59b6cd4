import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { isAlive, signal, terminateSync } from './process-liveness';
import { FatalWaitError } from './wait-for';

/** What is recorded about a started process (serializable, so tests and teardown can use it). */
export interface ProcessInfo {
  /** Short role name, e.g. `kube-apiserver`. */
  readonly name: string;
  readonly pid: number;
  /** The executable the process runs once started (matched against /proc/<pid>/cmdline). */
  readonly binary: string;
  readonly log: string;
  readonly pidFile: string;
}

export interface StartProcessOptions {
  readonly name: string;
  /** Folder of the cluster: the log goes to `<dir>/logs/<name>.log`, the pid to `<dir>/pids/<name>.pid`. */
  readonly dir: string;
  /** Executable to spawn; defaults to `binary` (differs for wrappers such as `unshare ... exec binary`). */
  readonly command?: string;
  readonly binary: string;
  readonly args: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
}

const STOP_GRACE_MS = 10_000;

/**
 * A long-running child process (etcd, kube-apiserver, ...). It runs in its own process group
 * (detached → setsid), so stopping it also stops anything it spawned, and so a Ctrl-C in the
 * terminal reaches only jest, which then stops the children in order.
 */
export class ManagedProcess {
  private exitStatus?: string;

  constructor(readonly info: ProcessInfo, private readonly exited: Promise<string>) {
    void exited.then((status) => (this.exitStatus = status));
  }

  get running(): boolean {
    return this.exitStatus === undefined && isAlive(this.info.pid);
  }

  /** Throws (stopping any waitFor at once) with the end of the log if the process has died. */
  assertRunning(): void {
    if (!this.running) {
      throw new FatalWaitError(
        `${this.info.name} (pid ${this.info.pid}) exited (${this.exitStatus ?? 'unknown status'}); ` +
          `last lines of ${this.info.log}:\n${logTail(this.info.log)}`,
      );
    }
  }

  /** SIGTERM to the process group, SIGKILL after a grace period; resolves once it is gone. */
  async stop(graceMs = STOP_GRACE_MS): Promise<void> {
    if (this.running) {
      signal(this.info.pid, 'SIGTERM', true);
      await this.exitOrAfter(graceMs);
    }
    // Also after a clean exit: kills group members the leader left behind (ESRCH is ignored).
    signal(this.info.pid, 'SIGKILL', true);
    await this.exitOrAfter(5_000);
    unregister(this);
    fs.rmSync(this.info.pidFile, { force: true });
  }

  /** Resolves when the process exits (its exit event), or after `ms` at most: a bound, not a pause. */
  private async exitOrAfter(ms: number): Promise<void> {
    if (!this.running) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.exited, new Promise((resolve) => { timer = setTimeout(resolve, ms); })]);
    clearTimeout(timer);
  }
}

/** Starts a process detached into its own process group, logging to a file and writing a pid file. */
export function startProcess(options: StartProcessOptions): ManagedProcess {
  installEmergencyStop();
  const log = path.join(options.dir, 'logs', `${options.name}.log`);
  const pidFile = path.join(options.dir, 'pids', `${options.name}.pid`);
  fs.mkdirSync(path.dirname(log), { recursive: true });
  fs.mkdirSync(path.dirname(pidFile), { recursive: true });
  const logFd = fs.openSync(log, 'a');
  fs.writeSync(logFd, `# ${new Date().toISOString()} ${[options.command ?? options.binary, ...options.args].join(' ')}\n`);
  const child = spawn(options.command ?? options.binary, options.args, {
    detached: true,
    stdio: ['ignore', logFd, logFd],
    env: options.env ?? process.env,
  });
  fs.closeSync(logFd);
  if (child.pid === undefined) throw new Error(`could not start ${options.name} (${options.command ?? options.binary})`);
  // First line the pid, second the binary: a later run kills a leftover only if both still match.
  fs.writeFileSync(pidFile, `${child.pid}\n${options.binary}\n`);
  const exited = new Promise<string>((resolve) => {
    child.once('error', (err) => resolve(`spawn error: ${err.message}`));
    child.once('exit', (code, sig) => resolve(sig ? `signal ${sig}` : `exit code ${code}`));
  });
  // Jest must not wait for these handles; teardown and the exit handlers stop the processes.
  child.unref();
  const managed = new ManagedProcess({ name: options.name, pid: child.pid, binary: options.binary, log, pidFile }, exited);
  registry().processes.push(managed);
  return managed;
}

/** Stops processes one by one in the given order. */
export async function stopInOrder(processes: readonly ManagedProcess[]): Promise<void> {
  for (const managed of processes) await managed.stop();
}

/** Stops every process this Node process started and has not stopped yet, newest first. */
export async function stopAllStartedProcesses(): Promise<void> {
  await stopInOrder([...registry().processes].reverse());
}

/** The last `bytes` of a log file. */
export function logTail(file: string, bytes = 4000): string {
  try {
    const size = fs.statSync(file).size;
    const fd = fs.openSync(file, 'r');
    const buffer = Buffer.alloc(Math.min(bytes, size));
    fs.readSync(fd, buffer, 0, buffer.length, size - buffer.length);
    fs.closeSync(fd);
    return buffer.toString('utf8');
  } catch {
    return '(no log)';
  }
}

// jest runs globalSetup and globalTeardown in the same process but in different module
// registries, so the list of started processes lives on globalThis, not in a module variable.
interface Registry {
  processes: ManagedProcess[];
  emergencyStopInstalled: boolean;
}
const REGISTRY_KEY = Symbol.for('cdk8s-skupper.test-harness.processes');

function registry(): Registry {
  const holder = globalThis as unknown as Record<symbol, Registry | undefined>;
  return (holder[REGISTRY_KEY] ??= { processes: [], emergencyStopInstalled: false });
}

function unregister(managed: ManagedProcess): void {
  const list = registry().processes;
  const index = list.indexOf(managed);
  if (index >= 0) list.splice(index, 1);
}

/**
 * If jest exits or is interrupted before teardown, stop the children synchronously (the event
 * loop is gone in an 'exit' handler): SIGTERM newest first, so apiservers go before etcd.
 */
function installEmergencyStop(): void {
  const reg = registry();
  if (reg.emergencyStopInstalled) return;
  reg.emergencyStopInstalled = true;
  process.on('exit', stopAllSync);
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const onSignal = (): void => {
      stopAllSync();
      process.removeListener(sig, onSignal);
      // Die of the signal as if we had not been listening, unless someone else handles it.
      if (process.listenerCount(sig) === 0) process.kill(process.pid, sig);
    };
    process.on(sig, onSignal);
  }
}

function stopAllSync(): void {
  const processes = [...registry().processes].reverse();
  for (const managed of processes) {
    if (!isAlive(managed.info.pid)) continue;
    terminateSync(managed.info.pid, true);
    fs.rmSync(managed.info.pidFile, { force: true });
  }
  registry().processes.length = 0;
}
