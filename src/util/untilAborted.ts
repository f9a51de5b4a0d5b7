/**
 * Waits for a shared `promise` on behalf of one caller: the caller's aborted `signal` ends its wait (rejecting with
 * the signal's reason) without cancelling the work others may still be waiting for.
 */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    return Promise.reject(signal.reason as Error);
  }
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_resolve, reject) => {
    onAbort = () => {
      reject(signal.reason as Error);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
  return Promise.race([promise, aborted]).finally(() => {
    if (onAbort !== undefined) {
      signal.removeEventListener('abort', onAbort);
    }
  });
}
