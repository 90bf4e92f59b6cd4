import * as fs from 'fs';

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

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

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
    try {
      const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
      if (!cmdline.includes(runDir)) continue;
      const role = ROLES.find(([, pattern]) => pattern.test(cmdline))?.[0];
      if (!role) continue;
      // Fields after the command name in parentheses: utime and stime are the 12th and 13th.
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ms = ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
      totals.set(role, (totals.get(role) ?? 0) + ms);
    } catch {
      // gone meanwhile
    }
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
