import type { KubeConfig } from '@kubernetes/client-node';
import type { Logger } from '../machinery/logger';
import { SECRETS } from '../../api/resource-types';
import { Informer } from '../machinery/informer';
import type { Secret } from '../machinery/secret';

/**
 * One watch per Secret name (fieldSelector metadata.name=NAME), started and stopped as the set
 * of names the grant server needs changes: its Role lets it read Secrets only by name, so it
 * can neither list nor watch all Secrets of the namespace, and does not want to.
 */
export class NamedSecretWatches {
  private readonly watches = new Map<string, Informer<Secret>>();
  private readonly started = new Map<string, Promise<void>>();
  private stopped = false;

  public constructor(
    private readonly kubeConfig: KubeConfig,
    private readonly namespace: string,
    private readonly log: Logger,
    private readonly onChange: (name: string) => void,
  ) {}

  /** The cached Secret, if it is watched and exists. */
  public get(name: string): Secret | undefined {
    return this.watches.get(name)?.get(name, this.namespace);
  }

  /**
   * Watches exactly `names` (plus nothing else): starts the new ones and resolves when their first
   * list succeeded or `maxWaitMs` passed (a Secret the Role does not allow keeps retrying), and
   * stops the ones no longer needed.
   */
  public async sync(names: Iterable<string>, maxWaitMs = 5_000): Promise<void> {
    if (this.stopped) return;
    const wanted = new Set(names);
    for (const name of wanted) {
      if (this.watches.has(name)) continue;
      const informer = new Informer<Secret>(this.kubeConfig, SECRETS, this.namespace, this.log, () => this.onChange(name), `metadata.name=${name}`);
      this.watches.set(name, informer);
      this.started.set(name, informer.start());
    }
    for (const [name, informer] of this.watches) {
      if (wanted.has(name)) continue;
      this.watches.delete(name);
      this.started.delete(name);
      void informer.stop();
      this.onChange(name);
    }
    const pending = [...wanted].filter((name) => !this.synced(name)).map((name) => this.started.get(name));
    if (pending.length > 0) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([Promise.all(pending), new Promise<void>((resolve) => (timer = setTimeout(resolve, maxWaitMs)))]);
      clearTimeout(timer);
    }
  }

  /** Whether the watch of `name` has listed at least once. */
  public synced(name: string): boolean {
    return this.watches.get(name)?.synced ?? false;
  }

  public async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all([...this.watches.values()].map((informer) => informer.stop()));
    this.watches.clear();
    this.started.clear();
  }
}
