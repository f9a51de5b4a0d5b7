/**
 * The deploy bench's part inside the extension host (called by extensionHostBenchHost.ts): answers the "Add Process
 * Server in Azure" wizard for the demo's Tokyo configuration server (a new resource group and storage account),
 * chooses "Deploy and register" and waits until the deployment has ended. Reports, per run, when the deployment started
 * (the moment "Deploy and register" was picked) and ended (the command returned), how it ended, its plan, when each
 * step ran (from the extension's log), and when each of the wizard's prompts opened, showed its items or suggested
 * value, and took its answer (wizardBench.ts reads the waits from these). Figures only; nothing here passes or fails on
 * speed.
 *
 * A run without `recheckIntervalMs` keeps the extension's production pacing (setDeploymentPacing is not called at all);
 * with it, only the extension's own re-check interval changes (`updateIntervalInMs` stays undefined, so the SDK's
 * pollers follow Retry-After).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DeploymentPlan } from '../../src/deployment/deploymentPlan';
import type { WizardTestApi } from '../../src/extension';
import type { ChoiceOptions, InputOptions, PickItem, PickOptions } from '../../src/wizard/userInput';
import type { EmulatorControlClient } from '../emulator/control/client';
import { configurationServerNode } from '../integration/extensionTestContext';
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
  /** When the wizard command was invoked (epoch ms), and its prompts in the order they opened. */
  readonly wizardStartedAt: number;
  readonly prompts: readonly PromptTiming[];
}

/** One prompt of the wizard as the user meets it (epoch ms). */
export interface PromptTiming {
  readonly kind: 'pick' | 'input' | 'choice';
  readonly step: number;
  readonly totalSteps: number;
  /** The placeholder of a pick, the prompt of an input box, the message of a choice. */
  readonly text: string;
  /** When the wizard asked for the prompt: VS Code shows it at once, busy while its items or suggestion load. */
  readonly openedAt: number;
  /** When its items (a pick) or its suggested value (an input) were there: the script answers at that moment. */
  readonly shownAt: number;
  /** When the answer was accepted, its Azure-side check (if any) done. */
  readonly acceptedAt: number;
  /** What was answered: the picked label; for a typed text only its length. */
  readonly answer: string;
  /**
   * What a request that depends on this answer would name (ids, names, a typed text that is no password), to tell
   * which answer a later request waited for; never printed.
   */
  readonly tokens: readonly string[];
}

/** Keys whose values may hold secrets or live objects: never walked for tokens. */
const SECRET_KEY = /credential|secret|password|passphrase|token|key$/i;

/**
 * The strings of a picked item that a request depending on it would name: ids, names and other words of its data (plain
 * objects and arrays only, a few levels deep, secrets' keys skipped). Short or purely numeric strings are left out: they
 * would match unrelated paths.
 */
function tokensOf(value: unknown, depth = 0, found = new Set<string>()): Set<string> {
  if (typeof value === 'string') {
    if (value.length >= 5 && !/^\d+$/.test(value) && !/\s/.test(value)) {
      found.add(value.toLowerCase());
    }
  } else if (depth < 4 && Array.isArray(value)) {
    for (const item of value.slice(0, 50)) {
      tokensOf(item, depth + 1, found);
    }
  } else if (depth < 4 && typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
    for (const [key, item] of Object.entries(value)) {
      if (!SECRET_KEY.test(key)) {
        tokensOf(item, depth + 1, found);
      }
    }
  }
  return found;
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

/** The scripted answers, noting when each prompt opens, shows what it offers and is answered, and when the deployment starts. */
class TimedUserInput extends ScriptedUserInput {
  deployPickedAt: number | undefined;
  readonly timings: PromptTiming[] = [];

  override async pick<T>(options: PickOptions<T>): Promise<PickItem<T>> {
    const openedAt = Date.now();
    let shownAt = openedAt;
    const items = Promise.resolve(options.items).finally(() => {
      shownAt = Date.now();
    });
    const item = await super.pick({ ...options, items });
    const acceptedAt = Date.now();
    const tokens = tokensOf([item.key ?? item.label, item.data]);
    this.timings.push({ kind: 'pick', step: options.step, totalSteps: options.totalSteps, text: options.placeholder, openedAt, shownAt, acceptedAt, answer: item.label, tokens: [...tokens] });
    if (/Deploy and register/.test(item.label)) {
      this.deployPickedAt = acceptedAt;
    }
    return item;
  }

  override async input(options: InputOptions): Promise<string> {
    const openedAt = Date.now();
    let shownAt = openedAt;
    const suggested = options.value;
    const value =
      suggested === undefined || typeof suggested === 'string'
        ? suggested
        : suggested.finally(() => {
            shownAt = Date.now();
          });
    const text = await super.input({ ...options, value });
    const tokens = options.password === true ? [] : [...tokensOf(text)];
    this.timings.push({
      kind: 'input',
      step: options.step,
      totalSteps: options.totalSteps,
      text: options.prompt,
      openedAt,
      shownAt,
      acceptedAt: Date.now(),
      answer: `${options.password === true ? 'a password' : 'a text'} of ${String(text.length)} characters`,
      tokens,
    });
    return text;
  }

  override async choose<T extends string>(options: ChoiceOptions<T>): Promise<T | undefined> {
    const openedAt = Date.now();
    const choice = await super.choose(options);
    this.timings.push({ kind: 'choice', step: 0, totalSteps: 0, text: options.message, openedAt, shownAt: openedAt, acceptedAt: Date.now(), answer: String(choice), tokens: [] });
    return choice;
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

/**
 * Runs each deployment of `runs` in turn (the emulator's state reset before each) and returns what each reported;
 * `afterRun` is called after each with its index, before the next starts.
 */
export async function runDeployments(
  wizard: WizardTestApi,
  control: EmulatorControlClient,
  runs: readonly DeployBenchRun[],
  afterRun: (index: number) => Promise<void> | void = () => undefined,
): Promise<DeployBenchRunResult[]> {
  const results: DeployBenchRunResult[] = [];
  for (const [index, benchRun] of runs.entries()) {
    await control.resetState();
    if (benchRun.recheckIntervalMs !== undefined) {
      wizard.setDeploymentPacing({ updateIntervalInMs: undefined, recheckIntervalMs: benchRun.recheckIntervalMs });
    }
    const ui = new TimedUserInput(answersToDeploy());
    const node = await configurationServerNode('Contoso Production', 'rsv-failback-japaneast', 'cs-tokyo-01');
    const wizardStartedAt = Date.now();
    const outcome = await wizard.addProcessServer(node, ui);
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
      wizardStartedAt,
      prompts: ui.timings,
    });
    await afterRun(index);
  }
  return results;
}
