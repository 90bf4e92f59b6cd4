import type { LinkGrant } from '../../api/link-grant';
import type { LinkToken } from '../../api/link-token';
import type { SkupperConnector, SkupperLink, SkupperListener } from '../../api/skupper';
import { LINK_GRANTS, LINK_TOKENS, resourcePath, ResourceType, SKUPPER_CONNECTORS, SKUPPER_LINKS, SKUPPER_LISTENERS } from '../../api/resource-types';
import { credentialsRefused, probeCluster } from '../cluster/cluster-probe';
import { KubeApiError, KubeApiReader, KubeUnreachableError } from '../cluster/kube-api-reader';
import { listAll } from '../cluster/kube-list';
import { connectorRow, grantRow, linkRow, listenerRow, StatusKind, StatusRow, tokenRow } from './status-row';

/** Something `status` could not show. `blocking` ones make the exit code 1 (the state is unknown). */
export interface StatusWarning {
  readonly context: string;
  readonly message: string;
  readonly blocking: boolean;
}

/** What `status` found in one context. */
export interface ContextStatus {
  readonly context: string;
  readonly rows: readonly StatusRow[];
  readonly warnings: readonly StatusWarning[];
  /** Set when the context's API server could not be reached (or refused the credentials). */
  readonly unreachable?: string;
}

/**
 * Lists the LinkGrants, LinkTokens and Skupper Links, Listeners and Connectors of one context, in
 * `namespace` or in all namespaces. A kind whose CRD is not installed (404) is a warning, not a
 * failure: that cluster simply has none. A list that is refused or fails otherwise is a blocking warning.
 */
export async function collectContextStatus(reader: KubeApiReader, namespace: string | undefined, now: Date): Promise<ContextStatus> {
  const context = reader.context;
  try {
    await probeCluster(reader);
    const warnings: StatusWarning[] = [];
    const list = async <T>(kind: StatusKind, type: ResourceType): Promise<T[]> => {
      try {
        return await listAll<T>(reader, resourcePath(type, namespace));
      } catch (error) {
        if (!(error instanceof KubeApiError)) throw error;
        if (error.status === 401) throw credentialsRefused(context);
        warnings.push(error.status === 404
          ? { context, blocking: false, message: `no ${kind}s listed in context "${context}": the CRD ${type.plural}.${type.group} is not installed (or does not serve ${type.version})` }
          : { context, blocking: true, message: `cannot list ${kind}s in context "${context}"${namespace ? ` namespace ${namespace}` : ''}: ${error.reason}` });
        return [];
      }
    };
    const [grants, tokens, links, listeners, connectors] = await Promise.all([
      list<LinkGrant>('LinkGrant', LINK_GRANTS),
      list<LinkToken>('LinkToken', LINK_TOKENS),
      list<SkupperLink>('Link', SKUPPER_LINKS),
      list<SkupperListener>('Listener', SKUPPER_LISTENERS),
      list<SkupperConnector>('Connector', SKUPPER_CONNECTORS),
    ]);
    const rows = [
      ...grants.map((grant) => grantRow(context, grant, now)),
      ...tokens.map((token) => tokenRow(context, token)),
      ...links.map((link) => linkRow(context, link)),
      ...listeners.map((listener) => listenerRow(context, listener)),
      ...connectors.map((connector) => connectorRow(context, connector)),
    ];
    // Stable order of warnings, whatever order the lists finished in.
    warnings.sort((a, b) => (a.message < b.message ? -1 : a.message > b.message ? 1 : 0));
    return { context, rows, warnings };
  } catch (error) {
    if (error instanceof KubeUnreachableError) {
      return { context, rows: [], warnings: [], unreachable: error.message };
    }
    throw error;
  }
}
