/**
 * Runs at most `limit` tasks at once and queues the rest in order: the extension sends its Azure requests in
 * parallel, but never so many that a large estate floods Resource Manager into throttling. A finished task hands its
 * slot straight to the next waiter, so a caller arriving at that moment queues behind it instead of running beside it.
 */
export class ConcurrencyLimiter {
  private running = 0;
  private readonly waiting: { start: () => void; abort: (reason: unknown) => void }[] = [];

  constructor(private readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) {
      throw new RangeError(`The concurrency limit must be a positive whole number, not ${String(limit)}.`);
    }
  }

  /** Runs `task` when a slot is free. An aborted `signal` takes a waiting task out of the queue (it never starts). */
  async run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    signal?.throwIfAborted();
    if (this.running < this.limit) {
      this.running += 1;
    } else {
      await this.slotHandedOver(signal);
    }
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next === undefined) {
        this.running -= 1;
      } else {
        next.start(); // the slot passes to the waiter: `running` stays as it is
      }
    }
  }

  /** Maps every item through `task` with the limit applied, keeping the input order in the result. */
  map<T, R>(items: readonly T[], task: (item: T) => Promise<R>, signal?: AbortSignal): Promise<R[]> {
    return Promise.all(items.map((item) => this.run(() => task(item), signal)));
  }

  private slotHandedOver(signal: AbortSignal | undefined): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const waiter = {
        start: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
        abort: reject,
      };
      const onAbort = (): void => {
        const index = this.waiting.indexOf(waiter);
        if (index !== -1) {
          this.waiting.splice(index, 1);
        }
        waiter.abort(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(waiter);
    });
  }
}
