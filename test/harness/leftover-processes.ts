import * as fs from 'fs';
import * as path from 'path';
import { ETCD_DATA_DIR } from './etcd';
import { commandLine, executable, isAlive, processGroup, terminateSync } from './process-liveness';

// A run that crashed (or was SIGKILLed) cannot stop its children, so every run first cleans up
// after dead earlier runs. Runs whose owner (the jest process) is still alive are left alone:
// they may be a concurrent test run in the same checkout.

const OWNER_FILE = 'owner.pid';

/** Records the current process as the owner of a run folder. */
export function claimRunDirectory(runDir: string): void {
  fs.mkdirSync(runDir, { recursive: true });
  fs.writeFileSync(path.join(runDir, OWNER_FILE), `${process.pid}\n${fs.realpathSync(process.execPath)}\n`);
}

/** True if the run's owner process is still alive (and is still the same program). */
export function runOwnerAlive(runDir: string): boolean {
  const recorded = readPidFile(path.join(runDir, OWNER_FILE));
  // argv[0] of node is often just "node", so compare the executable instead.
  return recorded !== undefined && isAlive(recorded.pid) && executable(recorded.pid) === recorded.binary;
}

/**
 * Kills processes recorded in pid files of earlier runs whose owner is gone, but only PIDs whose
 * /proc/<pid>/cmdline still runs the recorded binary (a recycled PID is never touched).
 * Returns what was killed.
 */
export function killLeftoverProcesses(runsDir: string): string[] {
  const killed: string[] = [];
  for (const runDir of subdirectories(runsDir).filter((dir) => !runOwnerAlive(dir))) {
    killed.push(...killRecordedProcesses(runDir));
    // An interrupted run never dropped its etcd data (~60 MB per cluster); its logs stay.
    for (const clusterDir of subdirectories(runDir)) fs.rmSync(path.join(clusterDir, ETCD_DATA_DIR), { recursive: true, force: true });
  }
  return killed;
}

/**
 * Kills the processes recorded in the pid files of one run folder (whoever owns it), checking
 * each PID's command line first, and removes the pid files. Returns what was killed.
 */
export function killRecordedProcesses(runDir: string): string[] {
  const killed: string[] = [];
  for (const clusterDir of subdirectories(runDir)) {
    const pidsDir = path.join(clusterDir, 'pids');
    if (!fs.existsSync(pidsDir)) continue;
    // Newest pid file first = reverse start order, so kube-apiserver goes before etcd.
    const pidFiles = fs
      .readdirSync(pidsDir)
      .filter((f) => f.endsWith('.pid'))
      .map((f) => path.join(pidsDir, f))
      .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs);
    for (const pidFile of pidFiles) {
      const recorded = readPidFile(pidFile);
      if (recorded && matches(recorded.pid, recorded.binary)) {
        // We started it detached, so it leads its own group: kill the group (e.g. a shell wrapper too).
        const wholeGroup = processGroup(recorded.pid) === recorded.pid;
        terminateSync(recorded.pid, wholeGroup);
        killed.push(`${recorded.pid} (${pidFile})`);
      }
      fs.rmSync(pidFile, { force: true });
    }
  }
  return killed;
}

/** Deletes the oldest finished run folders, keeping the newest `keep` (logs of recent failures). */
export function pruneOldRuns(runsDir: string, keep: number): void {
  const finished = subdirectories(runsDir)
    .filter((dir) => !runOwnerAlive(dir))
    .sort();
  for (const dir of finished.slice(0, Math.max(0, finished.length - keep))) {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function matches(pid: number, binary: string): boolean {
  return isAlive(pid) && commandLine(pid)?.[0] === binary;
}

function readPidFile(file: string): { pid: number; binary: string } | undefined {
  try {
    const [pid, binary] = fs.readFileSync(file, 'utf8').split('\n');
    return Number.isInteger(Number(pid)) && binary ? { pid: Number(pid), binary } : undefined;
  } catch {
    return undefined;
  }
}

function subdirectories(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => path.join(dir, entry.name));
}
