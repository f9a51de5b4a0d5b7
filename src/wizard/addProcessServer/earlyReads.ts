/**
 * Azure reads a step starts for the steps after it, as soon as its answer is known. A new answer (after going back)
 * aborts the reads started for the previous one; the wizard's end aborts them all.
 */
export class EarlyReads {
  private current: AbortController | undefined;

  /** Starts `reads` for a new answer, with a signal that ends with it or with the wizard. */
  start<T extends Record<string, Promise<unknown>>>(wizardSignal: AbortSignal, reads: (signal: AbortSignal) => T): T {
    this.current?.abort(new DOMException('The answer changed.', 'AbortError'));
    this.current = new AbortController();
    const started = reads(AbortSignal.any([wizardSignal, this.current.signal]));
    // Nobody may await a read yet: it must not end as an unhandled rejection. The step that needs it reports a failure.
    for (const read of Object.values(started)) {
      read.catch(() => undefined);
    }
    return started;
  }
}
