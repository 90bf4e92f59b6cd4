import * as crypto from 'crypto';
import { openssl } from '../../pki/pki-test-support';
import type { LinkGrant, LinkGrantStatus } from '../../../../lib/api/link-grant';
import type { Secret } from '../../../../lib/controllers/machinery/secret';
import type { SkupperSite } from '../../../../lib/api/skupper';

/** A site CA like Skupper's skupper-site-ca: self-signed RSA, PKCS#1 key, CN "<site> site CA". */
export function siteCa(site = 'west'): { certificatePem: string; privateKeyPem: string; secret: Secret } {
  const privateKeyPem = crypto.generateKeyPairSync('rsa', {
    modulusLength: 2048, privateKeyEncoding: { type: 'pkcs1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' },
  }).privateKey;
  const certificatePem = openssl(['req', '-x509', '-new', '-key', 'ca.key', '-subj', `/CN=${site} site CA`, '-days', '3650', '-sha256',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'], { 'ca.key': privateKeyPem });
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  return {
    certificatePem, privateKeyPem,
    secret: { metadata: { name: 'skupper-site-ca', namespace: 'west' }, type: 'kubernetes.io/tls',
      data: { 'tls.crt': b64(certificatePem), 'tls.key': b64(privateKeyPem), 'ca.crt': b64(certificatePem) } },
  };
}

export function codeSecret(name: string, code: string): Secret {
  return { metadata: { name, namespace: 'west' }, data: { code: Buffer.from(code).toString('base64') } };
}

export function linkGrant(name: string, spec: Partial<LinkGrant['spec']> = {}, status?: LinkGrantStatus, resourceVersion = '1'): LinkGrant {
  return {
    apiVersion: 'cdk8s-skupper.io/v1alpha1', kind: 'LinkGrant',
    metadata: { name, namespace: 'west', uid: `uid-${name}`, resourceVersion, generation: 1 },
    spec: { redemptionsAllowed: 1, expirationWindow: '15m', codeSecretRef: { name: `${name}-code`, key: 'code' }, issuer: 'skupper-site-ca', ...spec },
    status,
  };
}

export const ENDPOINTS = [
  { name: 'inter-router', host: '10.0.0.7', port: '55671', group: 'skupper-router' },
  { name: 'edge', host: '10.0.0.7', port: '45671', group: 'skupper-router' },
];

export function site(endpoints = ENDPOINTS, spec: SkupperSite['spec'] = {}): SkupperSite {
  return { apiVersion: 'skupper.io/v2alpha1', kind: 'Site', metadata: { name: 'west', namespace: 'west' }, spec, status: { endpoints } };
}
