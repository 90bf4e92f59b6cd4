import { parseArgs } from 'util';
import { UsageError } from './usage-error';

/**
 * One flag of a command: the single place for its name (the table key, without `--`), alias,
 * default and help, from which both the parser and the usage text are made.
 */
export interface Flag {
  /** 'value': one value, a later one overrides (as Go's flag package does); 'repeatable': every value, in order; 'boolean': no value. */
  readonly kind: 'value' | 'repeatable' | 'boolean';
  /** A one-letter alias: 'n' for `-n`. */
  readonly short?: string;
  /** What the value is, in the usage text: `FILE`, `NS`. */
  readonly placeholder?: string;
  /** The value when the flag is not given. */
  readonly default?: string;
  readonly required?: boolean;
  readonly help: string;
}

/** A command's flags by long name (`kubeconfig` for `--kubeconfig`), in the order the usage lists them. */
export type FlagTable = Readonly<Record<string, Flag>>;

/** A parsed command line. Values of flags not given are their defaults. */
export interface ParsedFlags<T extends FlagTable> {
  readonly help: boolean;
  /** Every value given for each flag, in order (a default counts only when the flag is absent). */
  readonly all: { readonly [K in keyof T]: readonly string[] };
  readonly positional: readonly string[];
  /** The value of a 'value' flag: the last one given, else its default. */
  value(name: keyof T & string): string | undefined;
  /** Whether a flag was given on the command line. */
  given(name: keyof T & string): boolean;
}

/** `--name` for a flag as the user spelled it (`-n` becomes `--namespace`). */
const long = (name: string): string => `--${name}`;

/**
 * Parses `args` (after the command's name) with Node's util.parseArgs: `--flag value`,
 * `--flag=value`, `-n value`, repeatable and boolean flags, `--help`/`-h`. Throws a UsageError,
 * with `usage` after the reason, for an unknown flag, a flag without a value, a value given to a
 * boolean flag, a missing required flag, or a positional argument when `positional` is false.
 */
export function parseFlags<T extends FlagTable>(args: readonly string[], table: T, usage: string, options: { positional?: boolean } = {}): ParsedFlags<T> {
  const problem = (reason: string): UsageError => new UsageError(`${reason}\n${usage}`);
  // parseArgs reads `-n=x` as the value "=x"; we take it as `--namespace=x`, as before.
  const shortNames = new Map(Object.entries(table).filter(([, flag]) => flag.short).map(([name, flag]) => [flag.short!, name]));
  const spelled = args.map((arg) => {
    const name = /^-([^-])=/.test(arg) ? shortNames.get(arg[1]) : undefined;
    return name === undefined ? arg : `--${name}${arg.slice(2)}`;
  });
  const { tokens } = parseArgs({
    args: spelled,
    options: {
      help: { type: 'boolean', short: 'h' },
      ...Object.fromEntries(Object.entries(table).map(([name, flag]) => [name, {
        type: flag.kind === 'boolean' ? 'boolean' as const : 'string' as const,
        ...(flag.short ? { short: flag.short } : {}),
      }])),
    },
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const all: Record<string, string[]> = Object.fromEntries(Object.keys(table).map((name) => [name, []]));
  const positional: string[] = [];
  let help = false;
  for (const token of tokens) {
    if (token.kind === 'positional') {
      if (!options.positional) throw problem(`unexpected argument ${JSON.stringify(token.value)}`);
      positional.push(token.value);
      continue;
    }
    if (token.kind === 'option-terminator') {
      throw problem(`unknown argument ${JSON.stringify(spelled[token.index])}`);
    }
    if (token.name === 'help') {
      help = true;
      continue;
    }
    const flag = Object.prototype.hasOwnProperty.call(table, token.name) ? table[token.name] : undefined;
    if (flag === undefined) {
      throw problem(`unknown argument ${JSON.stringify(spelled[token.index])}`);
    }
    if (flag.kind === 'boolean') {
      if (token.value !== undefined) throw problem(`${token.rawName} takes no value, got ${JSON.stringify(spelled[token.index])}`);
      all[token.name].push('true');
      continue;
    }
    if (token.value === undefined || token.value === '') throw problem(`${long(token.name)} needs a value`);
    all[token.name].push(token.value);
  }
  if (!help) {
    for (const [name, flag] of Object.entries(table)) {
      if (flag.required && all[name].length === 0) throw problem(`missing ${long(name)}`);
    }
  }
  return {
    help,
    all: all as ParsedFlags<T>['all'],
    positional,
    value: (name) => all[name].at(-1) ?? table[name].default,
    given: (name) => all[name].length > 0,
  };
}

/** `[--name PLACEHOLDER]`, `--name PLACEHOLDER` when required, `[-n PLACEHOLDER]...` when repeatable. */
function synopsisItem(name: string, flag: Flag): string {
  const spelled = flag.short ? `-${flag.short}` : long(name);
  const item = flag.kind === 'boolean' ? spelled : `${spelled} ${flag.placeholder ?? 'VALUE'}`;
  if (flag.required) return item;
  return flag.kind === 'repeatable' ? `[${item}]...` : `[${item}]`;
}

/** The first lines of a usage text: `usage: cdk8s-skupper <command> <flags> <operands>`, wrapped at 100 columns. */
export function synopsis(command: string, table: FlagTable, operands: readonly string[] = []): string {
  const head = `usage: cdk8s-skupper ${command} `;
  const items = [...Object.entries(table).map(([name, flag]) => synopsisItem(name, flag)), ...operands];
  const lines: string[] = [];
  let line = head;
  for (const item of items) {
    if (line.length > head.length && line.length + item.length > 100) {
      lines.push(line.trimEnd());
      line = ' '.repeat(head.length);
    }
    line += `${item} `;
  }
  lines.push(line.trimEnd());
  return lines.join('\n');
}

/** One line per flag: `  --namespace, -n NS   help (default: x)`, aligned. */
export function flagHelp(table: FlagTable): string {
  const rows = Object.entries(table).map(([name, flag]) => {
    const spelled = [long(name), ...(flag.short ? [`-${flag.short}`] : [])].join(', ');
    const left = flag.kind === 'boolean' ? spelled : `${spelled} ${flag.placeholder ?? 'VALUE'}`;
    const extra = [flag.kind === 'repeatable' ? 'may be repeated' : '', flag.default !== undefined ? `default ${flag.default}` : '']
      .filter((s) => s !== '').join('; ');
    return [left, extra ? `${flag.help} (${extra})` : flag.help];
  });
  const width = Math.max(...rows.map(([left]) => left.length));
  return ['flags:', ...rows.map(([left, help]) => `  ${left.padEnd(width)}  ${help}`)].join('\n');
}

/** A command's whole usage: the synopsis, what it does, its flags, and any notes after them. */
export function usageText(command: string, table: FlagTable, description: readonly string[], more: { operands?: readonly string[]; after?: readonly string[] } = {}): string {
  return [synopsis(command, table, more.operands), '', ...description, '', flagHelp(table), ...(more.after ? ['', ...more.after] : [])].join('\n');
}
