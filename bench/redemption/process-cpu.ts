import * as fs from 'fs';
import { commandLine, cpuTimeMs } from '../../test/harness/process-liveness';

/** CPU milliseconds (user + system) used so far, per role, by this run's processes. */
export type CpuSnapshot = ReadonlyMap<string, number>;

// What each process of a run is called here: the first pattern its command line matches.
const ROLES: ReadonlyArray<readonly [string, RegExp]> = [
  ['kube-apiserver', /kube-apiserver/],
  ['etcd', /\/etcd\b/],
  ['skupper-controller', /skupper-controller/],
  ['our grant server', /cdk8s-skupper\.js.* grant-server /],
  ['our redeemer', /cdk8s-skupper\.js.* redeemer /],
];

/**
 * The CPU time so far of the processes whose command line names `runDir` (the cluster's binaries
 * and our processes all carry its kubeconfig), by role, plus this process (the load generator).
 * Empty where /proc is not there.
 */
export function cpuSnapshot(runDir: string): CpuSnapshot {
  const totals = new Map<string, number>();
  const usage = process.cpuUsage();
  totals.set('load generator (this process)', (usage.user + usage.system) / 1000);
  let pids: string[];
  try {
    pids = fs.readdirSync('/proc').filter((name) => /^[0-9]+$/.test(name));
  } catch {
    return totals;
  }
  for (const pid of pids) {
    const cmdline = commandLine(Number(pid))?.join(' ');
    if (!cmdline?.includes(runDir)) continue;
    const role = ROLES.find(([, pattern]) => pattern.test(cmdline))?.[0];
    const ms = role === undefined ? undefined : cpuTimeMs(Number(pid));
    if (role && ms !== undefined) totals.set(role, (totals.get(role) ?? 0) + ms); // else gone meanwhile
  }
  return totals;
}

/** CPU milliseconds per unit of work between two snapshots, by role, largest first: "apiserver 4.1, ...". */
export function cpuPerUnit(before: CpuSnapshot, after: CpuSnapshot, units: number): string {
  if (units <= 0) return 'n/a';
  return [...after]
    .map(([role, ms]) => [role, (ms - (before.get(role) ?? 0)) / units] as const)
    .filter(([, ms]) => ms >= 0.05)
    .sort((a, b) => b[1] - a[1])
    .map(([role, ms]) => `${role} ${ms.toFixed(1)}`)
    .join(', ');
}
