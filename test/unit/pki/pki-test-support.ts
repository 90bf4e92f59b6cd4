import { execFileSync } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as forge from 'node-forge';
import { rsaKeyPairFromPem } from '../../../lib/pki/pem';

/** A fresh RSA key from Node's fast native generator, as a forge key pair (for tests that do not need derived keys). */
export function nativeRsaKeyPair(bits = 2048): forge.pki.rsa.KeyPair {
  const { privateKey } = crypto.generateKeyPairSync('rsa', {
    modulusLength: bits,
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  return rsaKeyPairFromPem(privateKey);
}

/** A new temporary directory; the caller removes it. */
export function makeTempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `cdk8s-skupper-${prefix}-`));
}

/**
 * Runs the openssl CLI in a temporary directory holding `files`, and returns its stdout; a
 * failing openssl throws with its stderr, so a test failure shows openssl's reason.
 */
export function openssl(args: readonly string[], files: Readonly<Record<string, string>> = {}): string {
  const dir = makeTempDir('openssl');
  try {
    for (const [name, content] of Object.entries(files)) {
      fs.writeFileSync(path.join(dir, name), content);
    }
    return execFileSync('openssl', args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The SAN list as openssl prints it, e.g. ['DNS:a.example', 'IP Address:10.0.0.1']. */
export function subjectAltNames(certificatePem: string): string[] {
  const text = openssl(['x509', '-in', 'cert.pem', '-noout', '-ext', 'subjectAltName'], { 'cert.pem': certificatePem });
  return text.split('\n').slice(1).join(',').split(',').map((name) => name.trim()).filter((name) => name !== '');
}
