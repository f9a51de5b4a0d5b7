import { AsyncLocalStorage } from 'node:async_hooks';
import type { PipelinePolicy } from '@azure/core-rest-pipeline';

/**
 * The abort signal of the Azure call in progress, carried through its async context. The SDK's modular clients fetch
 * the next page of a listing without the caller's options, so a signal passed to `list()` never reaches those
 * requests; `withCallSignal` and the pipeline policy below put the caller's signal on every request the call makes.
 */
const callSignal = new AsyncLocalStorage<AbortSignal>();

/** Runs `call` with `signal` on every Azure request it sends, next pages included. */
export function withCallSignal<T>(signal: AbortSignal | undefined, call: () => Promise<T>): Promise<T> {
  return signal === undefined ? call() : callSignal.run(signal, call);
}

/** Sets the call's signal on a request that has none of its own (added to every client in azureClients.ts). */
export const callSignalPolicy: PipelinePolicy = {
  name: 'asrFailbackCallSignal',
  sendRequest(request, next) {
    const signal = callSignal.getStore();
    if (signal !== undefined && request.abortSignal === undefined) {
      request.abortSignal = signal;
    }
    return next(request);
  },
};

/** Every page of an SDK listing in one array; an aborted `signal` stops it, the request in flight included. */
export function collectAll<T>(listing: () => AsyncIterable<T>, signal?: AbortSignal): Promise<T[]> {
  return withCallSignal(signal, async () => {
    const items: T[] = [];
    for await (const item of listing()) {
      signal?.throwIfAborted();
      items.push(item);
    }
    return items;
  });
}
