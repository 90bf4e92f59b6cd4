import * as fs from 'fs';
import type { ContextConfig } from '../../kube-client/kube-config';
import { SealingCertificate } from '../../sealing/sealing-certificate';
import { KubeConfigApiReader } from '../cluster/kube-api-reader';
import type { SealedSecretsControllerRef } from '../cluster/sealed-secrets-controller';
import type { CommandOutput } from '../command-output';
import { fetchActiveKeyCertificate } from './active-key-certificate';
import { fetchCertificateThroughServiceProxy } from './service-proxy-certificate';

/** Where `fetch-cert` gets the sealing certificate and where it puts it. */
export interface FetchCertOptions {
  readonly context: ContextConfig;
  readonly controller: SealedSecretsControllerRef;
  /** Read it from the active sealing key Secret instead of the controller's /v1/cert.pem. */
  readonly fromKeySecret: boolean;
  /** A file to write; stdout when undefined or '-'. */
  readonly output?: string;
}

/**
 * Prints or writes the sealing certificate; rejects with a message saying what to try when it
 * cannot be fetched or is not a usable certificate.
 */
export async function fetchCert(options: FetchCertOptions, out: CommandOutput): Promise<void> {
  const { controller, fromKeySecret, output } = options;
  const reader = new KubeConfigApiReader(options.context.name, options.context.kubeConfig);
  const pem = fromKeySecret
    ? await fetchActiveKeyCertificate(reader, controller)
    : await fetchCertificateThroughServiceProxy(reader, controller);
  const source = fromKeySecret
    ? `the active sealing key Secret in namespace ${controller.namespace} (context "${reader.context}")`
    : `the certificate served by ${controller.name} in namespace ${controller.namespace} (context "${reader.context}")`;
  // Refuses what kubeseal would refuse to seal with (not a certificate, not RSA, expired).
  SealingCertificate.fromPem(pem, source);

  const text = pem.endsWith('\n') ? pem : pem + '\n';
  if (output === undefined || output === '-') {
    out.stdout(text);
  } else {
    fs.writeFileSync(output, text);
    out.stderr(`wrote the sealing certificate of context "${reader.context}" to ${output}\n`);
  }
}
