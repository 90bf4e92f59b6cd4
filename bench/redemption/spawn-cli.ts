import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { CLI, CliExit, CliProcess, spawnCli } from '../../test/harness/cli-process';
import { REPO_ROOT } from '../../test/harness/paths';

/**
 * spawnCli, or with BENCH_CPU_PROF_DIR set the same under `node --cpu-prof` (NODE_OPTIONS may not
 * carry it): the process writes its profile there when it stops.
 */
export function spawnBenchCli(logsDir: string, name: string, args: readonly string[]): CliProcess {
  const profileDir = process.env.BENCH_CPU_PROF_DIR;
  if (!profileDir) return spawnCli(logsDir, name, args);
  const log = path.join(logsDir, `${name}.log`);
  const logFd = fs.openSync(log, 'a');
  const child = spawn(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, `--cpu-prof-name=${name}.${Date.now()}.cpuprofile`, CLI, ...args], { cwd: REPO_ROOT, stdio: ['ignore', logFd, logFd] });
  fs.closeSync(logFd);
  const exited = new Promise<CliExit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return { name, child, log, exited };
}
