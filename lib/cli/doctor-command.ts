import type { Handshake } from '../commands/cluster/tls-handshake';
import { DOCTOR_EXIT } from '../commands/doctor/doctor-check';
import { DoctorOptions, runDoctor } from '../commands/doctor/run-doctor';
import type { CliIo } from './cli-io';
import { CONTROLLER_NAME_FLAG, CONTROLLER_NAMESPACE_FLAG, KUBECONFIG_FLAG } from './common-flags';
import { FlagTable, parseFlags, usageText } from './flags';
import { contextsFromFlags } from './kube-contexts';
import { dnsLabelFlag, UsageError } from './usage-error';

const FLAGS = {
  'kubeconfig': KUBECONFIG_FLAG,
  'context': { kind: 'repeatable', placeholder: 'NAME', help: 'a kubeconfig context; default: the current context' },
  'namespace': { kind: 'value', short: 'n', placeholder: 'NS', help: 'check the grant servers and tokens of this namespace only' },
  'controller-name': CONTROLLER_NAME_FLAG,
  'controller-namespace': CONTROLLER_NAMESPACE_FLAG,
} as const satisfies FlagTable;

export const DOCTOR_USAGE = usageText('doctor', FLAGS, [
  'Checks each context (--context may be repeated; default: the current context) for what linking',
  'needs, one line per check (OK, WARN or FAIL, with a hint): the API server; the Skupper CRDs and',
  'a Deployment like the stock Skupper controller (WARN when none is found: it cannot be known for',
  'sure); the SealedSecret CRD and the sealed-secrets controller (--controller-name in',
  '--controller-namespace); the LinkGrant and LinkToken CRDs; a TLS 1.3 handshake with the grant',
  'server of each LinkGrant with a status.url; and for each LinkToken a TLS 1.3 handshake with its',
  'spec.url trusting only its spec.ca (the reachability the redeemer needs, tested from where doctor',
  'runs). --namespace/-n limits the last two to one namespace.',
], { after: ['Exit codes: 0 no check failed (warnings allowed), 1 a check failed, 2 bad arguments.'] });

/** `cdk8s-skupper doctor ...`: `args` are the arguments after "doctor". Resolves to the exit code. */
export async function runDoctorCommand(args: string[], io: Pick<CliIo, 'stdout' | 'stderr'>, handshake?: Handshake): Promise<number> {
  let options: DoctorOptions | 'help';
  try {
    options = parseDoctorArgs(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`cdk8s-skupper doctor: ${error.message}\n`);
    return DOCTOR_EXIT.usage;
  }
  if (options === 'help') {
    io.stdout(DOCTOR_USAGE + '\n');
    return 0;
  }
  return runDoctor({ ...options, handshake }, io);
}

function parseDoctorArgs(args: string[]): DoctorOptions | 'help' {
  const flags = parseFlags(args, FLAGS, DOCTOR_USAGE);
  if (flags.help) return 'help';
  const namespace = flags.value('namespace');
  // The flags' values first: a bad value is named even where no kubeconfig can be loaded.
  const checkedNamespace = namespace === undefined ? undefined : dnsLabelFlag('--namespace', namespace);
  const controller = {
    name: dnsLabelFlag('--controller-name', flags.value('controller-name')!),
    namespace: dnsLabelFlag('--controller-namespace', flags.value('controller-namespace')!),
  };
  return { contexts: contextsFromFlags(flags.value('kubeconfig'), flags.all.context), namespace: checkedNamespace, controller };
}
