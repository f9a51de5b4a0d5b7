import type { AbortSignalLike } from '@azure/abort-controller';
import type { PipelinePolicy } from '@azure/core-rest-pipeline';

/** The headers an LRO's answer names its status monitor in. */
const MONITOR_HEADERS = ['azure-asyncoperation', 'operation-location', 'location'] as const;

/** How many monitors the policy remembers at most (each is forgotten once polled). */
const MONITORS_REMEMBERED = 200;

/** Retry-After as milliseconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(value: string | undefined, now: number): number | undefined {
  if (value === undefined || value.trim() === '') {
    return undefined;
  }
  const seconds = Number(value);
  if (Number.isFinite(seconds)) {
    return Math.max(0, seconds * 1000);
  }
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Waits `ms`, or until the request's signal aborts (rejecting as an abort, as the SDK's own waits do). */
function waitUnlessAborted(ms: number, signal: AbortSignalLike | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted === true) {
      reject(new DOMException('The request was aborted.', 'AbortError'));
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new DOMException('The request was aborted.', 'AbortError'));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort);
  });
}

function monitorKey(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`.toLowerCase();
  } catch {
    return url.toLowerCase();
  }
}

/**
 * Never polls a long-running operation sooner than Azure asked. The SDK's pollers honour Retry-After between polls
 * but send their first poll at once, whatever the answer that started the operation said. This remembers, for each
 * monitor URL an answer with Retry-After names, when it may be asked, and holds the first request to it until then
 * (abortably: a cancel ends the wait).
 */
export function createPollingRetryAfterPolicy(
  delay: (ms: number, signal: AbortSignalLike | undefined) => Promise<void> = waitUnlessAborted,
  now: () => number = Date.now,
): PipelinePolicy {
  const notBefore = new Map<string, number>();
  return {
    name: 'asrFailbackPollingRetryAfter',
    async sendRequest(request, next) {
      const key = monitorKey(request.url);
      const earliest = notBefore.get(key);
      if (earliest !== undefined) {
        notBefore.delete(key);
        const wait = earliest - now();
        if (wait > 0) {
          await delay(wait, request.abortSignal);
        }
      }
      const response = await next(request);
      const ms = retryAfterMs(response.headers.get('retry-after'), now());
      if (ms !== undefined && ms > 0 && (response.status === 201 || response.status === 202)) {
        for (const header of MONITOR_HEADERS) {
          const monitor = response.headers.get(header);
          if (monitor !== undefined) {
            notBefore.set(monitorKey(monitor), now() + ms);
          }
        }
        while (notBefore.size > MONITORS_REMEMBERED) {
          const oldest = notBefore.keys().next().value;
          if (oldest === undefined) {
            break;
          }
          notBefore.delete(oldest);
        }
      }
      return response;
    },
  };
}
