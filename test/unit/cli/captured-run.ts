import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { CliIo } from '../../../lib/cli/cli-io';

/** What a command wrote and its exit code. */
export interface CapturedRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command with an io that keeps what it writes (files are read from disk). */
export async function captureRun(run: (io: CliIo) => Promise<number>): Promise<CapturedRun> {
  let stdout = '';
  let stderr = '';
  const code = await run({ stdout: (s) => { stdout += s; }, stderr: (s) => { stderr += s; }, readFile: (p) => fs.readFileSync(p) });
  return { code, stdout, stderr };
}

/** A fresh temporary folder for each test of the file (or describe block), removed after it. */
export function tempDirPerTest(prefix: string): () => string {
  let dir = '';
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  return () => dir;
}
