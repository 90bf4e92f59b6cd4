/** Flags and positional arguments of one command. */
export interface CommandFlags {
  readonly help: boolean;
  /** Each flag's value; a flag given twice keeps the later value (as Go's flag package does). */
  readonly values: ReadonlyMap<string, string>;
  /** Every value of each flag, in the order given (for repeatable flags, or to refuse repeats). */
  readonly all: ReadonlyMap<string, readonly string[]>;
  readonly positional: readonly string[];
}

/**
 * Parses `--flag value`, `--flag=value`, `--help`/`-h` and positional arguments. Throws with
 * `usage` appended for an unknown flag or a flag without a value.
 */
export function parseCommandFlags(args: readonly string[], valueFlags: readonly string[], usage: string): CommandFlags {
  const values = new Map<string, string>();
  const all = new Map<string, string[]>();
  const positional: string[] = [];
  let help = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--help' || arg === '-h') {
      help = true;
      continue;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    if (!valueFlags.includes(flag)) {
      throw new Error(`unknown argument ${JSON.stringify(arg)}\n${usage}`);
    }
    const value = eq > 0 ? arg.slice(eq + 1) : args[++i];
    if (value === undefined || value === '') {
      throw new Error(`${flag} needs a value\n${usage}`);
    }
    values.set(flag, value);
    all.set(flag, [...(all.get(flag) ?? []), value]);
  }
  return { help, values, all, positional };
}
