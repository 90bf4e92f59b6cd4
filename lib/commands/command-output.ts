/** Where a command writes: the process streams, or a test's buffers. */
export interface CommandOutput {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
}
