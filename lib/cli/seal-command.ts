import * as path from 'path';
import * as YAML from 'yaml';
import { UsageError } from '../operator/usage-error';
import { sealSecretManifest } from '../sealing/sealed-secret-manifest';
import { SealingCertificate } from '../sealing/sealing-certificate';
import { parseSealingScope, SealingScope } from '../sealing/sealing-scope';
import { CommandFlags, parseCommandFlags } from './command-flags';
import type { CliIo } from './cli-io';

export const SEAL_USAGE = [
  'usage: cdk8s-skupper seal --cert FILE --namespace NS --name NAME [--scope strict|namespace-wide|cluster-wide]',
  '                          [--type TYPE] [--from-literal KEY=VALUE]... [--from-file [KEY=]PATH]...',
  '',
  'Seals one Secret offline with a sealed-secrets controller certificate (kubeseal --fetch-cert) and',
  'prints the SealedSecret as YAML. Like kubeseal, every run uses fresh random session keys.',
].join('\n');

const VALUE_FLAGS = ['--cert', '--namespace', '--name', '--scope', '--type', '--from-literal', '--from-file'] as const;
type ValueFlag = typeof VALUE_FLAGS[number];

/** `cdk8s-skupper seal ...`: `args` are the arguments after "seal". */
export function runSealCommand(args: string[], io: Pick<CliIo, 'stdout' | 'readFile'>): void {
  const flags = parseFlags(args);
  if (flags.help) {
    io.stdout(SEAL_USAGE + '\n');
    return;
  }

  const certFile = single(flags, '--cert');
  const namespace = single(flags, '--namespace');
  const name = single(flags, '--name');
  const scopeName = optionalSingle(flags, '--scope');
  const scope = scopeName === undefined ? SealingScope.STRICT : parseScope(scopeName);
  const type = optionalSingle(flags, '--type');

  const data: Record<string, Uint8Array> = {};
  const add = (key: string, value: Uint8Array, origin: string): void => {
    if (Object.prototype.hasOwnProperty.call(data, key)) {
      throw usageError(`duplicate key ${JSON.stringify(key)} (from ${origin}): each key may be given once`);
    }
    data[key] = value;
  };
  for (const literal of flags.all.get('--from-literal') ?? []) {
    const eq = literal.indexOf('=');
    if (eq <= 0) {
      throw usageError(`malformed --from-literal ${JSON.stringify(literal)}: expected KEY=VALUE`);
    }
    add(literal.slice(0, eq), Buffer.from(literal.slice(eq + 1), 'utf8'), `--from-literal ${literal.slice(0, eq)}`);
  }
  for (const source of flags.all.get('--from-file') ?? []) {
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

function parseFlags(args: string[]): CommandFlags {
  let flags: CommandFlags;
  try {
    flags = parseCommandFlags(args, VALUE_FLAGS, SEAL_USAGE);
  } catch (error) {
    throw usageError((error as Error).message.split('\n')[0]);
  }
  if (flags.positional.length > 0) {
    throw usageError(`unknown argument ${JSON.stringify(flags.positional[0])}`);
  }
  return flags;
}

function optionalSingle(flags: CommandFlags, flag: ValueFlag): string | undefined {
  const list = flags.all.get(flag) ?? [];
  if (list.length > 1) {
    throw usageError(`${flag} given ${list.length} times: expected it once`);
  }
  if (list.length === 1 && list[0] === '') {
    throw usageError(`${flag} needs a non-empty value`);
  }
  return list[0];
}

function single(flags: CommandFlags, flag: ValueFlag): string {
  const value = optionalSingle(flags, flag);
  if (value === undefined) {
    throw usageError(`missing ${flag}`);
  }
  return value;
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
