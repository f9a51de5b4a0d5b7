import type { EmulatorControlClient } from '../emulator/control/client';
import type { RequestLogEntry } from '../emulator/control/requestLog';

/** A request is answered once it has a status; a connection reset on purpose (a fault) never gets one. */
function unanswered(entry: RequestLogEntry): boolean {
  return entry.status === undefined && entry.fault !== 'connectionReset';
}

function describe(entry: RequestLogEntry): string {
  return `  #${String(entry.sequence)} ${entry.time} ${entry.method} ${entry.path} ${entry.status === undefined ? '(unanswered)' : String(entry.status)}`;
}

/**
 * Waits until the emulator has gone quiet: every request it received is answered and none has been received or
 * answered for `quietMs`. A journey calls it where a user would wait for VS Code to settle (after signing in: tenants,
 * subscriptions, each tenant's token requests) before acting on what that burst rebuilds. It reads the emulator's
 * request log through its control endpoint (the emulator runs in this process, so its times are on this clock).
 * `deadlineMs` is only a deadline: a quiet emulator ends the wait at once; one still busy then fails the wait with the
 * requests it was still seeing.
 */
export async function waitForEmulatorQuiet(control: EmulatorControlClient, quietMs: number, deadlineMs: number): Promise<void> {
  const started = Date.now();
  // Every entry up to `settled` is answered: later polls fetch only what follows it.
  let settled = 0;
  let lastActivity = 0;
  for (;;) {
    const entries = await control.requests(settled);
    const now = Date.now();
    const open = entries.filter(unanswered);
    for (const entry of entries) {
      lastActivity = Math.max(lastActivity, Date.parse(entry.time) + (entry.durationMs ?? 0));
    }
    if (open.length > 0) {
      lastActivity = now;
    }
    const firstUnanswered = open.at(0)?.sequence;
    settled = firstUnanswered === undefined ? (entries.at(-1)?.sequence ?? settled) : firstUnanswered - 1;
    if (now - lastActivity >= quietMs) {
      return;
    }
    if (now - started >= deadlineMs) {
      const busy = entries.filter((entry) => unanswered(entry) || Date.parse(entry.time) + (entry.durationMs ?? 0) >= now - quietMs);
      throw new Error(
        `The emulator did not go quiet (${String(quietMs)} ms without a request) within ${String(deadlineMs)} ms; still seeing:\n${busy.map(describe).join('\n')}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
