/**
 * Waiting for a condition instead of for a time: `probe` is asked again and again (every `intervalMs`) until it
 * returns something other than undefined, which is returned; when `timeoutMs` has passed first, it fails saying what
 * it waited for and what the probe last saw. The timeout is only a deadline: a condition that holds ends the wait at once.
 */
export interface WaitOptions {
  /** Deadline in milliseconds from the start. */
  readonly timeoutMs: number;
  /** Pause between two probes (default 25 ms). */
  readonly intervalMs?: number;
}

export async function waitUntil<T>(
  description: string,
  probe: () => Promise<T | undefined> | T | undefined,
  options: WaitOptions,
  lastSeen: () => string = () => '',
): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) {
      return value;
    }
    if (Date.now() >= deadline) {
      const seen = lastSeen();
      throw new Error(`Timed out after ${String(options.timeoutMs)} ms waiting for ${description}${seen === '' ? '' : ` (last seen: ${seen})`}.`);
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 25));
  }
}
