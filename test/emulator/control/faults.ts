/** Fault injection: rules matching a method and a path pattern (glob or regex) that apply to the next `count` requests. */
import { randomUUID } from 'node:crypto';

/** What a fault does to a matching request. */
export type FaultAction =
  /** 429 with `Retry-After` and ARM's throttling body. */
  | { readonly kind: 'throttle'; readonly retryAfterSeconds: number }
  /** An error status (default 500 InternalServerError) with an ARM error body. */
  | { readonly kind: 'error'; readonly status?: number; readonly code?: string; readonly message?: string }
  /** The connection is destroyed before any answer. */
  | { readonly kind: 'connectionReset' }
  /** The request runs normally, but the long-running operation it starts ends Failed with this ARM error. */
  | { readonly kind: 'lroFailure'; readonly code: string; readonly message?: string }
  /** The answer is delayed by `ms`. */
  | { readonly kind: 'latency'; readonly ms: number };

/** A fault rule as the control endpoint accepts it. */
export interface FaultRule {
  /** HTTP method to match; omitted matches every method. */
  readonly method?: string;
  /** Glob over the URL path (`*` = within one segment, `**` = any), case-insensitive. Give this or `pathRegex`. */
  readonly path?: string;
  /** Regular expression over the URL path, case-insensitive. */
  readonly pathRegex?: string;
  /** How many matching requests the fault applies to; omitted: 1. */
  readonly count?: number;
  readonly action: FaultAction;
}

/** A rule as it is stored and listed: with its id and remaining count. */
export interface ActiveFault extends FaultRule {
  readonly id: string;
  readonly remaining: number;
}

/** The faults to apply to one request. */
export interface AppliedFaults {
  /** The fault that decides the answer (throttle, error, reset), if any. */
  readonly terminal: Extract<FaultAction, { kind: 'throttle' | 'error' | 'connectionReset' }> | undefined;
  readonly lroFailure: { code: string; message: string } | undefined;
  readonly extraLatencyMs: number;
}

function globToRegex(glob: string): RegExp {
  const escape = (part: string): string => part.replace(/[.+^${}()|[\]\\?]/g, '\\$&').replace(/\*/g, '[^/]*');
  const pattern = glob.split('**').map(escape).join('.*');
  return new RegExp(`^${pattern}$`, 'i');
}

interface StoredFault {
  readonly rule: ActiveFault;
  readonly pattern: RegExp;
  remaining: number;
}

/** The set of active faults. */
export class FaultInjector {
  private faults: StoredFault[] = [];

  /** Adds a rule; throws on a rule without a path pattern or with a bad regex. */
  add(rule: FaultRule): ActiveFault {
    if (rule.path === undefined && rule.pathRegex === undefined) {
      throw new Error('A fault needs "path" (glob) or "pathRegex".');
    }
    const pattern = rule.pathRegex === undefined ? globToRegex(rule.path ?? '') : new RegExp(rule.pathRegex, 'i');
    const remaining = rule.count ?? 1;
    const active: ActiveFault = { ...rule, id: randomUUID(), remaining };
    this.faults.push({ rule: active, pattern, remaining });
    return active;
  }

  list(): ActiveFault[] {
    return this.faults.map((fault) => ({ ...fault.rule, remaining: fault.remaining }));
  }

  clear(): void {
    this.faults = [];
  }

  /** Consumes the faults matching this request (one terminal fault, one LRO failure, every latency). */
  take(method: string, path: string): AppliedFaults {
    let terminal: AppliedFaults['terminal'];
    let lroFailure: AppliedFaults['lroFailure'];
    let extraLatencyMs = 0;
    for (const fault of this.faults) {
      if (fault.remaining <= 0 || !fault.pattern.test(path)) {
        continue;
      }
      if (fault.rule.method !== undefined && fault.rule.method.toUpperCase() !== method.toUpperCase()) {
        continue;
      }
      const action = fault.rule.action;
      if (action.kind === 'latency') {
        extraLatencyMs += action.ms;
      } else if (action.kind === 'lroFailure') {
        if (lroFailure !== undefined) {
          continue;
        }
        lroFailure = { code: action.code, message: action.message ?? `The operation failed with error code '${action.code}'.` };
      } else {
        if (terminal !== undefined) {
          continue;
        }
        terminal = action;
      }
      fault.remaining -= 1;
    }
    this.faults = this.faults.filter((fault) => fault.remaining > 0);
    return { terminal, lroFailure, extraLatencyMs };
  }
}
