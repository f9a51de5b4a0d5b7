/**
 * The deploy bench (extensionHostBench.ts runs it): a deployment of a process server, end to end in a real extension
 * host against the emulator, with the operations' durations scaled down. Prints the deployment's wall time against its
 * critical path (the longest chain of dependent steps, from the durations configured below and the product's own step
 * graph; deployCriticalPath.ts), the Resource Manager requests it made, and each LRO's polls with the waits between
 * them against the Retry-After the emulator sent. Figures, never assertions: these machines are shared and noisy.
 *
 * Two deployments, each printed with its own figures only: the first with the extension's production pacing
 * (setDeploymentPacing is not called: the SDK's pollers follow Retry-After, and the extension re-reads every 10 s what
 * no operation reports, i.e. the heartbeat); the second, labelled as such, with only that re-read interval shortened,
 * to show what it costs and what is left without it. The table takes the first's wall time; polls sooner than
 * Retry-After count in both.
 */
import type { RequestLogEntry } from '../emulator/control/requestLog';
import { lroDurationFor, type EmulatorSettings } from '../emulator/arm/settings';
import type { BenchRow } from './benchTable';
import type { DeployBenchRun, DeployBenchRunResult } from './deployBenchHost';
import { criticalPath, stepPhases, type CriticalPath, type PathTiming, type StepModel } from './deployCriticalPath';
import { answeredAt, awaitReads, divideRequests, earlyPolls, LOG_RESOLUTION_MS, pollingOf, startOf, type DeploymentRequests, type LroInLog } from './deployRequestLog';
import { productStepGraph } from './productStepGraph';

/** Added to every request: a round trip to Resource Manager. */
const LATENCY_MS = 100;
/**
 * `Retry-After` in whole seconds, as ARM sends it (on the 201/202 that starts an LRO and on every answer while it
 * runs, test/emulator/arm/operations.ts); the smallest it can be, as the durations are scaled down.
 */
const RETRY_AFTER_SECONDS = 1;
/**
 * Each operation's duration (test/emulator/README.md, `lroDurationsMs` keys), roughly in a real deployment's
 * proportions (the VM by far the longest, the storage account and each script a third of it, the NIC and the route
 * table short), scaled so that a deployment takes about half a minute.
 */
const LRO_DURATIONS_MS: Record<string, number> = {
  'microsoft.storage/storageaccounts': 4_000,
  'microsoft.network/networkinterfaces': 1_000,
  'microsoft.compute/virtualmachines': 12_000,
  'microsoft.compute/virtualmachines/runcommands': 4_000,
  'microsoft.network/networkinterfaces/effectiveroutetable': 1_000,
};
/** From the registration run command's end to the process server in its configuration server's fabric. */
const REGISTRATION_DELAY_MS = 2_000;
/** The issue's target: the wall time at most this many times the critical path. */
const TARGET_RATIO = 1.1;
/** The extension's production re-check interval (src/session/extensionSession.ts DEPLOYMENT_PACING), for the labels only. */
const PRODUCTION_RECHECK_MS = 10_000;
/** The labelled second run's re-check interval: as often as Retry-After asks the SDK to poll. */
const BENCH_RECHECK_MS = RETRY_AFTER_SECONDS * 1000;

export const DEPLOY_RUNS: readonly DeployBenchRun[] = [
  { label: `production pacing (setDeploymentPacing not called: the SDK's pollers follow Retry-After, the extension re-checks every ${seconds(PRODUCTION_RECHECK_MS, 0)})` },
  {
    label: `BENCH-ONLY pacing: recheckIntervalMs ${seconds(BENCH_RECHECK_MS, 0)} instead of ${seconds(PRODUCTION_RECHECK_MS, 0)} (the heartbeat's re-reads); the SDK's pollers unchanged, following Retry-After`,
    recheckIntervalMs: BENCH_RECHECK_MS,
  },
];

/** The emulator's settings the deployments need (the tree's latency is the same 100 ms). */
export const DEPLOY_SETTINGS = {
  latencyMs: LATENCY_MS,
  retryAfterSeconds: RETRY_AFTER_SECONDS,
  registrationDelayMs: REGISTRATION_DELAY_MS,
  lroDurationsMs: LRO_DURATIONS_MS,
} as const;

function seconds(ms: number, digits = 2): string {
  return `${(ms / 1000).toFixed(digits)} s`;
}

const LABELS: Partial<Record<string, string>> = {
  'microsoft.storage/storageaccounts': 'storage account',
  'microsoft.network/networkinterfaces': 'NIC',
  'microsoft.compute/virtualmachines': 'VM',
  'microsoft.compute/virtualmachines/runcommands': 'each run command',
  'microsoft.network/networkinterfaces/effectiveroutetable': 'NIC effective routes',
};

function settingsLine(settings: EmulatorSettings): string {
  const lros = Object.entries(LRO_DURATIONS_MS)
    .map(([key]) => `${LABELS[key] ?? key} ${seconds(lroDurationFor(settings, key), 1)}`)
    .join(', ');
  const retryAfter = settings.retryAfterSeconds === undefined ? 'no Retry-After' : `Retry-After ${String(settings.retryAfterSeconds)} s on every 201/202 and in-progress answer`;
  return (
    `deploy of a process server (new resource group and storage account) against the emulator: ${String(settings.latencyMs)} ms added to every request, ` +
    `${retryAfter}, LROs: ${lros}; the process server appears ${seconds(settings.registrationDelayMs, 1)} after its registration run command ends`
  );
}

function criticalPathLine(path: CriticalPath, latencyMs: number): string {
  const chain = path.chain.map((step) => `${step.id} ${seconds(step.endMs - step.startMs)}`).join(' -> ');
  return `  critical path ${seconds(path.totalMs)} (the longest chain of dependent steps: LRO durations + ${String(latencyMs)} ms per request on it, polls free): ${chain}`;
}

/** One run's figures, what its parts of the report share. */
interface RunReport {
  readonly result: DeployBenchRunResult;
  readonly steps: readonly StepModel[];
  readonly path: CriticalPath;
  readonly settings: EmulatorSettings;
  readonly requests: DeploymentRequests;
  /** "+12.34 s" from "Deploy and register". */
  readonly at: (time: number) => string;
}

function recheckOf(result: DeployBenchRunResult): string {
  return seconds(result.recheckIntervalMs ?? PRODUCTION_RECHECK_MS, 0);
}

/** Each step's start and duration as the extension logged them, beside the model's. */
function printSteps({ result, steps, path, at }: RunReport): void {
  const onChain = new Set(path.chain.map((step) => step.id));
  console.log('  steps (* on the critical path), measured from the extension log [model]:');
  for (const step of steps) {
    const window = result.steps.find((candidate) => candidate.id === step.id);
    const modelled = path.steps.get(step.id);
    const measured = window === undefined ? 'did not run' : `${at(window.startedAt).padStart(8)} ${seconds(window.endedAt - window.startedAt).padStart(7)}`;
    const model = modelled === undefined ? '' : `[+${seconds(modelled.startMs)} ${seconds(modelled.endMs - modelled.startMs).padStart(7)}]`;
    console.log(`    ${(onChain.has(step.id) ? '* ' : '  ') + step.id.padEnd(17)} ${measured}  ${model}`);
  }
}

/** How many Resource Manager requests the deployment made, and for what. */
function printRequests({ result, requests }: RunReport, heartbeatReads: number): void {
  for (const { step, phase } of requests.missing) {
    console.log(`  MODEL OUT OF DATE: the log shows no "${phase.what}" (${phase.method}) while ${step} ran: the critical path above does not describe this product`);
  }
  const polls = requests.lros.reduce((sum, lro) => sum + lro.polls.length, 0) + requests.strayPolls.length;
  const modelled = [...requests.byPhase.entries()].reduce((sum, [phase, taken]) => sum + (phase.kind === 'await' ? 1 : taken.length), 0);
  const fabricPath = result.plan?.configurationServer.fabricId.toLowerCase();
  const fabricRead = "GET the configuration server's fabric";
  const others = requests.others.map((entry) => (entry.path.toLowerCase() === fabricPath ? fabricRead : `${entry.method} …/${entry.path.split('/').slice(-2).join('/')}`));
  const otherCounts = [...new Set(others)].map((other) => `${other} x${String(others.filter((candidate) => candidate === other).length)}`);
  const treeRefreshes = others.length > 0 && others.every((other) => other === fabricRead) ? ', the tree refreshing the configuration server' : '';
  console.log(
    `  ARM requests: ${String(requests.arm.length)} (${String(modelled)} the steps' own, as the model has them; ${String(Math.max(0, heartbeatReads - 1))} more heartbeat read(s); ` +
      `${String(polls)} polls of ${String(requests.lros.length)} LROs; ${String(requests.others.length)} other(s)` +
      `${otherCounts.length === 0 ? '' : `: ${otherCounts.join(', ')}`}${treeRefreshes}); Entra ID token requests: ${String(requests.entra.length)}`,
  );
  if (requests.strayPolls.length > 0) {
    console.log(`  ${String(requests.strayPolls.length)} poll(s) the bench could not tie to an LRO of the model`);
  }
}

/**
 * Each LRO's polls and waits against Retry-After, and the check that no poll came sooner; returns how long the
 * critical path's LROs had ended before a poll saw it. An LRO on the chain delays it by that time, unless what
 * comes after waits for its end itself (the heartbeat waits for the registration delay from the run command's end).
 */
function printPolls({ path, settings, requests, at }: RunReport): { chainPollingMs: number; chainLros: number; earlyPolls: number } {
  const retryAfter = settings.retryAfterSeconds;
  const chainPhases = new Set(path.chain.flatMap((step) => step.criticalPhases));
  const awaited = new Set(path.chain.flatMap((step) => step.criticalPhases.flatMap((phase) => (phase.kind === 'await' ? [phase.after] : []))));
  const delaysChain = (lro: LroInLog): boolean => chainPhases.has(lro.phase) && (lro.phase.endsAs === undefined || !awaited.has(lro.phase.endsAs));
  console.log(
    `  polls per LRO (* on the critical path), each poll's wait in ms after the answer before it (the time between the two requests less the ` +
      `${String(settings.latencyMs)} ms the emulator held that answer: the most the client can have waited), against the Retry-After that answer sent ` +
      `(${retryAfter === undefined ? 'none' : `${String(retryAfter * 1000)} ms`}; ! marks a poll sooner than that):`,
  );
  const early: string[] = [];
  let chainPollingMs = 0;
  for (const lro of requests.lros) {
    const duration = lroDurationFor(settings, lro.phase.durationKey);
    const { waitsMs, intervalsMs, endedAt, noticedAt } = pollingOf(lro, duration, settings.latencyMs);
    const soon = earlyPolls(waitsMs, retryAfter);
    if (delaysChain(lro)) {
      chainPollingMs += Math.max(0, noticedAt - endedAt);
    }
    const waits = waitsMs.map((wait, index) => `${String(wait)}${soon.some((poll) => poll.index === index) ? '!' : ''}`).join(' ');
    const apart = intervalsMs.length === 0 ? '' : ` (polls ${seconds(Math.min(...intervalsMs))}-${seconds(Math.max(...intervalsMs))} apart)`;
    const hidden = chainPhases.has(lro.phase) && !delaysChain(lro) ? ', which costs the chain nothing: the registration delay runs from its end' : '';
    console.log(
      `    ${(chainPhases.has(lro.phase) ? '* ' : '  ') + lro.step.padEnd(17)} ${lro.phase.what}, ${seconds(duration, 1)}: ${String(lro.polls.length)} polls, ` +
        `waits ${waits === '' ? '-' : waits}${apart}; ended ${at(endedAt)}, seen ended ${at(noticedAt)} (${seconds(noticedAt - endedAt)} later${hidden})`,
    );
    for (const poll of soon) {
      const before = poll.index === 0 ? `the ${String(lro.initial.status ?? '-')} that started it` : `poll ${String(poll.index)}'s answer`;
      early.push(`    ${lro.phase.what}: poll ${String(poll.index + 1)} came at most ${String(poll.waitedMs)} ms after ${before}, which said Retry-After: ${String(retryAfter)}`);
    }
  }
  const polls = requests.lros.reduce((sum, lro) => sum + lro.polls.length, 0);
  if (retryAfter === undefined) {
    console.log('  no polling faster than Azure asks: not checked (the emulator sent no Retry-After)');
  } else if (early.length === 0) {
    console.log(`  no polling faster than Azure asks: held (each of the ${String(polls)} polls waited at least Retry-After after the answer before it, to the log's ${String(LOG_RESOLUTION_MS)} ms)`);
  } else {
    console.log(`  no polling faster than Azure asks: FAILED, ${String(early.length)} of ${String(polls)} polls came sooner than the Retry-After of the answer before them (beyond the log's ${String(LOG_RESOLUTION_MS)} ms):`);
    for (const line of early) {
      console.log(line);
    }
  }
  return { chainPollingMs, chainLros: requests.lros.filter(delaysChain).length, earlyPolls: early.length };
}

/** The heartbeat's reads of the fabric, and how long after the process server appeared one saw it (0 without). */
function printHeartbeat({ result, settings, requests, at }: RunReport, heartbeat: ReturnType<typeof awaitReads>): number {
  const registration = requests.lros.find((lro) => lro.phase.endsAs === heartbeat?.phase.after);
  const lastRead = heartbeat?.reads.at(-1);
  if (heartbeat === undefined || registration === undefined || lastRead === undefined) {
    return 0;
  }
  const appearedAt = pollingOf(registration, lroDurationFor(settings, registration.phase.durationKey), settings.latencyMs).endedAt + heartbeat.phase.delayMs;
  const noticedAt = answeredAt(lastRead);
  const apart = heartbeat.reads.slice(1).map((read, index) => startOf(read) - startOf(heartbeat.reads[index]));
  console.log(
    `  heartbeat: ${String(heartbeat.reads.length)} read(s) of the configuration server's fabric${apart.length === 0 ? '' : `, ${apart.map((ms) => seconds(ms)).join(', ')} apart`} ` +
      `(the extension's recheckIntervalMs, ${recheckOf(result)} in this run: a read of the fabric is no LRO and carries no Retry-After); ` +
      `the process server appeared ${at(appearedAt)}, noticed ${at(noticedAt)} (${seconds(noticedAt - appearedAt)} later)`,
  );
  return Math.max(0, noticedAt - appearedAt);
}

/** What one run's figures say, printed under its label. */
/** One run's figures for the bench table. */
interface RunFigures {
  readonly wallMs: number;
  readonly criticalPathMs: number;
  readonly armRequests: number;
  readonly polls: number;
  readonly pollsPerLro: readonly { readonly what: string; readonly polls: number }[];
  readonly earlyPolls: number;
}

function reportRun(index: number, result: DeployBenchRunResult, entries: readonly RequestLogEntry[], steps: readonly StepModel[], path: CriticalPath, settings: EmulatorSettings): RunFigures {
  const wallMs = result.endedAt - result.startedAt;
  const ratio = wallMs / path.totalMs;
  const met = ratio <= TARGET_RATIO;
  console.log(`deploy, run ${String(index + 1)} of ${String(DEPLOY_RUNS.length)}, ${result.label}:`);
  console.log(
    `  wall ${seconds(wallMs)} from "Deploy and register" to the command's return: ${ratio.toFixed(3)}x the critical path ${seconds(path.totalMs)} ` +
      `(target at most ${TARGET_RATIO.toFixed(3)}x: ${met ? 'met' : 'NOT MET'})`,
  );
  const report: RunReport = {
    result,
    steps,
    path,
    settings,
    requests: divideRequests(entries, result, steps, result.steps),
    at: (time) => `+${seconds(time - result.startedAt)}`,
  };
  const heartbeat = awaitReads(report.requests, steps.find((step) => step.id === 'heartbeat'));
  printSteps(report);
  printRequests(report, heartbeat?.reads.length ?? 0);
  const { chainPollingMs, chainLros, earlyPolls } = printPolls(report);
  const heartbeatWaitMs = printHeartbeat(report, heartbeat);
  const figures: RunFigures = {
    wallMs,
    criticalPathMs: path.totalMs,
    armRequests: report.requests.arm.length,
    polls: report.requests.lros.reduce((sum, lro) => sum + lro.polls.length, 0) + report.requests.strayPolls.length,
    pollsPerLro: report.requests.lros.map((lro) => ({ what: `${lro.step} (${LABELS[lro.phase.durationKey]?.replace(/^each /, '') ?? lro.phase.durationKey})`, polls: lro.polls.length })),
    earlyPolls,
  };

  const overMs = wallMs - path.totalMs;
  console.log(
    `  the ${seconds(overMs)} over the critical path: ${seconds(chainPollingMs)} from the chain's LROs' ends to the polls that saw them, ${seconds(heartbeatWaitMs)} the heartbeat's wait ` +
      `between the process server's appearance and a read, ${seconds(overMs - chainPollingMs - heartbeatWaitMs)} the rest (local work between requests, requests slower than ${String(settings.latencyMs)} ms)`,
  );
  if (met) {
    return figures;
  }
  console.log(`  not met: the target leaves ${seconds((TARGET_RATIO - 1) * path.totalMs)} over the critical path, and`);
  if (heartbeatWaitMs > 0) {
    console.log(
      `    - the heartbeat's wait takes ${seconds(heartbeatWaitMs)}: the heartbeat step re-reads the fabric every recheckIntervalMs (${recheckOf(result)} in this run) ` +
        'and Azure sends nothing that says when to look again; whether it should read faster or follow something Azure says is a product decision' +
        (result.recheckIntervalMs === undefined ? ', so this run keeps the production interval' : ''),
    );
  }
  if (chainPollingMs > 0) {
    console.log(
      `    - waiting for polls takes ${seconds(chainPollingMs)} on the chain's ${String(chainLros)} LROs: an LRO is seen to end only at the poll after its end, ` +
        `about half a Retry-After (${String(settings.retryAfterSeconds ?? '-')} s) plus a request later on average, the price of honouring Retry-After`,
    );
  }
  return figures;
}

/** Fails the bench when the extension log's step times do not fall in the run (its time stamps read another clock). */
function checkStepTimes(result: DeployBenchRunResult): void {
  const outside = result.steps.filter((step) => step.startedAt < result.startedAt - 1000 || step.endedAt > result.endedAt + 1000);
  if (result.steps.length === 0 || outside.length > 0) {
    throw new Error(`The extension log's step times do not fall within the run (${outside.map((step) => step.id).join(', ') || 'no step lines'}): are its time stamps in another time zone?`);
  }
}

/** Prints the deployments' figures from the emulator's request log; returns the rows for the bench table. */
export function reportDeploy(results: readonly DeployBenchRunResult[], entries: readonly RequestLogEntry[], settings: EmulatorSettings): BenchRow[] {
  const timing: PathTiming = { latencyMs: settings.latencyMs, lroDurationMs: (key) => lroDurationFor(settings, key) };
  console.log(settingsLine(settings));
  let printedPath = '';
  const runs: RunFigures[] = [];
  for (const [index, result] of results.entries()) {
    if (result.state !== 'succeeded' || result.plan === undefined) {
      throw new Error(`Deploy run ${String(index + 1)} did not succeed (${result.state ?? 'no deployment'}): ${result.message ?? ''}`);
    }
    checkStepTimes(result);
    const phases = stepPhases(result.plan, settings.registrationDelayMs);
    const steps = productStepGraph(result.plan).map((step) => ({ ...step, phases: Object.hasOwn(phases, step.id) ? phases[step.id] : [] }));
    const unmodelled = steps.filter((step) => !Object.hasOwn(phases, step.id)).map((step) => step.id);
    if (unmodelled.length > 0) {
      console.log(`  MODEL OUT OF DATE: the product has step(s) the bench does not model: ${unmodelled.join(', ')}`);
    }
    const critical = criticalPath(steps, timing);
    const pathLine = criticalPathLine(critical, settings.latencyMs);
    if (pathLine !== printedPath) {
      console.log(pathLine);
      printedPath = pathLine;
    }
    runs.push(reportRun(index, result, entries, steps, critical, settings));
  }
  const production = runs.at(0);
  const others = runs.slice(1);
  if (production === undefined) {
    throw new Error('No deployment ran.');
  }
  const rows: BenchRow[] = [
    {
      figure: 'deploy: wall time, production pacing',
      measured: production.wallMs,
      unit: 'ms',
      target: TARGET_RATIO * production.criticalPathMs,
      targetBasis: `${TARGET_RATIO.toFixed(2)} x critical path ${seconds(production.criticalPathMs)}`,
      note: `${(production.wallMs / production.criticalPathMs).toFixed(3)} x`,
    },
    {
      figure: `deploy: polls sooner than Retry-After (${String(runs.length)} deployments)`,
      measured: runs.reduce((sum, run) => sum + run.earlyPolls, 0),
      unit: 'count',
      target: 0,
      note: `of ${String(runs.reduce((sum, run) => sum + run.polls, 0))} polls`,
    },
    { figure: 'deploy: ARM requests, production pacing', measured: production.armRequests, unit: 'count' },
    {
      figure: 'deploy: polls per LRO, production pacing',
      measured: production.polls,
      unit: 'count',
      note: `${String(production.pollsPerLro.length)} LROs: ${production.pollsPerLro.map((lro) => `${lro.what} ${String(lro.polls)}`).join(', ')}`,
    },
  ];
  for (const [index, run] of others.entries()) {
    rows.push({
      figure: `deploy: wall time, run ${String(index + 2)}: ${results[index + 1]?.recheckIntervalMs === undefined ? 'production pacing' : 'BENCH-ONLY pacing (shorter re-check)'}`,
      measured: run.wallMs,
      unit: 'ms',
      note: `${(run.wallMs / run.criticalPathMs).toFixed(3)} x critical path ${seconds(run.criticalPathMs)}`,
    });
  }
  return rows;
}
