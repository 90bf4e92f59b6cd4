import * as fs from 'fs';

// Reads /proc directly: kill(pid, 0) also succeeds for zombies, and we must be able to check
// processes that are not our children (leftovers of a crashed run).

/** True while the process exists and is not a zombie. */
export function isAlive(pid: number): boolean {
  const stat = readStat(pid);
  return stat !== undefined && stat.state !== 'Z' && stat.state !== 'X';
}

/** argv of a process, or undefined if it is gone. */
export function commandLine(pid: number): string[] | undefined {
  try {
    const raw = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return raw.split('\0').filter((part, i, all) => part !== '' || i < all.length - 1);
  } catch {
    return undefined;
  }
}

/** The executable file of a process (/proc/<pid>/exe), or undefined if it is gone. */
export function executable(pid: number): string | undefined {
  try {
    return fs.readlinkSync(`/proc/${pid}/exe`);
  } catch {
    return undefined;
  }
}

/** Process group id, or undefined if the process is gone. */
export function processGroup(pid: number): number | undefined {
  return readStat(pid)?.pgrp;
}

/** CPU time used so far (user + system), in milliseconds, or undefined if the process is gone. */
export function cpuTimeMs(pid: number): number | undefined {
  const stat = readStat(pid);
  return stat && ((stat.utime + stat.stime) * 1000) / TICKS_PER_SECOND;
}

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

function readStat(pid: number): { state: string; pgrp: number; utime: number; stime: number } | undefined {
  let raw: string;
  try {
    raw = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name (field 2) is in parentheses and may contain spaces; parse after the last ')'.
  const fields = raw.slice(raw.lastIndexOf(')') + 2).split(' ');
  return { state: fields[0], pgrp: Number(fields[2]), utime: Number(fields[11]), stime: Number(fields[12]) };
}

/** Peak resident set size (VmHWM) in KiB, or undefined if the process is gone. */
export function peakRssKib(pid: number): number | undefined {
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** Sends a signal to a process group (or the process alone), ignoring "no such process". */
export function signal(pid: number, sig: NodeJS.Signals, wholeGroup: boolean): void {
  try {
    process.kill(wholeGroup ? -pid : pid, sig);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err;
  }
}

/** Blocks the thread (for 'exit' handlers, where the event loop no longer runs). */
function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * SIGTERM, then SIGKILL once `pid` has exited or `graceMs` has passed, synchronously: for 'exit'
 * handlers and for processes that are not our children (leftovers of a crashed run), where no
 * exit event can be awaited, so liveness is polled. The grace period only bounds cleanup.
 */
export function terminateSync(pid: number, wholeGroup: boolean, graceMs = 5_000): void {
  signal(pid, 'SIGTERM', wholeGroup);
  const deadline = Date.now() + graceMs;
  while (isAlive(pid) && Date.now() < deadline) sleepSync(50);
  signal(pid, 'SIGKILL', wholeGroup);
}
