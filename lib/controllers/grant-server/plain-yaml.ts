/** What {@link plainYaml} writes: strings, and mappings and sequences of them. */
export type PlainValue = string | readonly PlainValue[] | { readonly [key: string]: PlainValue | undefined };

// A scalar YAML 1.1 and 1.2 both read as this very string when written plain: a letter first (no
// number, no indicator), then only characters with no meaning in YAML. Base64, DNS names and
// API versions all are; anything else is written double-quoted (JSON's escapes are YAML's).
const PLAIN = /^[A-Za-z_][A-Za-z0-9_./+=-]*$/;
// Words YAML 1.1 (Go's yaml.v2, what Skupper's decoder uses) would read as booleans or null.
const RESERVED = /^(y|n|yes|no|on|off|true|false|null)$/i;

const scalar = (value: string): string => (PLAIN.test(value) && !RESERVED.test(value) ? value : JSON.stringify(value));

/**
 * One YAML document in block style, keys sorted and undefined values left out, as Kubernetes'
 * serializer writes it. A general YAML library spent most of a redemption's answer time on
 * these few fixed shapes (bench/redemption).
 */
export function plainYaml(value: { readonly [key: string]: PlainValue | undefined }): string {
  const lines: string[] = [];
  writeMapping(value, '', lines);
  return lines.join('\n') + '\n';
}

/** `first` prefixes the first line (a sequence item's `- `), `indent` the others. */
function writeMapping(value: { readonly [key: string]: PlainValue | undefined }, indent: string, lines: string[], first = indent): void {
  const keys = Object.keys(value).filter((key) => value[key] !== undefined).sort();
  if (keys.length === 0) throw new Error('plainYaml: empty mappings are not written');
  keys.forEach((key, i) => {
    const prefix = i === 0 ? first : indent;
    const item = value[key]!;
    if (typeof item === 'string') {
      lines.push(`${prefix}${scalar(key)}: ${scalar(item)}`);
    } else if (isSequence(item)) {
      lines.push(`${prefix}${scalar(key)}:`);
      writeSequence(item, indent, lines);
    } else {
      lines.push(`${prefix}${scalar(key)}:`);
      writeMapping(item, indent + '  ', lines);
    }
  });
}

/** Items at the key's own indentation, as Kubernetes writes them (`- ` counts as indentation). */
function writeSequence(items: readonly PlainValue[], indent: string, lines: string[]): void {
  if (items.length === 0) throw new Error('plainYaml: empty sequences are not written');
  for (const item of items) {
    if (typeof item === 'string') lines.push(`${indent}- ${scalar(item)}`);
    else if (isSequence(item)) throw new Error('plainYaml: nested sequences are not written');
    else writeMapping(item, indent + '  ', lines, `${indent}- `);
  }
}

function isSequence(value: PlainValue): value is readonly PlainValue[] {
  return Array.isArray(value);
}
