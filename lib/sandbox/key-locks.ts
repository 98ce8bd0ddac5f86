/**
 * Per-key mutual exclusion between a region's own writes and replicated writes into it, so that a
 * replicated item can never land between a local write and the recording of its timestamp.
 */
export class KeyLocks {
  private readonly tails = new Map<string, Promise<void>>();

  /** Runs `fn` while holding every lock in `ids` (taken in sorted order, so two callers cannot deadlock). */
  async run<T>(ids: readonly string[], fn: () => Promise<T>): Promise<T> {
    const sorted = [...new Set(ids)].sort();
    const releases: Array<() => void> = [];
    for (const id of sorted) {
      const previous = this.tails.get(id) ?? Promise.resolve();
      let release!: () => void;
      const mine = new Promise<void>((r) => {
        release = r;
      });
      const tail = previous.then(() => mine);
      this.tails.set(id, tail);
      releases.push(() => {
        release();
        if (this.tails.get(id) === tail) this.tails.delete(id);
      });
      await previous;
    }
    try {
      return await fn();
    } finally {
      for (const r of releases) r();
    }
  }
}
