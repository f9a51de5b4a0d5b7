/**
 * Runs inside the extension host (as `extensionTestsPath`) for `npm run bench`: answers the "Add Process Server in
 * Azure" wizard for the demo's Tokyo configuration server (a new resource group and storage account), chooses
 * "Deploy and register" and waits until the deployment has ended. Writes, per run, when the deployment started (the
 * moment "Deploy and register" was picked) and ended (the command returned), how it ended, its plan, and when each
 * step ran (from the extension's log), to the file ASR_BENCH_RESULT_FILE names. Figures only; nothing here passes or
 * fails on speed.
 *
 * ASR_BENCH_DEPLOY_RUNS is a JSON list of runs: `{ label, recheckIntervalMs? }`. Without `recheckIntervalMs` the run
 * keeps the extension's production pacing (setDeploymentPacing is not called at all); with it, only the extension's
 * own re-check interval changes (`updateIntervalInMs` stays undefined, so the SDK's pollers follow Retry-After).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DeploymentPlan } from '../../src/deployment/deploymentPlan';
import type { ExtensionApi } from '../../src/extension';
import type { PickItem, PickOptions } from '../../src/wizard/userInput';
import { configurationServerNode, emulatorControl, extensionUnderTest } from '../integration/extensionTestContext';
import { ScriptedUserInput, type ScriptedAnswer } from '../integration/scriptedUserInput';
import { PASSPHRASE, TOKYO_TO_SUBNET, tokyoServerToPassphrase } from '../integration/wizardScripts';

/** One deployment the host runs, as the bench asks for it. */
export interface DeployBenchRun {
  readonly label: string;
  /** Unset: production pacing. Set: only the extension's re-check interval changes (labelled in the output). */
  readonly recheckIntervalMs?: number;
}

/** What the host reports of one run. */
export interface DeployBenchRunResult {
  readonly label: string;
  readonly recheckIntervalMs: number | undefined;
  /** Epoch ms when "Deploy and register" was picked, and when the command returned. */
  readonly startedAt: number;
  readonly endedAt: number;
  readonly state: string | undefined;
  readonly message: string | undefined;
  /** The plan the wizard made (it holds no secret). */
  readonly plan: DeploymentPlan | undefined;
  /** When each step ran, from the extension's log lines "[id] started" and "[id] done in" (epoch ms). */
  readonly steps: readonly { readonly id: string; readonly startedAt: number; readonly endedAt: number }[];
}

/** Where the bench deploys: a new resource group and storage account, names the demo seed does not use. */
const BENCH_DEPLOYMENT = { resourceGroup: 'rg-ps-bench', storageAccount: 'asrpsbench01', server: 'ps-bench-01' } as const;

/**
 * The wizard's answers from the subscription to "Deploy and register": the integration tests' Tokyo answers, with a
 * new resource group and a new storage account in place of the demo's (so that the deployment creates both).
 */
function answersToDeploy(): ScriptedAnswer[] {
  const createNew = (answer: ScriptedAnswer): ScriptedAnswer[] => {
    const picked = typeof answer === 'object' && 'pick' in answer ? answer.pick : undefined;
    if (picked === 'rg-asr-ps-deploy') {
      return [{ pick: '$(add) Create new resource group…' }, { input: BENCH_DEPLOYMENT.resourceGroup }];
    }
    if (picked === 'contosoasrcachejpe01') {
      return [{ pick: '$(add) Create new storage account…' }, { input: BENCH_DEPLOYMENT.storageAccount }];
    }
    return [answer];
  };
  return [
    ...[...TOKYO_TO_SUBNET, ...tokyoServerToPassphrase(BENCH_DEPLOYMENT.server)].flatMap(createNew),
    { input: PASSPHRASE },
    { pick: 'Do not remember it' },
    { pick: /Deploy and register/ },
  ];
}

/** The scripted answers, noting when the deployment starts: the moment "Deploy and register" is picked. */
class TimedUserInput extends ScriptedUserInput {
  deployPickedAt: number | undefined;

  override async pick<T>(options: PickOptions<T>): Promise<PickItem<T>> {
    const item = await super.pick(options);
    if (/Deploy and register/.test(item.label)) {
      this.deployPickedAt = Date.now();
    }
    return item;
  }
}

/** The text of every file the extension logs to (its log channel). */
function logText(directory: string): string {
  if (!fs.existsSync(directory)) {
    return '';
  }
  return fs
    .readdirSync(directory, { recursive: true, encoding: 'utf8' })
    .map((file) => path.join(directory, file))
    .filter((file) => fs.statSync(file).isFile())
    .map((file) => fs.readFileSync(file, 'utf8'))
    .join('\n');
}

/** A line of the log channel: its local time stamp (VS Code's format), then the level and the message. */
const LOG_LINE = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d\.\d{3}) \[\w+\] (.*)$/;

/** The log's lines as epoch ms and message. */
function timedLines(text: string): { at: number; message: string }[] {
  return text.split('\n').flatMap((line) => {
    const match = LOG_LINE.exec(line);
    // A date and time without an offset is local time (ECMAScript Date Time String Format), as VS Code writes it.
    const at = match === null ? Number.NaN : Date.parse(`${match[1]}T${match[2]}`);
    return match === null || Number.isNaN(at) ? [] : [{ at, message: match[3] }];
  });
}

/** When each step started and ended, from the executor's log lines (src/commands/deployProcessServer.ts). */
function stepWindows(lines: readonly { at: number; message: string }[]): DeployBenchRunResult['steps'] {
  const started = new Map<string, number>();
  const windows: { id: string; startedAt: number; endedAt: number }[] = [];
  for (const { at, message } of lines) {
    const step = /^\[(\w+)\] (started|done in)/.exec(message);
    if (step === null) {
      continue;
    }
    if (step[2] === 'started') {
      started.set(step[1], at);
    } else {
      windows.push({ id: step[1], startedAt: started.get(step[1]) ?? at, endedAt: at });
    }
  }
  return windows;
}

/** The log's lines since `since` (epoch ms), once the deployment's last line is there (the file is written behind). */
async function logLinesSince(directory: string, since: number): Promise<{ at: number; message: string }[]> {
  const last = /^Deployment .*: (the process server .* is registered|kept as it is|rolled back)/;
  for (let attempt = 0; ; attempt += 1) {
    // A little slack: the log's clock is this machine's, read in another process.
    const lines = timedLines(logText(directory)).filter((line) => line.at >= since - 50);
    if (lines.some((line) => last.test(line.message)) || attempt >= 50) {
      return lines;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function run(): Promise<void> {
  const resultFile = process.env.ASR_BENCH_RESULT_FILE;
  const runs = JSON.parse(process.env.ASR_BENCH_DEPLOY_RUNS ?? '[]') as DeployBenchRun[];
  if (resultFile === undefined || runs.length === 0) {
    throw new Error('Run through test/bench/deployBench.ts.');
  }
  const control = emulatorControl();
  const api = (await extensionUnderTest().activate()) as ExtensionApi;
  const wizard = api.wizard;
  if (wizard === undefined) {
    throw new Error('The extension offers no wizard API: it is not running in test mode.');
  }
  const results: DeployBenchRunResult[] = [];
  for (const benchRun of runs) {
    await control.resetState();
    if (benchRun.recheckIntervalMs !== undefined) {
      wizard.setDeploymentPacing({ updateIntervalInMs: undefined, recheckIntervalMs: benchRun.recheckIntervalMs });
    }
    const ui = new TimedUserInput(answersToDeploy());
    const outcome = await wizard.addProcessServer(await configurationServerNode('Contoso Production', 'rsv-failback-japaneast', 'cs-tokyo-01'), ui);
    const endedAt = Date.now();
    if (ui.unused.length > 0 || ui.deployPickedAt === undefined) {
      throw new Error(`The wizard did not reach "Deploy and register" (${String(ui.unused.length)} answers left).`);
    }
    results.push({
      label: benchRun.label,
      recheckIntervalMs: benchRun.recheckIntervalMs,
      startedAt: ui.deployPickedAt,
      endedAt,
      state: outcome.deployment?.state,
      message: outcome.deployment?.message,
      plan: outcome.plan,
      steps: stepWindows(await logLinesSince(wizard.storageLocations().logDirectory, ui.deployPickedAt)),
    });
  }
  fs.writeFileSync(resultFile, JSON.stringify(results));
}
