import * as fs from 'fs';
import * as path from 'path';
import { stringify } from 'yaml';

export type KubeconfigCredentials =
  | { readonly clientCertificate: string; readonly clientKey: string }
  | { readonly token: string };

export interface KubeconfigOptions {
  readonly file: string;
  readonly clusterName: string;
  readonly userName: string;
  readonly server: string;
  readonly caCert: string;
  readonly credentials: KubeconfigCredentials;
  readonly namespace?: string;
}

/**
 * Writes a self-contained kubeconfig (certificates embedded, so it can be copied or handed to a
 * child program), readable only by the owner since it holds credentials.
 */
export function writeKubeconfig(options: KubeconfigOptions): string {
  const base64 = (file: string): string => fs.readFileSync(file).toString('base64');
  const user =
    'token' in options.credentials
      ? { token: options.credentials.token }
      : {
          'client-certificate-data': base64(options.credentials.clientCertificate),
          'client-key-data': base64(options.credentials.clientKey),
        };
  const contextName = `${options.userName}@${options.clusterName}`;
  const kubeconfig = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: options.clusterName, cluster: { server: options.server, 'certificate-authority-data': base64(options.caCert) } }],
    users: [{ name: options.userName, user }],
    contexts: [
      {
        name: contextName,
        context: { cluster: options.clusterName, user: options.userName, ...(options.namespace ? { namespace: options.namespace } : {}) },
      },
    ],
    'current-context': contextName,
    preferences: {},
  };
  fs.mkdirSync(path.dirname(options.file), { recursive: true });
  fs.writeFileSync(options.file, stringify(kubeconfig), { mode: 0o600 });
  return options.file;
}
