import * as fs from 'fs';
import * as path from 'path';
import { kubectl } from './kubectl';
import type { HasKubeconfig } from './test-cluster';
import { waitFor } from './wait-for';

/** An endpoint of a Site's status, as Skupper's controller resolves it from the RouterAccess. */
export interface SiteEndpoint {
  readonly name: string;
  readonly host: string;
  readonly port: string;
  readonly group?: string;
}

/** What the real Skupper controller made of a Site. */
export interface SkupperSite {
  readonly uid: string;
  /** `status.endpoints` (empty for a site without link access). */
  readonly endpoints: readonly SiteEndpoint[];
  /** The site CA Skupper made (PEM), written to `caFile` for openssl. */
  readonly caPem: string;
  readonly caFile: string;
}

interface Condition {
  readonly type: string;
  readonly status: string;
  readonly message?: string;
}

/** True when the object's `status.conditions` has `type` with status True. */
export function conditionIsTrue(obj: { status?: { conditions?: readonly Condition[] } } | undefined, type: string): boolean {
  return obj?.status?.conditions?.some((c) => c.type === type && c.status === 'True') ?? false;
}

/**
 * Waits until the real Skupper controller has configured the Site of `namespace` (condition
 * `Configured`, plus `Resolved` when it has link access), and made its `skupper-site-ca`.
 * `Running`/`Ready` need a router pod, which never runs here. The CA is written under `workDir`.
 */
export async function waitForSkupperSite(cluster: HasKubeconfig, namespace: string, workDir: string, options: { linkAccess: boolean }): Promise<SkupperSite> {
  const site = await waitFor(`the Skupper controller to configure the Site in ${namespace}${options.linkAccess ? ' and resolve its endpoints' : ''}`, async () => {
    const current = JSON.parse(await kubectl(cluster, ['get', 'sites', '-n', namespace, '-o', 'json'])).items[0];
    if (!conditionIsTrue(current, 'Configured')) return undefined;
    if (options.linkAccess && !(conditionIsTrue(current, 'Resolved') && current.status?.endpoints?.length > 0)) return undefined;
    return current;
  }, { timeoutMs: 90_000, intervalMs: 500 });
  const caPem = await waitFor(`skupper-site-ca in ${namespace}`, async () => {
    const out = await kubectl(cluster, ['get', 'secret', 'skupper-site-ca', '-n', namespace, '-o', 'jsonpath={.data.tls\\.crt}', '--ignore-not-found']);
    return out.trim() === '' ? undefined : Buffer.from(out, 'base64').toString('utf8');
  }, { timeoutMs: 60_000, intervalMs: 500 });
  const caFile = path.join(workDir, `${namespace}-site-ca.crt`);
  fs.writeFileSync(caFile, caPem);
  return { uid: site.metadata.uid, endpoints: site.status?.endpoints ?? [], caPem, caFile };
}

/**
 * Waits until the Skupper controller reports Link `name` Configured (it wrote the Link into the
 * site's router ConfigMap) and returns the Link.
 */
export async function waitForLinkConfigured(cluster: HasKubeconfig, namespace: string, name: string): Promise<Record<string, any>> {
  return waitFor(`the Skupper controller to configure Link ${namespace}/${name}`, async () => {
    const out = await kubectl(cluster, ['get', 'links.skupper.io', name, '-n', namespace, '-o', 'json', '--ignore-not-found']);
    const link = out.trim() === '' ? undefined : JSON.parse(out);
    return conditionIsTrue(link, 'Configured') ? link : undefined;
  }, { timeoutMs: 90_000, intervalMs: 500 });
}
