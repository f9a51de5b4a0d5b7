/** The request log the control endpoint serves: one entry per request, secrets redacted. */

/** One logged request. */
export interface RequestLogEntry {
  readonly sequence: number;
  readonly time: string;
  readonly method: string;
  /** URL path without the query. */
  readonly path: string;
  /** The query string with secret parameters redacted. */
  readonly query: string;
  readonly apiVersion: string | undefined;
  status: number | undefined;
  durationMs: number | undefined;
  /** The body with secrets replaced by "***"; undefined when empty. */
  readonly body: unknown;
  /** Set when an injected fault decided the answer. */
  fault: string | undefined;
  /** True when the client closed the connection before the answer was sent (it aborted the request). */
  abandoned?: boolean;
}

/** A bounded in-memory log. */
export class RequestLog {
  private entries: RequestLogEntry[] = [];
  private nextSequence = 1;

  constructor(private readonly capacity = 5000) {}

  add(entry: Omit<RequestLogEntry, 'sequence'>): RequestLogEntry {
    const stored: RequestLogEntry = { ...entry, sequence: this.nextSequence };
    this.nextSequence += 1;
    this.entries.push(stored);
    if (this.entries.length > this.capacity) {
      this.entries.splice(0, this.entries.length - this.capacity);
    }
    return stored;
  }

  /** Entries with a sequence greater than `afterSequence`. */
  since(afterSequence = 0): RequestLogEntry[] {
    return this.entries.filter((entry) => entry.sequence > afterSequence).map((entry) => ({ ...entry }));
  }

  clear(): void {
    this.entries = [];
  }
}
