import { CLI, CliProcess, spawnCli, spawnLogged } from '../../test/harness/cli-process';

/**
 * spawnCli, or with BENCH_CPU_PROF_DIR set the same under `node --cpu-prof` (NODE_OPTIONS may not
 * carry it): the process writes its profile there when it stops.
 */
export function spawnBenchCli(logsDir: string, name: string, args: readonly string[]): CliProcess {
  const profileDir = process.env.BENCH_CPU_PROF_DIR;
  if (!profileDir) return spawnCli(logsDir, name, args);
  return spawnLogged(logsDir, name, process.execPath,
    ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, `--cpu-prof-name=${name}.${Date.now()}.cpuprofile`, CLI, ...args]);
}
