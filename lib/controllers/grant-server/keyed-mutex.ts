/**
 * Runs tasks one at a time per key (FIFO), different keys in parallel: redemptions of one grant
 * in this process are decided and counted strictly one after another.
 */
export class KeyedMutex {
  private readonly tails = new Map<string, Promise<void>>();

  public async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const current = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => current);
    this.tails.set(key, tail);
    await previous;
    try {
      return await task();
    } finally {
      release();
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }

  /** Keys with a running or waiting task. */
  public get activeKeys(): number {
    return this.tails.size;
  }
}
