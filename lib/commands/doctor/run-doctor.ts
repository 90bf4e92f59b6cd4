import type { ContextConfig } from '../../kube-client/kube-config';
import { KubeConfigApiReader } from '../cluster/kube-api-reader';
import type { SealedSecretsControllerRef } from '../cluster/sealed-secrets-controller';
import { Handshake, tlsHandshake } from '../cluster/tls-handshake';
import type { CommandOutput } from '../command-output';
import { runDoctorChecks } from './doctor';
import { checkSummary, doctorExitCode, renderCheckResults } from './doctor-check';

/** What `doctor` checks. */
export interface DoctorOptions {
  readonly contexts: readonly ContextConfig[];
  /** Limits the grant server and token checks to one namespace. */
  readonly namespace?: string;
  readonly controller: SealedSecretsControllerRef;
  /** How TLS reachability is tested. @default tlsHandshake */
  readonly handshake?: Handshake;
}

/** Checks each context, prints one line per check and a summary; resolves to the exit code (DOCTOR_EXIT). */
export async function runDoctor(options: DoctorOptions, out: CommandOutput): Promise<number> {
  const { namespace, controller, handshake = tlsHandshake } = options;
  const perContext = await Promise.all(options.contexts.map((context) =>
    runDoctorChecks(new KubeConfigApiReader(context.name, context.kubeConfig), { sealedSecretsController: controller, namespace, handshake })));
  const results = perContext.flat();
  out.stdout(renderCheckResults(results));
  out.stdout(`${checkSummary(results)}\n`);
  return doctorExitCode(results);
}
