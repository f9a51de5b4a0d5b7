/**
 * The wizard bench (extensionHostBench.ts runs it, from the first deployment's wizard): per prompt of "Add Process
 * Server in Azure", how long the user waits on Azure between answering one step and seeing the next, with 100 ms on
 * every request. The scripted answers come the moment a prompt shows its items (or its suggested value), so a wait is
 * from that moment at the prompt before (its Azure-side check included) to the moment this prompt shows what it
 * offers; the first prompt's wait runs from the command's start.
 *
 * "Could have started earlier": each request a prompt may have waited for (it reached the emulator after the answer
 * before and was answered before the prompt showed) is tied to the latest answer it names (an id, a name or a typed
 * text from that answer in its path, query or body). One that names no answer after an earlier one could have been
 * sent as soon as that answer was given (at the wizard's start when it names none). The prompt is said to wait for it
 * when it was answered no sooner than every request of the window that names the answer just given: a read started
 * early for a later prompt (the product's early reads) that is answered before those is not what this prompt waited for.
 * This is read from the request log alone (the product reports no more), so it names candidates, not proof.
 */
import type { RequestLogEntry } from '../emulator/control/requestLog';
import type { BenchRow } from './benchTable';
import type { DeployBenchRunResult, PromptTiming } from './deployBenchHost';
import { answeredAt, isEntraRequest, startOf } from './deployRequestLog';

/** The issue's target: no prompt waits longer than this many requests. */
const TARGET_REQUESTS = 2;
/** Clock slack between the extension host's Date.now() and the emulator's (one machine, two processes). */
const SLACK_MS = 5;

interface PromptWait {
  readonly index: number;
  readonly prompt: PromptTiming;
  readonly waitMs: number;
  readonly openedAfterMs: number;
  readonly waitedFor: readonly RequestLogEntry[];
  /** Requests sent before the answer and answered while the prompt was awaited (started earlier: never flagged). */
  readonly inFlightBefore: readonly RequestLogEntry[];
  /** Requests waited for that named no answer after `sinceAnswer` (-1: none at all). */
  readonly early: readonly { readonly request: RequestLogEntry; readonly sinceAnswer: number }[];
}

function shortPath(entry: RequestLogEntry): string {
  const segments = entry.path.split('/').filter((segment) => segment !== '');
  return `${entry.method} ${segments.length > 2 ? '…/' : '/'}${segments.slice(-2).join('/')}`;
}

function describe(prompt: PromptTiming, index: number, length = 60): string {
  const position = prompt.totalSteps > 0 ? `step ${String(prompt.step)}/${String(prompt.totalSteps)}` : prompt.kind;
  return `#${String(index + 1)} ${position} "${prompt.text.length > length ? `${prompt.text.slice(0, length - 3)}...` : prompt.text}"`;
}

/** The latest prompt (index) whose answer `entry` names, or -1. */
function latestAnswerNamed(entry: RequestLogEntry, prompts: readonly PromptTiming[], before: number): number {
  const text = `${entry.path}?${entry.query} ${entry.body === undefined ? '' : JSON.stringify(entry.body)}`.toLowerCase();
  for (let index = before; index >= 0; index -= 1) {
    if (prompts[index].tokens.some((token) => text.includes(token))) {
      return index;
    }
  }
  return -1;
}

function waitsOf(run: DeployBenchRunResult, entries: readonly RequestLogEntry[]): PromptWait[] {
  return run.prompts.map((prompt, index) => {
    const answered = index === 0 ? run.wizardStartedAt : run.prompts[index - 1].shownAt;
    const waitedFor = entries.filter((entry) => startOf(entry) >= answered - SLACK_MS && answeredAt(entry) <= prompt.shownAt + SLACK_MS);
    const inFlightBefore = entries.filter((entry) => startOf(entry) < answered - SLACK_MS && answeredAt(entry) > answered && answeredAt(entry) <= prompt.shownAt + SLACK_MS);
    const named = waitedFor.filter((entry) => !isEntraRequest(entry)).map((request) => ({ request, sinceAnswer: latestAnswerNamed(request, run.prompts, index - 1) }));
    // The requests that name the answer just given: what the prompt waited for at least.
    const dependentEnd = Math.max(0, ...named.filter((candidate) => candidate.sinceAnswer === index - 1).map((candidate) => answeredAt(candidate.request)));
    const early = index === 0 ? [] : named.filter((candidate) => candidate.sinceAnswer < index - 1 && answeredAt(candidate.request) >= dependentEnd);
    return { index, prompt, waitMs: prompt.shownAt - answered, openedAfterMs: prompt.openedAt - answered, waitedFor, inFlightBefore, early };
  });
}

/** Prints each prompt's wait and returns the wizard's rows for the bench table. */
export function reportWizard(run: DeployBenchRunResult, entries: readonly RequestLogEntry[], latencyMs: number): BenchRow[] {
  const waits = waitsOf(run, entries);
  console.log(
    `wizard "Add Process Server in Azure" (${String(waits.length)} prompts, the first deployment's), ${String(latencyMs)} ms added to every request: ` +
      'per prompt, the wait from the answer before (the command\'s start for the first) to its items or suggested value, and the requests it waited for:',
  );
  for (const wait of waits) {
    const requests = wait.waitedFor.map((entry) => `${shortPath(entry)} ${String(entry.durationMs ?? 0)} ms`).join(', ');
    const early = wait.early
      .map(({ request, sinceAnswer }) => `${shortPath(request)} (${sinceAnswer < 0 ? 'names no answer' : `names no answer after #${String(sinceAnswer + 1)}`})`)
      .join(', ');
    console.log(
      `  ${describe(wait.prompt, wait.index)}: ${String(wait.waitMs)} ms (open after ${String(wait.openedAfterMs)} ms), ` +
        `${String(wait.waitedFor.length)} request(s)${requests === '' ? '' : `: ${requests}`}` +
        (wait.inFlightBefore.length === 0 ? '' : `; and ${String(wait.inFlightBefore.length)} sent before the answer, still in flight`) +
        (early === '' ? '' : `; COULD HAVE STARTED EARLIER: ${early}`),
    );
  }
  const longest = waits.reduce<PromptWait | undefined>((best, wait) => (best === undefined || wait.waitMs > best.waitMs ? wait : best), undefined);
  const flagged = waits.filter((wait) => wait.early.length > 0);
  return [
    {
      figure: `wizard: longest wait on Azure between two steps (${String(waits.length)} prompts)`,
      measured: longest?.waitMs ?? 0,
      unit: 'ms',
      target: TARGET_REQUESTS * latencyMs,
      targetBasis: `${String(TARGET_REQUESTS)} x one request's ${String(latencyMs)} ms`,
      ...(longest === undefined ? {} : { note: describe(longest.prompt, longest.index, 30) }),
    },
    {
      figure: 'wizard: prompts waiting for a request that could have started earlier',
      measured: flagged.length,
      unit: 'count',
      target: 0,
      ...(flagged.length === 0 ? {} : { note: flagged.map((wait) => describe(wait.prompt, wait.index, 30)).join('; ') }),
    },
  ];
}
