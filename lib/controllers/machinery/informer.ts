import { CoreV1Api, CustomObjectsApi, KubeConfig, KubernetesListObject, KubernetesObject, ListWatch, Watch } from '@kubernetes/client-node';
import type { Logger } from './logger';
import { resourcePath, ResourceType } from '../../api/resource-types';
import { describeError } from '../../kube-client/api-errors';
import { Backoff, backoffDelay } from './backoff';


const RESTART_BACKOFF: Backoff = { baseMs: 1_000, maxMs: 60_000 };

/**
 * A cached list+watch of one resource type in one namespace (client-node's ListWatch) that can
 * be stopped for good and tells when its first list has succeeded. A stopped informer never
 * restarts itself (stopping aborts the watch, which ListWatch reports as an error), and its
 * restart timer does not keep the process alive.
 */
export class Informer<T extends KubernetesObject> {
  private readonly listWatch: ListWatch<T>;
  private stopped = false;
  private restartTimer?: NodeJS.Timeout;
  private failuresInARow = 0;
  private syncedFlag = false;
  private readonly syncedWaiters: Array<() => void> = [];

  public constructor(
    kubeConfig: KubeConfig,
    private readonly type: ResourceType,
    namespace: string,
    private readonly log: Logger,
    onChange: (obj: T) => void,
    private readonly fieldSelector?: string,
  ) {
    const list = async (): Promise<KubernetesListObject<T>> => {
      if (type.group === '' && type.plural === 'secrets') {
        return await kubeConfig.makeApiClient(CoreV1Api).listNamespacedSecret({ namespace, fieldSelector }) as unknown as KubernetesListObject<T>;
      }
      return await kubeConfig.makeApiClient(CustomObjectsApi).listNamespacedCustomObject({
        group: type.group, version: type.version, namespace, plural: type.plural, fieldSelector,
      }) as KubernetesListObject<T>;
    };
    this.listWatch = new ListWatch<T>(resourcePath(type, namespace), new Watch(kubeConfig), list, false, undefined, fieldSelector);
    for (const verb of ['add', 'update', 'delete'] as const) this.listWatch.on(verb, onChange);
    this.listWatch.on('error', (err?: unknown) => this.onError(err));
  }

  /** Starts listing and watching; resolves once the first list has succeeded (retrying until then). */
  public async start(): Promise<void> {
    void this.connect();
    await this.whenSynced();
  }

  public get synced(): boolean {
    return this.syncedFlag;
  }

  public get(name: string, namespace: string): T | undefined {
    return this.listWatch.get(name, namespace);
  }

  public list(): readonly T[] {
    return this.listWatch.list();
  }

  public async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.restartTimer);
    await this.listWatch.stop();
    for (const resolve of this.syncedWaiters.splice(0)) resolve();
  }

  private whenSynced(): Promise<void> {
    if (this.syncedFlag || this.stopped) return Promise.resolve();
    return new Promise((resolve) => this.syncedWaiters.push(resolve));
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    await this.listWatch.start();
    // ListWatch.start() resolves after a failed list too; the resourceVersion is set only by a good one.
    if (this.listWatch.latestResourceVersion() !== '') this.failuresInARow = 0;
    if (!this.syncedFlag && this.listWatch.latestResourceVersion() !== '') {
      this.syncedFlag = true;
      for (const resolve of this.syncedWaiters.splice(0)) resolve();
    }
  }

  private onError(err: unknown): void {
    if (this.stopped) return;
    this.log.warn('watch failed; restarting', { resource: this.type.plural, fieldSelector: this.fieldSelector, error: describeError(err) });
    clearTimeout(this.restartTimer);
    // Backs off, so a watch the Role does not allow (yet) does not flood the apiserver or the logs.
    const delay = backoffDelay(RESTART_BACKOFF, ++this.failuresInARow);
    this.restartTimer = setTimeout(() => void this.connect(), delay);
    this.restartTimer.unref();
  }
}
