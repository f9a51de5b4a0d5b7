/**
 * Runs at most `limit` tasks at once and queues the rest in order: the tree sends its Azure requests in parallel,
 * but never so many that a large estate floods Resource Manager into throttling.
 */
export class ConcurrencyLimiter {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) {
      throw new RangeError(`The concurrency limit must be a positive whole number, not ${String(limit)}.`);
    }
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    this.running += 1;
    try {
      return await task();
    } finally {
      this.running -= 1;
      this.waiting.shift()?.();
    }
  }

  /** Maps every item through `task` with the limit applied, keeping the input order in the result. */
  map<T, R>(items: readonly T[], task: (item: T) => Promise<R>): Promise<R[]> {
    return Promise.all(items.map((item) => this.run(() => task(item))));
  }
}
