/**
 * Reads one deployment out of the emulator's request log: which request each modelled phase was, the polls of each
 * LRO with the waits between them, the heartbeat's reads, and what else was asked meanwhile.
 */
import type { RequestLogEntry } from '../emulator/control/requestLog';
import { leafPhases, type AwaitPhase, type LeafPhase, type LroPhase, type StepModel } from './deployCriticalPath';

/** When a step ran, from the extension's log ("[id] started" and "[id] done in"), epoch ms. */
export interface StepWindow {
  readonly id: string;
  readonly startedAt: number;
  readonly endedAt: number;
}

/** The paths clients poll an LRO at (test/emulator/arm/operationRoutes.ts): the namespace and the operation's id. */
const OPERATION_PATH = /\/providers\/([^/]+)\/locations\/[^/]+\/(?:operations|operationResults|asyncoperations)\/([^/]+)$/i;
const SUBSCRIPTION_OPERATION_PATH = /^\/subscriptions\/[^/]+\/operationresults\/([^/]+)$/i;
/** Entra ID's paths on the emulator's port (test/emulator/entra/index.ts): not Resource Manager. */
const ENTRA_PATH = /\/(?:oauth2\/v2\.0\/|v2\.0\/\.well-known\/)/i;

export function isEntraRequest(entry: RequestLogEntry): boolean {
  return ENTRA_PATH.test(entry.path);
}

/** The operation a poll reads, with the namespace whose operations URL it is; undefined for any other request. */
export function polledOperation(entry: RequestLogEntry): { namespace: string; id: string } | undefined {
  if (entry.method !== 'GET') {
    return undefined;
  }
  const match = OPERATION_PATH.exec(entry.path);
  if (match !== null) {
    return { namespace: match[1].toLowerCase(), id: match[2] };
  }
  const subscriptionMatch = SUBSCRIPTION_OPERATION_PATH.exec(entry.path);
  return subscriptionMatch === null ? undefined : { namespace: 'microsoft.resources', id: subscriptionMatch[1] };
}

/** The namespace of the resource a request is about (the last `/providers/{ns}/` segment of its path). */
function namespaceOf(path: string): string {
  const matches = [...path.matchAll(/\/providers\/([^/]+)\//gi)];
  return (matches.at(-1)?.[1] ?? 'microsoft.resources').toLowerCase();
}

export const startOf = (entry: RequestLogEntry): number => Date.parse(entry.time);
/** When the emulator had sent the whole answer: what a client can wait from, at the earliest. */
export const answeredAt = (entry: RequestLogEntry): number => Date.parse(entry.time) + (entry.durationMs ?? 0);

/** One LRO as the log shows it. */
export interface LroInLog {
  readonly step: string;
  readonly phase: LroPhase;
  readonly initial: RequestLogEntry;
  readonly polls: readonly RequestLogEntry[];
}

/** How the log's requests of one deployment divide. */
export interface DeploymentRequests {
  /** Every Resource Manager request from "Deploy and register" to the command's return. */
  readonly arm: readonly RequestLogEntry[];
  readonly entra: readonly RequestLogEntry[];
  /** The request each leaf phase was (the `await` phases: every read they made), per step. */
  readonly byPhase: ReadonlyMap<LeafPhase, readonly RequestLogEntry[]>;
  /** Phases of the model the log does not show (the model no longer describes the product). */
  readonly missing: readonly { readonly step: string; readonly phase: LeafPhase }[];
  readonly lros: readonly LroInLog[];
  /** Polls the bench could not tie to an LRO of the model. */
  readonly strayPolls: readonly RequestLogEntry[];
  /** Requests neither the model nor polling accounts for (e.g. the tree re-reading the configuration server). */
  readonly others: readonly RequestLogEntry[];
}

/**
 * Ties the log's requests of one deployment to the model: each step's requests are looked for, in order, among the
 * requests that reached the emulator while the step ran; each operation's polls go to the LRO of the same namespace
 * that started last before its first poll (the LROs of one namespace on the deployment's path never overlap).
 */
export function divideRequests(entries: readonly RequestLogEntry[], run: { startedAt: number; endedAt: number }, steps: readonly StepModel[], windows: readonly StepWindow[]): DeploymentRequests {
  const inRun = entries.filter((entry) => startOf(entry) >= run.startedAt && startOf(entry) <= run.endedAt);
  const entra = inRun.filter(isEntraRequest);
  const arm = inRun.filter((entry) => !isEntraRequest(entry));
  const polls = arm.filter((entry) => polledOperation(entry) !== undefined);
  const used = new Set<number>();
  const byPhase = new Map<LeafPhase, RequestLogEntry[]>();
  const missing: { step: string; phase: LeafPhase }[] = [];
  const lroStarts: { step: string; phase: LroPhase; initial: RequestLogEntry }[] = [];
  for (const step of steps) {
    const window = windows.find((candidate) => candidate.id === step.id);
    // A request reaches the emulator after its step's "started" line (a little clock slack) and before "done in".
    const during = arm.filter((entry) => window !== undefined && startOf(entry) >= window.startedAt - 50 && startOf(entry) < window.endedAt && polledOperation(entry) === undefined);
    for (const phase of leafPhases(step.phases)) {
      const matching = during.filter((entry) => !used.has(entry.sequence) && entry.method === phase.method && phase.path.test(entry.path));
      const taken = phase.kind === 'await' ? matching : matching.slice(0, 1);
      if (taken.length === 0) {
        missing.push({ step: step.id, phase });
        continue;
      }
      for (const entry of taken) {
        used.add(entry.sequence);
      }
      byPhase.set(phase, taken);
      if (phase.kind === 'lro') {
        lroStarts.push({ step: step.id, phase, initial: taken[0] });
      }
    }
  }

  const operations = new Map<string, RequestLogEntry[]>();
  for (const poll of polls) {
    const operation = polledOperation(poll);
    if (operation !== undefined) {
      operations.set(`${operation.namespace} ${operation.id}`, [...(operations.get(`${operation.namespace} ${operation.id}`) ?? []), poll]);
    }
  }
  const lros: LroInLog[] = [];
  const strayPolls: RequestLogEntry[] = [];
  const claimed = new Set<LroPhase>();
  const byFirstPoll = [...operations.entries()].sort(([, a], [, b]) => startOf(a[0]) - startOf(b[0]));
  for (const [key, operationPolls] of byFirstPoll) {
    const namespace = key.split(' ')[0] ?? '';
    const firstPoll = startOf(operationPolls[0]);
    const owner = lroStarts
      .filter((start) => !claimed.has(start.phase) && namespaceOf(start.initial.path) === namespace && startOf(start.initial) < firstPoll)
      .at(-1);
    if (owner === undefined) {
      strayPolls.push(...operationPolls);
      continue;
    }
    claimed.add(owner.phase);
    lros.push({ ...owner, polls: operationPolls });
  }
  for (const start of lroStarts.filter((candidate) => !claimed.has(candidate.phase))) {
    lros.push({ ...start, polls: [] });
  }
  lros.sort((a, b) => startOf(a.initial) - startOf(b.initial));
  const others = arm.filter((entry) => !used.has(entry.sequence) && polledOperation(entry) === undefined);
  return { arm, entra, byPhase, missing, lros, strayPolls, others };
}

/** A poll that came sooner than the Retry-After of the answer before it. */
export interface EarlyPoll {
  readonly index: number;
  readonly waitedMs: number;
}

/**
 * The log's times are whole milliseconds (Date.now() as each request reaches the emulator): a difference of two can
 * be up to 1 ms short of the real one.
 */
export const LOG_RESOLUTION_MS = 1;

/**
 * An LRO's polls as the client paced them, and the LRO's end as the emulator timed it. A poll's wait is the most the
 * client can have waited after the answer before it: from that request reaching the emulator plus the `latencyMs`
 * the emulator held its answer (the answer cannot have left sooner), to the poll reaching the emulator. It does not
 * use when the emulator noted the answer's end: Node notes that when its event loop gets to it, some milliseconds late.
 */
export function pollingOf(lro: LroInLog, lroDurationMs: number, latencyMs: number): { waitsMs: number[]; intervalsMs: number[]; endedAt: number; noticedAt: number } {
  const requests = [lro.initial, ...lro.polls];
  const waitsMs = lro.polls.map((poll, index) => startOf(poll) - (startOf(requests[index]) + latencyMs));
  const intervalsMs = lro.polls.slice(1).map((poll, index) => startOf(poll) - startOf(lro.polls[index]));
  // The emulator starts the operation once it has held the first request `latencyMs`, and ends it lroDurationMs later.
  const endedAt = startOf(lro.initial) + latencyMs + lroDurationMs;
  const noticedAt = answeredAt(requests[requests.length - 1]);
  return { waitsMs, intervalsMs, endedAt, noticedAt };
}

/** The polls whose wait was shorter than `retryAfterSeconds` (beyond the log's resolution). */
export function earlyPolls(waitsMs: readonly number[], retryAfterSeconds: number | undefined): EarlyPoll[] {
  if (retryAfterSeconds === undefined) {
    return [];
  }
  return waitsMs.flatMap((waitedMs, index) => (waitedMs < retryAfterSeconds * 1000 - LOG_RESOLUTION_MS ? [{ index, waitedMs }] : []));
}

/** The reads of an await phase (the heartbeat), if the model has one in `step`. */
export function awaitReads(requests: DeploymentRequests, step: StepModel | undefined): { phase: AwaitPhase; reads: readonly RequestLogEntry[] } | undefined {
  const phase = step === undefined ? undefined : leafPhases(step.phases).find((candidate): candidate is AwaitPhase => candidate.kind === 'await');
  return phase === undefined ? undefined : { phase, reads: requests.byPhase.get(phase) ?? [] };
}
