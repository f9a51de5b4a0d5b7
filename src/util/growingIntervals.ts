/**
 * The waits between re-reads of something Azure reports by no operation (a provider registering, the heartbeat):
 * a second first, doubling, up to `maxMs`. What usually comes soon is seen soon; what takes minutes costs few reads.
 */
export function* growingIntervals(maxMs: number, firstMs = 1000): Generator<number, never> {
  let next = Math.min(firstMs, maxMs);
  for (;;) {
    yield next;
    next = Math.min(next * 2, maxMs);
  }
}
