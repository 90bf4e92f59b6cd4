import { fetchCert, FetchCertOptions } from '../commands/fetch-cert/fetch-cert';
import type { CliIo } from './cli-io';
import { CONTROLLER_NAME_FLAG, CONTROLLER_NAMESPACE_FLAG, KUBECONFIG_FLAG } from './common-flags';
import { FlagTable, parseFlags, usageText } from './flags';
import { contextsFromFlags } from './kube-contexts';
import { dnsLabelFlag, UsageError } from './usage-error';

const FLAGS = {
  'kubeconfig': KUBECONFIG_FLAG,
  'context': { kind: 'value', placeholder: 'NAME', help: 'the kubeconfig context (default: the current context)' },
  'controller-name': CONTROLLER_NAME_FLAG,
  'controller-namespace': CONTROLLER_NAMESPACE_FLAG,
  'from-key-secret': { kind: 'boolean', help: 'read the certificate from the newest active sealing key Secret' },
  'output': { kind: 'value', short: 'o', placeholder: 'FILE', help: 'write the certificate to FILE (default: stdout)' },
} as const satisfies FlagTable;

export const FETCH_CERT_USAGE = usageText('fetch-cert', FLAGS, [
  'Prints the sealing certificate (PEM) of the cluster\'s sealed-secrets controller, as',
  '`kubeseal --fetch-cert` does: GET /v1/cert.pem from the controller through the API server\'s',
  'service proxy (the Service --controller-name in --controller-namespace), with the kubeconfig\'s',
  'credentials. --from-key-secret reads it from the newest active key Secret in that namespace instead',
  '(label sealedsecrets.bitnami.com/sealed-secrets-key=active; needs read access to Secrets there).',
  'The certificate must be an unexpired RSA certificate. -o writes it to FILE instead of stdout,',
  'e.g. apps/certs/<cluster>.pem.',
]);

/**
 * `cdk8s-skupper fetch-cert ...`: `args` are the arguments after "fetch-cert". Resolves 0 when
 * the certificate was printed or written, 2 for bad arguments; rejects (exit code 1) with a
 * message saying what to try when it cannot be fetched or is not a usable certificate.
 */
export async function runFetchCertCommand(args: string[], io: Pick<CliIo, 'stdout' | 'stderr'>): Promise<number> {
  let options: FetchCertOptions | 'help';
  try {
    options = parseFetchCertArgs(args);
  } catch (error) {
    io.stderr(`cdk8s-skupper fetch-cert: ${(error as Error).message}\n`);
    return error instanceof UsageError ? 2 : 1;
  }
  if (options === 'help') {
    io.stdout(FETCH_CERT_USAGE + '\n');
    return 0;
  }
  await fetchCert(options, io);
  return 0;
}

function parseFetchCertArgs(args: string[]): FetchCertOptions | 'help' {
  const flags = parseFlags(args, FLAGS, FETCH_CERT_USAGE);
  if (flags.help) return 'help';
  const controller = {
    name: dnsLabelFlag('--controller-name', flags.value('controller-name')!),
    namespace: dnsLabelFlag('--controller-namespace', flags.value('controller-namespace')!),
  };
  const context = flags.value('context');
  const [selected] = contextsFromFlags(flags.value('kubeconfig'), context === undefined ? [] : [context]);
  return { context: selected, controller, fromKeySecret: flags.given('from-key-secret'), output: flags.value('output') };
}
