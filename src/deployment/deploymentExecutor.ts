import { isAbortError } from '../azure/azureErrors';
import type { DeploymentStepId } from './deploymentLedger';
import type { DeploymentRun, ExecuteStep } from './executeStep';

/** How a run of the steps ended. */
export type ExecutionOutcome =
  | { readonly kind: 'succeeded' }
  /** The first step that failed, with its error; steps running beside it were let finish. */
  | { readonly kind: 'failed'; readonly step: ExecuteStep; readonly error: unknown }
  /** The user cancelled: `step` is the first (in the plan's order) of the steps it stopped, or the next one to run. */
  | { readonly kind: 'cancelled'; readonly step: ExecuteStep | undefined };

/** What the executor tells its caller as it goes (progress notification, output channel, ledger). */
export interface ExecutionObserver {
  stepStarted(step: ExecuteStep): void;
  stepSucceeded(step: ExecuteStep, durationMs: number): Promise<void>;
  stepFailed(step: ExecuteStep, error: unknown, durationMs: number): void;
}

/**
 * Runs `steps` as their dependencies allow: a step starts as soon as every step it depends on (among `steps`) has
 * succeeded, beside the others, up to `maxParallel` at once. `done` are steps an earlier run completed: they count as
 * succeeded and do not run again. After a failure nothing new starts, the running steps finish, and the first failure
 * is reported; a cancel (`signal`) aborts the running steps through their signal.
 */
export async function executeSteps(
  steps: readonly ExecuteStep[],
  run: DeploymentRun,
  options: { readonly signal: AbortSignal; readonly maxParallel: number; readonly done: ReadonlySet<DeploymentStepId>; readonly observer: ExecutionObserver },
): Promise<ExecutionOutcome> {
  const { signal, maxParallel, observer } = options;
  const known = new Set(steps.map((step) => step.id));
  const succeeded = new Set<DeploymentStepId>([...options.done].filter((id) => known.has(id)));
  const pending = steps.filter((step) => !succeeded.has(step.id));
  const running = new Map<DeploymentStepId, Promise<void>>();
  let failure: { step: ExecuteStep; error: unknown } | undefined;
  const cancelledSteps = new Set<ExecuteStep>();

  const isReady = (step: ExecuteStep): boolean => step.dependsOn.every((id) => !known.has(id) || succeeded.has(id));
  const start = (step: ExecuteStep): void => {
    const startedAt = performance.now();
    observer.stepStarted(step);
    const work = step
      .execute(run, signal)
      .then(
        async () => {
          succeeded.add(step.id);
          await observer.stepSucceeded(step, performance.now() - startedAt);
        },
        (error: unknown) => {
          if (signal.aborted && isAbortError(error)) {
            cancelledSteps.add(step);
          } else {
            failure ??= { step, error };
          }
          observer.stepFailed(step, error, performance.now() - startedAt);
        },
      )
      .finally(() => {
        running.delete(step.id);
      });
    running.set(step.id, work);
  };

  for (;;) {
    if (failure === undefined && !signal.aborted) {
      for (const step of pending.filter(isReady)) {
        if (running.size >= maxParallel) {
          break;
        }
        pending.splice(pending.indexOf(step), 1);
        start(step);
      }
    }
    if (running.size === 0) {
      break;
    }
    await Promise.race(running.values());
  }

  if (failure !== undefined) {
    return { kind: 'failed', step: failure.step, error: failure.error };
  }
  if (signal.aborted) {
    // The first of the steps the cancel stopped, in the plan's order; between two steps, the one that would have run next.
    return { kind: 'cancelled', step: steps.find((step) => cancelledSteps.has(step)) ?? pending.find(isReady) ?? pending.at(0) };
  }
  if (pending.length > 0) {
    throw new Error(`The steps ${pending.map((step) => step.id).join(', ')} depend on steps that never ran.`);
  }
  return { kind: 'succeeded' };
}
