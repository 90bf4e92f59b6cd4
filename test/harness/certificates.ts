import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { runCommand } from './run-command';

/** PKI of one test cluster: files in `<clusterDir>/pki/`. */
export interface ClusterPki {
  readonly caCert: string;
  readonly caKey: string;
  /** Serving certificate of kube-apiserver (SANs 127.0.0.1, localhost and the in-cluster names). */
  readonly servingCert: string;
  readonly servingKey: string;
  /** Client certificate CN=admin, O=system:masters (bypasses RBAC). */
  readonly adminCert: string;
  readonly adminKey: string;
  /** Client certificate CN=system:kube-controller-manager (bound to its bootstrap ClusterRole). */
  readonly controllerManagerCert: string;
  readonly controllerManagerKey: string;
  /** Key that signs and verifies ServiceAccount tokens. */
  readonly serviceAccountKey: string;
  /** Serving certificate of Skupper's own grant server (SAN 127.0.0.1 as IP and DNS name). */
  readonly skupperGrantServerCert: string;
  readonly skupperGrantServerKey: string;
}

/**
 * Makes a fresh CA per cluster with openssl (like the reference recipe), so each cluster trusts
 * only its own certificates and tokens, as two real clusters would.
 */
export async function createClusterPki(clusterDir: string, clusterName: string): Promise<ClusterPki> {
  const dir = path.join(clusterDir, 'pki');
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = (name: string): string => path.join(dir, name);
  const pki: ClusterPki = {
    caCert: file('ca.crt'),
    caKey: file('ca.key'),
    servingCert: file('serving.crt'),
    servingKey: file('serving.key'),
    adminCert: file('admin.crt'),
    adminKey: file('admin.key'),
    controllerManagerCert: file('kube-controller-manager.crt'),
    controllerManagerKey: file('kube-controller-manager.key'),
    serviceAccountKey: file('sa.key'),
    skupperGrantServerCert: file('skupper-grant-server.crt'),
    skupperGrantServerKey: file('skupper-grant-server.key'),
  };

  await openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '3650',
    '-subj', `/CN=${clusterName}-test-ca`,
    '-addext', 'basicConstraints=critical,CA:TRUE',
    '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
    '-keyout', pki.caKey, '-out', pki.caCert]);
  // The leaf certificates and the SA key do not depend on each other.
  await Promise.all([
    signedCertificate(pki, dir, 'serving', '/CN=kube-apiserver',
      'subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,IP:10.0.0.1\n' +
      'keyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n'),
    signedCertificate(pki, dir, 'admin', '/CN=admin/O=system:masters',
      'keyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=clientAuth\n'),
    signedCertificate(pki, dir, 'kube-controller-manager', '/CN=system:kube-controller-manager',
      'keyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=clientAuth\n'),
    // Go's client (Skupper's redeemer) checks IP SANs; the DNS form is for Proton-style checks.
    signedCertificate(pki, dir, 'skupper-grant-server', '/CN=skupper-grant-server',
      'subjectAltName=IP:127.0.0.1,DNS:127.0.0.1\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n'),
    openssl(['genrsa', '-out', pki.serviceAccountKey, '2048']),
  ]);
  return pki;
}

async function signedCertificate(pki: ClusterPki, dir: string, name: string, subject: string, extensions: string): Promise<void> {
  const key = path.join(dir, `${name}.key`);
  const csr = path.join(dir, `${name}.csr`);
  const ext = path.join(dir, `${name}.ext`);
  fs.writeFileSync(ext, extensions);
  await openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-subj', subject, '-keyout', key, '-out', csr]);
  await openssl(['x509', '-req', '-in', csr, '-CA', pki.caCert, '-CAkey', pki.caKey,
    '-set_serial', `0x${crypto.randomBytes(16).toString('hex')}`, '-days', '3650',
    '-extfile', ext, '-out', path.join(dir, `${name}.crt`)]);
}

function openssl(args: string[]): Promise<string> {
  return runCommand('openssl', args);
}
