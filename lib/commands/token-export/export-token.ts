import { CoreV1Api, CustomObjectsApi, KubeConfig } from '@kubernetes/client-node';
import { codeKeyOf } from '../../api/link-grant';
import type { LinkToken } from '../../api/link-token';
import { LINK_TOKENS } from '../../api/resource-types';
import { apiStatusCode, describeError } from '../../kube-client/api-errors';
import type { CommandOutput } from '../command-output';
import { accessTokenDocument, renderAccessToken } from './access-token-document';

/** Which LinkToken `token export` prints, and from where. */
export interface ExportTokenOptions {
  readonly kubeConfig: KubeConfig;
  readonly namespace: string;
  readonly name: string;
}

/**
 * Prints the LinkToken as a stock Skupper AccessToken, with the code read from its Secret: the
 * one place the code is printed, on purpose, to stdout only. Rejects with a message naming what
 * is missing.
 */
export async function exportToken(options: ExportTokenOptions, out: Pick<CommandOutput, 'stdout'>): Promise<void> {
  const { kubeConfig, namespace, name } = options;
  const token = await readOrExplain(
    kubeConfig.makeApiClient(CustomObjectsApi).getNamespacedCustomObject({
      ...LINK_TOKENS, namespace, name,
    }) as Promise<LinkToken>,
    `LinkToken ${name} not found in namespace ${namespace}`,
    `cannot read LinkToken ${name} in namespace ${namespace}`,
  );
  const ref = token.spec.codeSecretRef;
  const key = codeKeyOf(token);
  const secret = await readOrExplain(
    kubeConfig.makeApiClient(CoreV1Api).readNamespacedSecret({ name: ref.name, namespace }),
    `Secret ${ref.name} holding the code of LinkToken ${name} not found in namespace ${namespace} (is its SealedSecret unsealed yet?)`,
    `cannot read Secret ${ref.name} holding the code of LinkToken ${name}`,
  );
  const value = secret.data?.[key];
  if (!value) {
    throw new Error(`Secret ${ref.name} has no key ${key} holding the code of LinkToken ${name}`);
  }
  out.stdout(renderAccessToken(accessTokenDocument(token, Buffer.from(value, 'base64').toString('utf8'))));
}

async function readOrExplain<T>(call: Promise<T>, notFound: string, failed: string): Promise<T> {
  try {
    return await call;
  } catch (error) {
    throw new Error(apiStatusCode(error) === 404 ? notFound : `${failed}: ${describeError(error)}`);
  }
}
