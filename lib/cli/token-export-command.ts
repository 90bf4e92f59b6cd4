import { CoreV1Api, CustomObjectsApi } from '@kubernetes/client-node';
import { loadContexts } from '../operator/kube-contexts';
import { UsageError } from '../operator/usage-error';
import { LINK_TOKENS } from '../runtime/resource-types';
import { accessTokenDocument, renderAccessToken } from '../runtime/redeemer/access-token-document';
import { parseCommandFlags } from './command-flags';
import { describeError } from '../runtime/describe-error';
import { apiStatusCode } from '../runtime/redeemer/kube-errors';
import { DEFAULT_CODE_KEY, LinkToken } from '../runtime/redeemer/resources';
import type { CliIo } from './cli-io';

export const TOKEN_EXPORT_USAGE = [
  'usage: cdk8s-skupper token export --namespace NS [--kubeconfig FILE] NAME',
  '',
  'Prints the LinkToken NAME as a stock Skupper AccessToken (YAML), with the code read from its',
  'Secret, for `kubectl apply` on a site run by the Skupper controller alone. The output holds',
  'the secret code: keep it out of git and logs. The kubeconfig defaults to KUBECONFIG or ~/.kube/config.',
].join('\n');

export const TOKEN_USAGE = [
  'usage: cdk8s-skupper token <subcommand> [arguments]',
  '',
  'subcommands:',
  '  export  print a LinkToken as a stock Skupper AccessToken',
].join('\n');

/** `cdk8s-skupper token <subcommand> ...`: `args` are the arguments after "token". */
export function runTokenCommand(args: string[], io: Pick<CliIo, 'stdout'>): Promise<number> {
  const [subcommand, ...rest] = args;
  if (subcommand === 'export') {
    return runTokenExportCommand(rest, io);
  }
  if (subcommand === '--help' || subcommand === '-h') {
    io.stdout(TOKEN_USAGE + '\n');
    return Promise.resolve(0);
  }
  return Promise.reject(new UsageError(`${subcommand === undefined ? 'missing subcommand' : `unknown subcommand ${JSON.stringify(subcommand)}`}\n${TOKEN_USAGE}`));
}

/**
 * `cdk8s-skupper token export ...`: `args` are the arguments after "export". The one place the
 * code is printed, on purpose, to stdout only. Resolves 0; rejects with a message naming what is
 * missing, a UsageError (exit code 2) for bad arguments or an unusable kubeconfig.
 */
export async function runTokenExportCommand(args: string[], io: Pick<CliIo, 'stdout'>): Promise<number> {
  let flags;
  try {
    flags = parseCommandFlags(args, ['--namespace', '--kubeconfig'], TOKEN_EXPORT_USAGE);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (flags.help) {
    io.stdout(TOKEN_EXPORT_USAGE + '\n');
    return 0;
  }
  if (flags.positional.length !== 1) {
    throw new UsageError(`expected exactly one LinkToken name, got ${flags.positional.length}\n${TOKEN_EXPORT_USAGE}`);
  }
  const name = flags.positional[0];
  // As status and doctor load it: a missing or unreadable kubeconfig is named, with where it was looked for.
  const [{ kubeConfig }] = loadContexts(flags.values.get('--kubeconfig'), []);
  const namespace = flags.values.get('--namespace') ?? kubeConfig.getContextObject(kubeConfig.getCurrentContext())?.namespace;
  if (!namespace) {
    throw new UsageError(`missing --namespace\n${TOKEN_EXPORT_USAGE}`);
  }

  const token = await readOrExplain(
    kubeConfig.makeApiClient(CustomObjectsApi).getNamespacedCustomObject({
      group: LINK_TOKENS.group, version: LINK_TOKENS.version, plural: LINK_TOKENS.plural, namespace, name,
    }) as Promise<LinkToken>,
    `LinkToken ${name} not found in namespace ${namespace}`,
    `cannot read LinkToken ${name} in namespace ${namespace}`,
  );
  const ref = token.spec.codeSecretRef;
  const key = ref.key ?? DEFAULT_CODE_KEY;
  const secret = await readOrExplain(
    kubeConfig.makeApiClient(CoreV1Api).readNamespacedSecret({ name: ref.name, namespace }),
    `Secret ${ref.name} holding the code of LinkToken ${name} not found in namespace ${namespace} (is its SealedSecret unsealed yet?)`,
    `cannot read Secret ${ref.name} holding the code of LinkToken ${name}`,
  );
  const value = secret.data?.[key];
  if (!value) {
    throw new Error(`Secret ${ref.name} has no key ${key} holding the code of LinkToken ${name}`);
  }
  io.stdout(renderAccessToken(accessTokenDocument(token, Buffer.from(value, 'base64').toString('utf8'))));
  return 0;
}

async function readOrExplain<T>(call: Promise<T>, notFound: string, failed: string): Promise<T> {
  try {
    return await call;
  } catch (error) {
    throw new Error(apiStatusCode(error) === 404 ? notFound : `${failed}: ${describeError(error)}`);
  }
}
