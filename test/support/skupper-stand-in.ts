// What the Skupper controller would create, made by the tests themselves: the controller cannot be
// built here (its Go module is not served), so integration tests stand in for it, and say so.
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { kubectl } from '../harness/kubectl';
import { runCommand } from '../harness/run-command';
import type { HasKubeconfig } from '../harness/test-cluster';

/**
 * Creates `skupper-site-ca` in `namespace` as Skupper makes it (self-signed RSA 2048, PKCS#1 key,
 * CN "<site> site CA", ca.crt = tls.crt); returns the path of its certificate PEM under `workDir`.
 */
export async function createSkupperSiteCa(cluster: HasKubeconfig, namespace: string, siteName: string, workDir: string): Promise<string> {
  const keyPem = crypto.generateKeyPairSync('rsa', {
    modulusLength: 2048, privateKeyEncoding: { type: 'pkcs1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' },
  }).privateKey;
  const keyFile = path.join(workDir, 'site-ca.key');
  const certFile = path.join(workDir, 'site-ca.crt');
  fs.writeFileSync(keyFile, keyPem, { mode: 0o600 });
  await runCommand('openssl', ['req', '-x509', '-new', '-key', keyFile, '-subj', `/CN=${siteName} site CA`, '-days', '1825', '-sha256',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,digitalSignature,keyEncipherment,keyCertSign', '-out', certFile]);
  const b64 = (file: string): string => fs.readFileSync(file).toString('base64');
  await kubectl(cluster, ['apply', '-f', '-'], { input: JSON.stringify({
    apiVersion: 'v1', kind: 'Secret', type: 'kubernetes.io/tls', metadata: { name: 'skupper-site-ca', namespace },
    data: { 'tls.crt': b64(certFile), 'tls.key': b64(keyFile), 'ca.crt': b64(certFile) },
  }) });
  return certFile;
}
