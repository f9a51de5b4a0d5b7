/**
 * The deploy benchmark's critical path: what each step of a deployment asks Azure for, one request after another,
 * and the longest chain of dependent steps those requests and the emulator's configured durations make.
 *
 * Every request costs the emulator's `latencyMs` (it waits that long before it handles a request). A long-running
 * operation (LRO) costs its first request's latency, then its configured duration from `lroDurationsMs`: the
 * emulator starts the operation once it handles that request, and a poll that reaches the emulator as the operation
 * ends could see it ended at once, so polls cost nothing on the path (what they do cost is the benchmark's finding).
 * The reads that follow an LRO (the SDK's final GET of a created resource, the run command's instance view) are
 * requests like any other. The heartbeat's read can see the process server at the earliest `registrationDelayMs`
 * after the registration run command ended (the emulator adds it then, README "registration contract").
 *
 * Which requests a step makes, in which order, is read from the product (src/deployment/steps/*.ts,
 * src/registration/*Step.ts, src/services/deploymentService.ts); the bench matches each one to the emulator's
 * request log, so that a step that starts asking for something else shows up as a request the model misses.
 */
import type { DeploymentPlan } from '../../src/deployment/deploymentPlan';

/** Names a request of the model: how it is told apart in the request log. */
export interface RequestPattern {
  /** What the output calls it, e.g. "GET storage account". */
  readonly what: string;
  readonly method: string;
  readonly path: RegExp;
}

/** One request, answered at once (a read, or a synchronous write). */
export interface RequestPhase extends RequestPattern {
  readonly kind: 'request';
}

/** A request that starts an LRO lasting `lroDurationsMs[durationKey]`. */
export interface LroPhase extends RequestPattern {
  readonly kind: 'lro';
  readonly durationKey: string;
  /** Names the moment the operation ends, for an `await` phase of a later step. */
  readonly endsAs?: string;
}

/** Branches that run side by side (Promise.all in the product); the phase ends with the longest. */
export interface ParallelPhase {
  readonly kind: 'parallel';
  readonly branches: readonly (readonly Phase[])[];
}

/** Reads repeated until what `after` names has happened plus `delayMs`: at least one read. */
export interface AwaitPhase extends RequestPattern {
  readonly kind: 'await';
  readonly after: string;
  readonly delayMs: number;
}

export type Phase = RequestPhase | LroPhase | ParallelPhase | AwaitPhase;
export type LeafPhase = Exclude<Phase, ParallelPhase>;

/** A step of the product's graph (stepsForPlan), with the requests the model says it makes. */
export interface StepModel {
  readonly id: string;
  readonly dependsOn: readonly string[];
  readonly phases: readonly Phase[];
}

/** The emulator's timing knobs the path depends on. */
export interface PathTiming {
  readonly latencyMs: number;
  readonly lroDurationMs: (key: string) => number;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A request to exactly this path (ARM paths compare case-insensitively; the SDKs spell `resourcegroups` variously). */
function exactly(path: string): RegExp {
  return new RegExp(`^${escapeRegExp(path)}$`, 'i');
}

function resourceId(plan: DeploymentPlan, type: string): string {
  const found = plan.resources.find((resource) => resource.type.toLowerCase() === type.toLowerCase());
  if (found === undefined) {
    throw new Error(`The plan has no ${type}.`);
  }
  return found.id;
}

/** The run commands the path check and the registration run (src/registration/pathCheckStep.ts, registrationStep.ts). */
const PATH_CHECK_RUN_COMMAND = 'asr-failback-check-path';
const REGISTRATION_RUN_COMMAND = 'asr-failback-register';

/**
 * The requests each step of `plan` makes one after another (the bench's plan: a new resource group and a new
 * storage account, the installer downloaded by the VM, every provider already registered), and when the process
 * server appears (`registrationDelayMs` after the registration run command ended).
 */
export function stepPhases(plan: DeploymentPlan, registrationDelayMs: number): Record<string, readonly Phase[]> {
  const subscription = `/subscriptions/${plan.subscriptionId}`;
  const group = plan.resources.find((resource) => resource.type === 'Microsoft.Resources/resourceGroups');
  const storage = plan.resources.find((resource) => resource.type === 'Microsoft.Storage/storageAccounts');
  const nic = resourceId(plan, 'Microsoft.Network/networkInterfaces');
  const vm = resourceId(plan, 'Microsoft.Compute/virtualMachines');
  const fabric = plan.configurationServer.fabricId;
  // One object per request: the bench ties each phase object to the one request it was.
  const provider: RequestPhase = { kind: 'request', what: 'GET provider', method: 'GET', path: new RegExp(`^${escapeRegExp(subscription)}/providers/[^/]+$`, 'i') };
  const runCommand = (name: string, what: string, endsAs?: string): Phase[] => [
    {
      kind: 'lro',
      what: `PUT run command ${name} (${what})`,
      method: 'PUT',
      path: exactly(`${vm}/runCommands/${name}`),
      durationKey: 'microsoft.compute/virtualmachines/runcommands',
      ...(endsAs === undefined ? {} : { endsAs }),
    },
    // The SDK's final GET of the run command, then the product's own GET with its instance view (vmScript.ts).
    { kind: 'request', what: `GET run command ${name} (the SDK's final GET)`, method: 'GET', path: exactly(`${vm}/runCommands/${name}`) },
    { kind: 'request', what: `GET run command ${name} (instance view)`, method: 'GET', path: exactly(`${vm}/runCommands/${name}`) },
  ];
  return {
    // Three providers read side by side (registerProvidersStep.ts): all Registered in the demo seed.
    providers: [{ kind: 'parallel', branches: [[{ ...provider }], [{ ...provider }], [{ ...provider }]] }],
    resourceGroup:
      group === undefined
        ? []
        : [
            { kind: 'request', what: 'GET resource group (not there yet)', method: 'GET', path: exactly(`${subscription}/resourcegroups/${group.name}`) },
            { kind: 'request', what: 'PUT resource group (synchronous)', method: 'PUT', path: exactly(`${subscription}/resourcegroups/${group.name}`) },
          ],
    storageAccount:
      storage === undefined
        ? []
        : [
            { kind: 'request', what: 'GET storage account (not there yet)', method: 'GET', path: exactly(storage.id) },
            ...(storage.create
              ? [{ kind: 'lro', what: 'PUT storage account', method: 'PUT', path: exactly(storage.id), durationKey: 'microsoft.storage/storageaccounts' } satisfies LroPhase]
              : []),
          ],
    networkInterface: [
      { kind: 'request', what: 'GET NIC (not there yet)', method: 'GET', path: exactly(nic) },
      { kind: 'lro', what: 'PUT NIC', method: 'PUT', path: exactly(nic), durationKey: 'microsoft.network/networkinterfaces' },
      { kind: 'request', what: "GET NIC (the SDK's final GET)", method: 'GET', path: exactly(nic) },
    ],
    virtualMachine: [
      { kind: 'request', what: 'GET VM (not there yet)', method: 'GET', path: exactly(vm) },
      { kind: 'request', what: 'GET OS disk (not there yet)', method: 'GET', path: new RegExp(`^${escapeRegExp(vm.slice(0, vm.toLowerCase().indexOf('/providers/')))}/providers/Microsoft\\.Compute/disks/[^/]+$`, 'i') },
      { kind: 'lro', what: 'PUT VM', method: 'PUT', path: exactly(vm), durationKey: 'microsoft.compute/virtualmachines' },
      { kind: 'request', what: "GET VM (the SDK's final GET)", method: 'GET', path: exactly(vm) },
    ],
    // The path check's script and the NIC's effective routes side by side (pathCheckStep.ts).
    pathCheck: [
      {
        kind: 'parallel',
        branches: [
          runCommand(PATH_CHECK_RUN_COMMAND, 'the path check'),
          [{ kind: 'lro', what: 'POST effectiveRouteTable', method: 'POST', path: exactly(`${nic}/effectiveRouteTable`), durationKey: 'microsoft.network/networkinterfaces/effectiveroutetable' }],
        ],
      },
    ],
    registration: [
      { kind: 'request', what: 'GET fabric (is the process server there already?)', method: 'GET', path: exactly(fabric) },
      ...runCommand(REGISTRATION_RUN_COMMAND, 'Unified Setup', 'registration'),
    ],
    heartbeat: [{ kind: 'await', what: 'GET fabric (the heartbeat)', method: 'GET', path: exactly(fabric), after: 'registration', delayMs: registrationDelayMs }],
  };
}

/** Where a step lies on the modelled timeline, and the leaf phases that decide its length. */
export interface ModelledStep {
  readonly id: string;
  readonly startMs: number;
  readonly endMs: number;
  /** The dependency that ended last (the step starts when it ends), if any. */
  readonly waitedFor: string | undefined;
  /** The leaf phases on the step's longest branch, in order. */
  readonly criticalPhases: readonly LeafPhase[];
}

/** The modelled timeline: every step, and the chain that ends last. */
export interface CriticalPath {
  readonly totalMs: number;
  readonly steps: ReadonlyMap<string, ModelledStep>;
  /** From the first step to the last, the chain whose end is the deployment's end. */
  readonly chain: readonly ModelledStep[];
}

/** Walks `phases` from `startMs`; returns the end and the leaf phases of the longest branch. */
function walk(phases: readonly Phase[], startMs: number, timing: PathTiming, events: Map<string, number>): { endMs: number; critical: LeafPhase[] } {
  let time = startMs;
  const critical: LeafPhase[] = [];
  for (const phase of phases) {
    switch (phase.kind) {
      case 'request':
        time += timing.latencyMs;
        critical.push(phase);
        break;
      case 'lro':
        time += timing.latencyMs + timing.lroDurationMs(phase.durationKey);
        critical.push(phase);
        if (phase.endsAs !== undefined) {
          events.set(phase.endsAs, time);
        }
        break;
      case 'await': {
        const after = events.get(phase.after);
        if (after === undefined) {
          throw new Error(`Nothing before "${phase.what}" ends as "${phase.after}".`);
        }
        time = Math.max(time + timing.latencyMs, after + phase.delayMs);
        critical.push(phase);
        break;
      }
      case 'parallel': {
        const branches = phase.branches.map((branch) => walk(branch, time, timing, events));
        const longest = branches.reduce((best, branch) => (branch.endMs > best.endMs ? branch : best));
        time = longest.endMs;
        critical.push(...longest.critical);
        break;
      }
    }
  }
  return { endMs: time, critical };
}

/** The earliest each step could end, as the graph and the timing allow, and the longest chain of dependent steps. */
export function criticalPath(steps: readonly StepModel[], timing: PathTiming): CriticalPath {
  const known = new Set(steps.map((step) => step.id));
  const modelled = new Map<string, ModelledStep>();
  const events = new Map<string, number>();
  const pending = [...steps];
  while (pending.length > 0) {
    const index = pending.findIndex((step) => step.dependsOn.every((id) => !known.has(id) || modelled.has(id)));
    if (index < 0) {
      throw new Error(`The steps ${pending.map((step) => step.id).join(', ')} wait for each other.`);
    }
    const [step] = pending.splice(index, 1);
    const dependencies = step.dependsOn.flatMap((id) => modelled.get(id) ?? []);
    const waitedFor = dependencies.reduce<ModelledStep | undefined>((last, dependency) => (last === undefined || dependency.endMs > last.endMs ? dependency : last), undefined);
    const startMs = waitedFor?.endMs ?? 0;
    const { endMs, critical } = walk(step.phases, startMs, timing, events);
    modelled.set(step.id, { id: step.id, startMs, endMs, waitedFor: waitedFor?.id, criticalPhases: critical });
  }
  const last = [...modelled.values()].reduce((best, step) => (step.endMs > best.endMs ? step : best));
  const chain: ModelledStep[] = [];
  for (let step: ModelledStep | undefined = last; step !== undefined; step = step.waitedFor === undefined ? undefined : modelled.get(step.waitedFor)) {
    chain.unshift(step);
  }
  return { totalMs: last.endMs, steps: modelled, chain };
}

/** The leaf phases of a step, in order, every branch's. */
export function leafPhases(phases: readonly Phase[]): LeafPhase[] {
  return phases.flatMap((phase) => (phase.kind === 'parallel' ? phase.branches.flatMap((branch) => leafPhases(branch)) : [phase]));
}
