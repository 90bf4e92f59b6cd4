import * as fs from 'fs';
import { fetchActiveKeyCertificate } from '../operator/active-key-certificate';
import { KubeConfigApiReader } from '../operator/kube-api-reader';
import { loadContexts } from '../operator/kube-contexts';
import { parseOperatorFlags } from '../operator/operator-flags';
import { DEFAULT_SEALED_SECRETS_CONTROLLER, SealedSecretsControllerRef } from '../operator/sealed-secrets-controller';
import { fetchCertificateThroughServiceProxy } from '../operator/service-proxy-certificate';
import { dnsLabelFlag, UsageError } from '../operator/usage-error';
import { SealingCertificate } from '../sealing/sealing-certificate';
import type { CliIo } from './cli-io';

export const FETCH_CERT_USAGE = [
  'usage: cdk8s-skupper fetch-cert [--kubeconfig FILE] [--context NAME] [--controller-name NAME]',
  '                                [--controller-namespace NS] [--from-key-secret] [-o FILE]',
  '',
  'Prints the sealing certificate (PEM) of the cluster\'s sealed-secrets controller, as',
  '`kubeseal --fetch-cert` does: GET /v1/cert.pem from the controller through the API server\'s',
  'service proxy (the Service --controller-name, default sealed-secrets-controller, in',
  '--controller-namespace, default kube-system), with the kubeconfig\'s credentials.',
  '--from-key-secret reads it from the newest active key Secret in that namespace instead',
  '(label sealedsecrets.bitnami.com/sealed-secrets-key=active; needs read access to Secrets there).',
  'The certificate must be an unexpired RSA certificate. -o writes it to FILE instead of stdout,',
  'e.g. apps/certs/<cluster>.pem. The kubeconfig defaults to KUBECONFIG or ~/.kube/config.',
].join('\n');

/**
 * `cdk8s-skupper fetch-cert ...`: `args` are the arguments after "fetch-cert". Resolves 0 when
 * the certificate was printed or written, 2 for bad arguments; rejects (exit code 1) with a
 * message saying what to try when it cannot be fetched or is not a usable certificate.
 */
export async function runFetchCertCommand(args: string[], io: Pick<CliIo, 'stdout' | 'stderr'>): Promise<number> {
  let flags;
  let controller: SealedSecretsControllerRef;
  let reader: KubeConfigApiReader;
  try {
    flags = parseOperatorFlags(args, {
      values: ['--kubeconfig', '--context', '--controller-name', '--controller-namespace', '--output'],
      booleans: ['--from-key-secret'],
      aliases: { '-o': '--output' },
    }, FETCH_CERT_USAGE);
    if (flags.help) {
      io.stdout(FETCH_CERT_USAGE + '\n');
      return 0;
    }
    controller = {
      name: dnsLabelFlag('--controller-name', flags.values.get('--controller-name') ?? DEFAULT_SEALED_SECRETS_CONTROLLER.name),
      namespace: dnsLabelFlag('--controller-namespace', flags.values.get('--controller-namespace') ?? DEFAULT_SEALED_SECRETS_CONTROLLER.namespace),
    };
    const context = flags.values.get('--context');
    const [selected] = loadContexts(flags.values.get('--kubeconfig'), context === undefined ? [] : [context]);
    reader = new KubeConfigApiReader(selected.name, selected.kubeConfig);
  } catch (error) {
    io.stderr(`cdk8s-skupper fetch-cert: ${(error as Error).message}\n`);
    return error instanceof UsageError ? 2 : 1;
  }

  const fromKeySecret = flags.booleans.has('--from-key-secret');
  const pem = fromKeySecret
    ? await fetchActiveKeyCertificate(reader, controller)
    : await fetchCertificateThroughServiceProxy(reader, controller);
  const source = fromKeySecret
    ? `the active sealing key Secret in namespace ${controller.namespace} (context "${reader.context}")`
    : `the certificate served by ${controller.name} in namespace ${controller.namespace} (context "${reader.context}")`;
  // Refuses what kubeseal would refuse to seal with (not a certificate, not RSA, expired).
  SealingCertificate.fromPem(pem, source);

  const text = pem.endsWith('\n') ? pem : pem + '\n';
  const output = flags.values.get('--output');
  if (output === undefined || output === '-') {
    io.stdout(text);
  } else {
    fs.writeFileSync(output, text);
    io.stderr(`wrote the sealing certificate of context "${reader.context}" to ${output}\n`);
  }
  return 0;
}
