import { fetchCert, FetchCertOptions } from '../commands/fetch-cert/fetch-cert';
import type { CliIo } from './cli-io';
import { CONTROLLER_NAME_FLAG, CONTROLLER_NAMESPACE_FLAG, KUBECONFIG_FLAG } from './common-flags';
import { FlagTable, parseFlags, usageText } from './flags';
import { contextsFromFlags } from './kube-contexts';
import { dnsLabelFlag } from './usage-error';

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
 * the certificate was printed or written; rejects with a UsageError for bad arguments (exit code 2),
 * and with a message saying what to try when it cannot be fetched or is not a usable certificate
 * (exit code 1).
 */
export async function runFetchCertCommand(args: string[], io: Pick<CliIo, 'stdout' | 'stderr'>): Promise<number> {
  // A UsageError (exit 2) or any other error (exit 1) is printed by main, as for every command.
  const options = parseFetchCertArgs(args);
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
