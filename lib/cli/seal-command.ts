import * as path from 'path';
import * as YAML from 'yaml';
import { UsageError } from './usage-error';
import { sealSecretManifest } from '../sealing/sealed-secret-manifest';
import { SealingCertificate } from '../sealing/sealing-certificate';
import { parseSealingScope, SealingScope } from '../sealing/sealing-scope';
import { FlagTable, ParsedFlags, parseFlags, usageText } from './flags';
import type { CliIo } from './cli-io';

const FLAGS = {
  'cert': { kind: 'value', required: true, placeholder: 'FILE', help: 'the sealing certificate (from fetch-cert or kubeseal --fetch-cert)' },
  'namespace': { kind: 'value', required: true, placeholder: 'NS', help: 'the Secret\'s namespace' },
  'name': { kind: 'value', required: true, placeholder: 'NAME', help: 'the Secret\'s name' },
  'scope': { kind: 'value', placeholder: 'strict|namespace-wide|cluster-wide', default: 'strict', help: 'where the SealedSecret may be unsealed' },
  'type': { kind: 'value', placeholder: 'TYPE', help: 'the Secret\'s type' },
  'from-literal': { kind: 'repeatable', placeholder: 'KEY=VALUE', help: 'a key and its value' },
  'from-file': { kind: 'repeatable', placeholder: '[KEY=]PATH', help: 'KEY=PATH, or PATH with the file\'s name as the key' },
} as const satisfies FlagTable;
type ValueFlag = 'cert' | 'namespace' | 'name' | 'scope' | 'type';
type SealFlags = ParsedFlags<typeof FLAGS>;

export const SEAL_USAGE = usageText('seal', FLAGS, [
  'Seals one Secret offline with a sealed-secrets controller certificate (kubeseal --fetch-cert) and',
  'prints the SealedSecret as YAML. Like kubeseal, every run uses fresh random session keys.',
]);

/** `cdk8s-skupper seal ...`: `args` are the arguments after "seal". */
export function runSealCommand(args: string[], io: Pick<CliIo, 'stdout' | 'readFile'>): void {
  const flags = parseFlags(args, FLAGS, SEAL_USAGE);
  if (flags.help) {
    io.stdout(SEAL_USAGE + '\n');
    return;
  }

  const certFile = single(flags, 'cert');
  const namespace = single(flags, 'namespace');
  const name = single(flags, 'name');
  const scope = parseScope(optionalSingle(flags, 'scope') ?? FLAGS.scope.default);
  const type = optionalSingle(flags, 'type');

  const data: Record<string, Uint8Array> = {};
  const add = (key: string, value: Uint8Array, origin: string): void => {
    if (Object.prototype.hasOwnProperty.call(data, key)) {
      throw usageError(`duplicate key ${JSON.stringify(key)} (from ${origin}): each key may be given once`);
    }
    data[key] = value;
  };
  for (const literal of flags.all['from-literal']) {
    const eq = literal.indexOf('=');
    if (eq <= 0) {
      throw usageError(`malformed --from-literal ${JSON.stringify(literal)}: expected KEY=VALUE`);
    }
    add(literal.slice(0, eq), Buffer.from(literal.slice(eq + 1), 'utf8'), `--from-literal ${literal.slice(0, eq)}`);
  }
  for (const source of flags.all['from-file']) {
    // Like kubectl: "KEY=PATH", or just "PATH" with the file's base name as the key.
    const eq = source.indexOf('=');
    if (eq === 0 || eq === source.length - 1) {
      throw usageError(`malformed --from-file ${JSON.stringify(source)}: expected KEY=PATH or PATH`);
    }
    const [key, file] = eq > 0 ? [source.slice(0, eq), source.slice(eq + 1)] : [path.basename(source), source];
    add(key, readFile(io, file, '--from-file'), `--from-file ${source}`);
  }
  if (Object.keys(data).length === 0) {
    throw usageError('no data to seal: give at least one --from-literal KEY=VALUE or --from-file [KEY=]PATH');
  }

  const certificate = SealingCertificate.fromPem(readFile(io, certFile, '--cert').toString('utf8'), certFile);
  const manifest = sealSecretManifest({ certificate, name, namespace, scope, type, data });
  io.stdout(YAML.stringify(manifest, { lineWidth: 0 }));
}

/** A flag that may be given once (a repeat is more likely a mistake than an override here). */
function optionalSingle(flags: SealFlags, flag: ValueFlag): string | undefined {
  const list = flags.all[flag];
  if (list.length > 1) {
    throw usageError(`--${flag} given ${list.length} times: expected it once`);
  }
  return list[0];
}

/** A required flag (parseFlags has refused its absence), given once. */
function single(flags: SealFlags, flag: ValueFlag): string {
  return optionalSingle(flags, flag)!;
}

function readFile(io: Pick<CliIo, 'stdout' | 'readFile'>, file: string, flag: string): Buffer {
  try {
    return io.readFile(file);
  } catch (error) {
    throw new Error(`cannot read ${flag} file ${file}: ${(error as Error).message}`);
  }
}

function parseScope(value: string): SealingScope {
  try {
    return parseSealingScope(value);
  } catch (error) {
    throw usageError(`--scope: ${(error as Error).message}`);
  }
}

/** Bad arguments: the CLI exits 2 for them, like every command. */
function usageError(message: string): UsageError {
  return new UsageError(`${message}\n${SEAL_USAGE}`);
}
