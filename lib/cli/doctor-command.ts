import { checkSummary, DOCTOR_EXIT, doctorExitCode, renderCheckResults } from '../operator/doctor-check';
import { runDoctorChecks } from '../operator/doctor';
import { KubeConfigApiReader } from '../operator/kube-api-reader';
import { ContextConfig, loadContexts } from '../operator/kube-contexts';
import { parseOperatorFlags } from '../operator/operator-flags';
import { DEFAULT_SEALED_SECRETS_CONTROLLER, SealedSecretsControllerRef } from '../operator/sealed-secrets-controller';
import { Handshake, tlsHandshake } from '../operator/tls-handshake';
import { dnsLabelFlag, UsageError } from '../operator/usage-error';
import type { CliIo } from './cli-io';

export const DOCTOR_USAGE = [
  'usage: cdk8s-skupper doctor [--kubeconfig FILE] [--context NAME]... [-n NS]',
  '                            [--controller-name NAME] [--controller-namespace NS]',
  '',
  'Checks each context (--context may be repeated; default: the current context) for what linking',
  'needs, one line per check (OK, WARN or FAIL, with a hint): the API server; the Skupper CRDs and',
  'a Deployment like the stock Skupper controller (WARN when none is found: it cannot be known for',
  'sure); the SealedSecret CRD and the sealed-secrets controller (--controller-name, default',
  'sealed-secrets-controller, in --controller-namespace, default kube-system); the LinkGrant and',
  'LinkToken CRDs; a TLS 1.3 handshake with the grant server of each LinkGrant with a status.url;',
  'and for each LinkToken a TLS 1.3 handshake with its spec.url trusting only its spec.ca (the',
  'reachability the redeemer needs, tested from where doctor runs). --namespace/-n limits the last',
  'two to one namespace.',
  '',
  'Exit codes: 0 no check failed (warnings allowed), 1 a check failed, 2 bad arguments.',
].join('\n');

interface DoctorArgs {
  readonly contexts: readonly ContextConfig[];
  readonly namespace?: string;
  readonly controller: SealedSecretsControllerRef;
}

/** `cdk8s-skupper doctor ...`: `args` are the arguments after "doctor". Resolves to the exit code. */
export async function runDoctorCommand(args: string[], io: Pick<CliIo, 'stdout' | 'stderr'>, handshake: Handshake = tlsHandshake): Promise<number> {
  let parsed: DoctorArgs | 'help';
  try {
    parsed = parseDoctorArgs(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`cdk8s-skupper doctor: ${error.message}\n`);
    return DOCTOR_EXIT.usage;
  }
  if (parsed === 'help') {
    io.stdout(DOCTOR_USAGE + '\n');
    return 0;
  }
  const { namespace, controller } = parsed;
  const perContext = await Promise.all(parsed.contexts.map((context) =>
    runDoctorChecks(new KubeConfigApiReader(context.name, context.kubeConfig), { sealedSecretsController: controller, namespace, handshake })));
  const results = perContext.flat();
  io.stdout(renderCheckResults(results));
  io.stdout(`${checkSummary(results)}\n`);
  return doctorExitCode(results);
}

function parseDoctorArgs(args: string[]): DoctorArgs | 'help' {
  const flags = parseOperatorFlags(args, {
    values: ['--kubeconfig', '--namespace', '--controller-name', '--controller-namespace'],
    repeatable: ['--context'],
    aliases: { '-n': '--namespace' },
  }, DOCTOR_USAGE);
  if (flags.help) return 'help';
  const namespaceFlag = flags.values.get('--namespace');
  // The flags' values first: a bad value is named even where no kubeconfig can be loaded.
  const namespace = namespaceFlag === undefined ? undefined : dnsLabelFlag('--namespace', namespaceFlag);
  const controller = {
    name: dnsLabelFlag('--controller-name', flags.values.get('--controller-name') ?? DEFAULT_SEALED_SECRETS_CONTROLLER.name),
    namespace: dnsLabelFlag('--controller-namespace', flags.values.get('--controller-namespace') ?? DEFAULT_SEALED_SECRETS_CONTROLLER.namespace),
  };
  return { contexts: loadContexts(flags.values.get('--kubeconfig'), flags.lists.get('--context') ?? []), namespace, controller };
}
