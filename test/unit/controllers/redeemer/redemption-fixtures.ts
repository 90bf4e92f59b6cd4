// Material for redeemer tests: a throwaway grant server PKI and answers shaped exactly like the
// ones Skupper's grant server writes (Kubernetes' YAML serializer), to be bent per test.
import * as YAML from 'yaml';
import { CertificateAuthority, issueClientCertificate } from '../../../../lib/pki/client-certificate';
import { createGrantServerCertificates, GrantServerCertificates } from '../../../../lib/pki/grant-server-certificates';
import { rsaPrivateKeyToPem } from '../../../../lib/pki/pem';
import { nativeRsaKeyPair } from '../../pki/pki-test-support';

/** A grant server's TLS material for `host`, plus a CA that signs link client certificates. */
export interface ThrowawayPki {
  readonly server: GrantServerCertificates;
  /** The CA the Links' client certificates are issued by (a site's skupper-site-ca). */
  readonly siteCa: CertificateAuthority;
}

export function throwawayPki(host = '127.0.0.1'): ThrowawayPki {
  const caKey = nativeRsaKeyPair();
  const validFrom = new Date(Date.now() - 24 * 60 * 60 * 1000);
  const server = createGrantServerCertificates({
    caKey, serverKey: nativeRsaKeyPair(), serialSeed: Buffer.from(`throwaway ${host} ${Math.random()}`), host, validFrom, validityDays: 2,
  });
  return { server, siteCa: { certificatePem: server.caCertificatePem, privateKeyPem: rsaPrivateKeyToPem(caKey.privateKey) } };
}

/** A Link endpoint as the Site's status.endpoints lists it. */
export const ENDPOINT = { group: 'skupper-router', host: '127.0.0.2', name: 'inter-router', port: '55671' };

export type Document = Record<string, any>;

/**
 * The documents of a grant server's answer for `name`: a kubernetes.io/tls Secret with a freshly
 * issued client certificate (CN = subject), then one Link per group (`name`, or `name-1`, ...).
 */
export function answerDocuments(siteCa: CertificateAuthority, name: string, subject: string, groups: number = 1): Document[] {
  const certificate = issueClientCertificate({ ca: siteCa, subject, hosts: [ENDPOINT.host] });
  const base64 = (pem: string): string => Buffer.from(pem).toString('base64');
  const secret = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { creationTimestamp: null, name },
    type: 'kubernetes.io/tls',
    data: { 'ca.crt': base64(certificate.caCertificatePem), 'tls.crt': base64(certificate.certificatePem), 'tls.key': base64(certificate.privateKeyPem) },
  };
  const links = Array.from({ length: groups }, (_, i) => ({
    apiVersion: 'skupper.io/v2alpha1',
    kind: 'Link',
    metadata: { creationTimestamp: null, name: groups === 1 ? name : `${name}-${i + 1}` },
    spec: { endpoints: [{ ...ENDPOINT, group: i === 0 ? 'skupper-router' : `skupper-router-${i + 1}` }], tlsCredentials: name },
    status: {},
  }));
  return [secret, ...links];
}

/** Documents as Skupper writes them: each after `---`, keys sorted. */
export function renderAnswer(documents: readonly Document[]): string {
  return documents.map(doc => '---\n' + YAML.stringify(doc, { sortMapEntries: true, lineWidth: 0 })).join('');
}
