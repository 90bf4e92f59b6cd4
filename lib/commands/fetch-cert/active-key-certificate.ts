import * as crypto from 'crypto';
import type { V1Secret } from '@kubernetes/client-node';
import { resourcePath, SECRETS } from '../../api/resource-types';
import { KubeApiError, KubeApiReader } from '../cluster/kube-api-reader';
import { listAll } from '../cluster/kube-list';
import { ACTIVE_SEALING_KEY_LABEL, CONTROLLER_LOCATION_HINT, SealedSecretsControllerRef } from '../cluster/sealed-secrets-controller';

/** An active key Secret's certificate and what orders it among the others. */
interface KeyCertificate {
  readonly secretName: string;
  readonly pem: string;
  readonly notBefore: number;
  readonly created: number;
}

/**
 * The certificate the controller seals with, read from its key Secrets instead of asking the
 * controller: of the Secrets labelled sealedsecrets.bitnami.com/sealed-secrets-key=active in
 * the controller's namespace, the one whose certificate is newest by notBefore (the
 * controller's default key order), by creation time when equal. Only tls.crt is read from
 * them; the private keys in the same Secrets are never kept or shown.
 */
export async function fetchActiveKeyCertificate(reader: KubeApiReader, controller: SealedSecretsControllerRef): Promise<string> {
  let secrets: V1Secret[];
  try {
    secrets = await listAll<V1Secret>(reader, resourcePath(SECRETS, controller.namespace), { labelSelector: ACTIVE_SEALING_KEY_LABEL });
  } catch (error) {
    if (error instanceof KubeApiError) {
      const why = error.status === 403 ? 'forbidden: reading the key Secrets needs list access to Secrets there (cluster admins have it)' : error.reason;
      throw new Error(`cannot list the sealing key Secrets in namespace ${controller.namespace} (context "${reader.context}"): ${why}`);
    }
    throw error;
  }
  const certificates = secrets.flatMap((secret) => keyCertificate(secret));
  if (certificates.length === 0) {
    throw new Error(`no active sealing key Secret (label ${ACTIVE_SEALING_KEY_LABEL}, with a tls.crt) in namespace ` +
      `${controller.namespace} (context "${reader.context}"); ${CONTROLLER_LOCATION_HINT}`);
  }
  certificates.sort((a, b) => descending(a.notBefore, b.notBefore) || descending(a.created, b.created) || a.secretName.localeCompare(b.secretName));
  return certificates[0].pem;
}

function keyCertificate(secret: V1Secret): KeyCertificate[] {
  const encoded = secret.data?.['tls.crt'];
  if (!encoded) return [];
  const pem = Buffer.from(encoded, 'base64').toString('utf8');
  let notBefore: number;
  try {
    notBefore = Date.parse(new crypto.X509Certificate(pem).validFrom);
  } catch {
    // Not a certificate: SealingCertificate.fromPem would refuse it anyway; order it last.
    notBefore = Number.NEGATIVE_INFINITY;
  }
  const created = Date.parse(String(secret.metadata?.creationTimestamp ?? '')) || 0;
  return [{ secretName: secret.metadata?.name ?? '', pem, notBefore, created }];
}

function descending(a: number, b: number): number {
  return a > b ? -1 : a < b ? 1 : 0;
}
