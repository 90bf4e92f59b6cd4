import type { CommandOutput } from '../commands/command-output';

/** The process streams and files a command may use; tests pass their own. */
export interface CliIo extends CommandOutput {
  readonly readFile: (p: string) => Buffer;
}
