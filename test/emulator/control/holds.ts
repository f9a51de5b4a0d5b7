/**
 * Holds: a TEST CONTROL, not Azure behaviour (Azure has nothing like it). A hold keeps work the emulator would
 * otherwise finish on a timer pending until the test releases it, so a test can assert an intermediate state (an LRO
 * still running, a registered process server not yet in its fabric or an unregistered one still in it, a provider
 * still Registering) and then let it finish, without sleeping and hoping the timer has not fired yet. Released work
 * runs at once, in the order it was held.
 */
import { randomUUID } from 'node:crypto';

/** What a hold can keep pending. */
export type HoldKind =
  /** A long-running operation (its completion), matched by the method and path of the request that started it. */
  | 'operation'
  /** A successfully registered process server appearing in its configuration server's fabric. */
  | 'processServerRegistration'
  /** A successfully unregistered process server leaving its configuration server's fabric. */
  | 'processServerUnregistration'
  /** A resource provider moving from Registering/Unregistering to Registered/Unregistered. */
  | 'providerRegistration';

/** A hold as the control endpoint accepts it. */
export interface HoldRule {
  readonly kind: HoldKind;
  /** `operation` only: HTTP method of the starting request; omitted matches every method. */
  readonly method?: string;
  /** `operation` only: glob over the starting request's path (`*` = within one segment, `**` = any); omitted matches all. */
  readonly path?: string;
}

/** A hold as it is stored and listed: its id and a description of every piece of work it holds now. */
export interface ActiveHold extends HoldRule {
  readonly id: string;
  readonly pending: string[];
}

interface StoredHold {
  readonly rule: HoldRule;
  readonly id: string;
  readonly pattern: RegExp | undefined;
  readonly pending: { readonly description: string; readonly run: () => void }[];
}

const kinds: readonly HoldKind[] = ['operation', 'processServerRegistration', 'processServerUnregistration', 'providerRegistration'];

function globToRegex(glob: string): RegExp {
  const escape = (part: string): string => part.replace(/[.+^${}()|[\]\\?]/g, '\\$&').replace(/\*/g, '[^/]*');
  return new RegExp(`^${glob.split('**').map(escape).join('.*')}$`, 'i');
}

/** The active holds and the work they keep. */
export class HoldRegistry {
  private holds: StoredHold[] = [];

  /** Adds a hold; throws on an unknown kind, or a method/path on a kind other than `operation`. */
  add(rule: HoldRule): ActiveHold {
    if (!kinds.includes(rule.kind)) {
      throw new Error(`A hold's kind is one of ${kinds.join(', ')}.`);
    }
    if (rule.kind !== 'operation' && (rule.method !== undefined || rule.path !== undefined)) {
      throw new Error('Only an "operation" hold matches a method and path.');
    }
    const stored: StoredHold = { rule: { ...rule }, id: randomUUID(), pattern: rule.path === undefined ? undefined : globToRegex(rule.path), pending: [] };
    this.holds.push(stored);
    return this.view(stored);
  }

  list(): ActiveHold[] {
    return this.holds.map((hold) => this.view(hold));
  }

  /**
   * Called where the emulator would start a timer for `kind` work: when a hold matches, the work is kept by it and
   * true is returned (the caller then starts no timer); false when nothing holds it.
   */
  intercept(kind: HoldKind, description: string, run: () => void, request?: { readonly method: string; readonly path: string }): boolean {
    const hold = this.holds.find(
      (candidate) =>
        candidate.rule.kind === kind
        && (candidate.rule.method === undefined || candidate.rule.method.toUpperCase() === request?.method.toUpperCase())
        && (candidate.pattern === undefined || (request !== undefined && candidate.pattern.test(request.path))),
    );
    if (hold === undefined) {
      return false;
    }
    hold.pending.push({ description, run });
    return true;
  }

  /** Removes the hold `id` (every hold when omitted) and runs the work it kept; returns how many pieces ran. */
  release(id?: string): number {
    const released = id === undefined ? this.holds : this.holds.filter((hold) => hold.id === id);
    if (id !== undefined && released.length === 0) {
      throw new Error(`No hold ${id}.`);
    }
    this.holds = this.holds.filter((hold) => !released.includes(hold));
    const work = released.flatMap((hold) => hold.pending);
    for (const piece of work) {
      piece.run();
    }
    return work.length;
  }

  /** Drops every hold and the work it kept without running it (state reset, shutdown). */
  clear(): void {
    this.holds = [];
  }

  private view(hold: StoredHold): ActiveHold {
    return { ...hold.rule, id: hold.id, pending: hold.pending.map((piece) => piece.description) };
  }
}
