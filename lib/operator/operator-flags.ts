import { parseCommandFlags } from '../cli/command-flags';
import { UsageError } from './usage-error';

/** Which flags a command takes. Every name is the long form (`--output`). */
export interface OperatorFlagSpec {
  /** Flags with one value; a later one overrides an earlier one. */
  readonly values?: readonly string[];
  /** Flags with a value that may be given more than once (`--context a --context b`). */
  readonly repeatable?: readonly string[];
  /** Flags without a value (`--all-namespaces`). */
  readonly booleans?: readonly string[];
  /** Short forms, e.g. `{ '-o': '--output' }`. */
  readonly aliases?: Readonly<Record<string, string>>;
}

/** What a command line of an operator command holds. */
export interface OperatorFlags {
  readonly help: boolean;
  readonly values: ReadonlyMap<string, string>;
  /** The values of each repeatable flag, in the order given (empty when never given). */
  readonly lists: ReadonlyMap<string, readonly string[]>;
  readonly booleans: ReadonlySet<string>;
}

/**
 * Parses the flags of the operator commands (fetch-cert, status, doctor) on top of the runtime's
 * parser, which knows `--flag value` and `--flag=value` only: short aliases, flags without a
 * value and repeatable flags are taken out first, the rest goes through parseCommandFlags.
 * Positional arguments are refused. Throws a UsageError naming the bad argument, with `usage`.
 */
export function parseOperatorFlags(args: readonly string[], spec: OperatorFlagSpec, usage: string): OperatorFlags {
  const valueFlags = spec.values ?? [];
  const repeatable = spec.repeatable ?? [];
  const booleanFlags = spec.booleans ?? [];
  const lists = new Map<string, string[]>(repeatable.map((flag) => [flag, []]));
  const booleans = new Set<string>();
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith('-') || arg === '-' || arg === '--help' || arg === '-h') {
      rest.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const given = eq > 0 ? arg.slice(0, eq) : arg;
    const flag = spec.aliases?.[given] ?? given;
    const inlineValue = eq > 0 ? arg.slice(eq + 1) : undefined;
    if (booleanFlags.includes(flag)) {
      if (inlineValue !== undefined) {
        throw new UsageError(`${given} takes no value, got ${JSON.stringify(arg)}\n${usage}`);
      }
      booleans.add(flag);
    } else if (repeatable.includes(flag)) {
      const value = inlineValue ?? args[++i];
      if (value === undefined || value === '') {
        throw new UsageError(`${given} needs a value\n${usage}`);
      }
      lists.get(flag)!.push(value);
    } else if (inlineValue !== undefined) {
      rest.push(`${flag}=${inlineValue}`);
    } else {
      rest.push(flag);
      // The next argument is this flag's value, even if it starts with '-'; the parser checks it.
      if (valueFlags.includes(flag) && i + 1 < args.length) {
        rest.push(args[++i]);
      }
    }
  }

  let parsed;
  try {
    parsed = parseCommandFlags(rest, valueFlags, usage);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (parsed.positional.length > 0) {
    throw new UsageError(`unexpected argument ${JSON.stringify(parsed.positional[0])}\n${usage}`);
  }
  return { help: parsed.help, values: parsed.values, lists, booleans };
}
