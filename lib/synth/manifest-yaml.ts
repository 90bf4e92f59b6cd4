import { Yaml } from 'cdk8s';

/**
 * The YAML of one Kubernetes object, byte for byte what cdk8s writes (`Yaml.stringify(obj)`: the
 * `yaml` package, YAML 1.1, no line folding), but several times faster: a synth of a 1,000-cluster
 * network renders some 15,000 objects, and building a `yaml` Document for each was its largest
 * single cost.
 *
 * Only the layout is done here: block maps and sequences of plain JSON values (indent 2, sequences
 * indented under their key, empty ones as `{}`/`[]`). How each scalar is written (plain, quoted,
 * block literal) is asked of the `yaml` package itself, in the same position (a map value, a
 * sequence item, a key), once per distinct scalar; only strings that no YAML 1.1 reader could take
 * for anything but a string (a letter, then letters, digits and `._/+=-`, and as a value also a `:`
 * that is not last, or a hex fingerprint) are written plain without asking. Anything else the layout does not cover (a class instance, `undefined`, an object
 * appearing twice, which `yaml` writes as an alias, a scalar `yaml` writes over several lines other
 * than a block literal, a long key) renders the whole object with `Yaml.stringify` instead.
 */
export function manifestYaml(obj: unknown): string {
  if (!isPlainObject(obj)) return Yaml.stringify(obj);
  const out: string[] = [];
  try {
    if (Object.keys(obj).length === 0) return '{}\n';
    writeMap(obj, 0, out, new Set());
  } catch (error) {
    if (error === UNSUPPORTED) return Yaml.stringify(obj);
    throw error;
  }
  return out.join('\n') + '\n';
}

/** Thrown (and caught above) when the layout here does not cover a value. */
const UNSUPPORTED = new Error('not covered by the manifest YAML layout');

type Plain = Record<string, unknown>;

function isPlainObject(value: unknown): value is Plain {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

const SPACES: string[] = [];
function spaces(n: number): string {
  return SPACES[n] ??= ' '.repeat(n);
}

/** Each key and value of `map` at indentation `indent`; `seen` holds the objects and arrays above and before. */
function writeMap(map: Plain, indent: number, out: string[], seen: Set<object>): void {
  enter(map, seen);
  const pad = spaces(indent);
  for (const key of Object.keys(map)) {
    const value = map[key];
    const head = `${pad}${scalar(key, indent === 0 ? TOP_KEY : KEY)}:`;
    if (Array.isArray(value) && value.length > 0) {
      out.push(head);
      writeSeq(value, indent + 2, out, seen);
    } else if (isPlainObject(value) && Object.keys(value).length > 0) {
      out.push(head);
      writeMap(value, indent + 2, out, seen);
    } else {
      writeInline(head, value, indent, VALUE, out, seen);
    }
  }
}

function writeSeq(seq: unknown[], indent: number, out: string[], seen: Set<object>): void {
  enter(seq, seen);
  const pad = spaces(indent);
  for (let i = 0; i < seq.length; i++) {
    if (!(i in seq)) throw UNSUPPORTED;
    const item = seq[i];
    const nested = (Array.isArray(item) && item.length > 0) || (isPlainObject(item) && Object.keys(item).length > 0);
    if (nested) {
      // The nested collection starts on the dash's line: `- key: value` or `- - item`.
      const first = out.length;
      if (Array.isArray(item)) writeSeq(item, indent + 2, out, seen);
      else writeMap(item as Plain, indent + 2, out, seen);
      out[first] = `${pad}- ${out[first].slice(indent + 2)}`;
    } else {
      writeInline(`${pad}-`, item, indent, ITEM, out, seen);
    }
  }
}

/** `head` (a key and colon, or a dash) followed by a value that is not a non-empty collection. */
function writeInline(head: string, value: unknown, indent: number, position: Position, out: string[], seen: Set<object>): void {
  if (Array.isArray(value)) {
    enter(value, seen);
    out.push(`${head} []`);
    return;
  }
  if (value !== null && typeof value === 'object') {
    if (!isPlainObject(value)) throw UNSUPPORTED;
    enter(value, seen);
    out.push(`${head} {}`);
    return;
  }
  const rendered = scalar(value, position);
  if (typeof rendered === 'string') {
    out.push(`${head} ${rendered}`);
    return;
  }
  // A block literal: its lines are indented two past the key or dash, blank lines left empty.
  out.push(`${head} ${rendered.header}`);
  const pad = spaces(indent + 2);
  for (const line of rendered.lines) out.push(line === '' ? '' : pad + line.slice(2));
}

function enter(collection: object, seen: Set<object>): void {
  if (seen.has(collection)) throw UNSUPPORTED;   // yaml writes a repeated object as an anchor and alias
  seen.add(collection);
}

/** Where a scalar stands, which can change how `yaml` writes it (a key at the start of a line may look like `---`). */
type Position = typeof TOP_KEY | typeof KEY | typeof VALUE | typeof ITEM;
const TOP_KEY = 0;
const KEY = 1;
const VALUE = 2;
const ITEM = 3;

/** A block literal scalar: its header (`|`, `|-`, ...) and its lines as `yaml` indents them at the top level (by two). */
interface BlockScalar {
  readonly header: string;
  readonly lines: readonly string[];
}

/**
 * A key any YAML 1.1 reader takes as a string when written plain: it starts with a letter (so it
 * cannot be a number, date, `.inf`, an indicator, a tag or `---`) and holds no space, colon, `#`,
 * quote or flow character; the few words YAML 1.1 reads as booleans or null are excluded below.
 */
const PLAIN_SAFE = /^[A-Za-z][A-Za-z0-9._/+=-]*$/;
/** As a value, also a colon not followed by a space nor last (URLs, `sha256:<hex>`). */
const PLAIN_SAFE_VALUE = /^[A-Za-z][A-Za-z0-9._/+=:-]*(?<!:)$/;
const YAML_11_WORDS = /^(y|yes|n|no|true|false|on|off|null)$/i;
/**
 * As a value, also a digit followed by lower-case letters and digits with some letter other than
 * `b` and `e`, and no `x` (a hex fingerprint): YAML 1.1 reads a digit-first scalar as a number,
 * date or time only when it holds nothing but digits and `_.:+-`, the `b` of `0b`, the `x` of `0x`
 * or the `e` of an exponent. Every SealedSecret carries such a fingerprint.
 */
const DIGIT_FIRST_WORD = /^[0-9][0-9a-wyz]*$/;
const NOT_NUMERIC_LETTER = /[acdf-wyz]/;
const MAX_PLAIN_KEY = 1000;   // longer keys are written as explicit keys (`? key`)

const rendered: Array<Map<unknown, string | BlockScalar>> = [new Map(), new Map(), new Map(), new Map()];
const RENDERED_LIMIT = 10_000;
const YAML_OPTIONS = { keepUndefined: true, lineWidth: 0, version: '1.1' } as const;

function scalar(value: unknown, position: Position): string | BlockScalar {
  if (typeof value === 'string') {
    const safe = position >= VALUE ? PLAIN_SAFE_VALUE.test(value) : PLAIN_SAFE.test(value) && value.length <= MAX_PLAIN_KEY;
    if (safe && !YAML_11_WORDS.test(value)) return value;
    if (position >= VALUE && DIGIT_FIRST_WORD.test(value) && NOT_NUMERIC_LETTER.test(value)) return value;
  } else if (typeof value === 'number') {
    if (Number.isSafeInteger(value) && !Object.is(value, -0)) return String(value);
  } else if (typeof value !== 'boolean' && value !== null) {
    throw UNSUPPORTED;   // undefined, bigint, symbol, function
  }
  const memo = rendered[position];
  let result = memo.get(value);
  if (result === undefined) {
    result = askYaml(value, position);
    if (memo.size >= RENDERED_LIMIT) memo.clear();
    memo.set(value, result);
  }
  return result;
}

/** How `yaml` writes `value` at `position`, read off a one-entry document. */
function askYaml(value: unknown, position: Position): string | BlockScalar {
  const YAML = cdk8sYaml();
  if (position === TOP_KEY || position === KEY) {
    const prefix = position === KEY ? 'a:\n  ' : '';
    const text: string = YAML.stringify(position === KEY ? { a: { [value as string]: null } } : { [value as string]: null }, YAML_OPTIONS);
    const suffix = ': null\n';
    if (!text.startsWith(prefix) || !text.endsWith(suffix)) throw UNSUPPORTED;
    const key = text.slice(prefix.length, -suffix.length);
    if (key.startsWith('? ') || key.includes('\n')) throw UNSUPPORTED;
    return key;
  }
  const prefix = position === VALUE ? 'a: ' : '- ';
  const text: string = YAML.stringify(position === VALUE ? { a: value } : [value], YAML_OPTIONS);
  if (!text.startsWith(prefix) || !text.endsWith('\n')) throw UNSUPPORTED;
  const lines = text.slice(prefix.length, -1).split('\n');
  if (lines.length === 1) return lines[0];
  // Several lines: only a block literal, whose lines `yaml` indents by two here, is covered.
  const [header, ...content] = lines;
  if (!/^\|[-+0-9]*$/.test(header) || content.some(line => line !== '' && !line.startsWith('  '))) throw UNSUPPORTED;
  return { header, lines: content };
}

type YamlPackage = { stringify(value: unknown, options: object): string };

/** The `yaml` package cdk8s itself uses (its own copy when it has one), so both write alike. */
let yamlPackage: YamlPackage | undefined;
function cdk8sYaml(): YamlPackage {
  yamlPackage ??= require(require.resolve('yaml', { paths: [require.resolve('cdk8s')] })) as YamlPackage;
  return yamlPackage;
}
