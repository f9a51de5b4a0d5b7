/**
 * Runs inside the extension host (as `extensionTestsPath`) for `npm run bench`, one extension host for every figure
 * measured there, in this order:
 *  1. activation: the files `activate` loads (the require cache before and after) and the heap before it;
 *  2. the tree of the large estate, level by level, then the vaults of 50 subscriptions at once (treeBenchHost.ts);
 *  3. the deployments (deployBenchHost.ts), the wizard's prompts timed on the way; after the first, with every tree
 *     node loaded in 2 still held (as VS Code's view holds what it shows), the heap again.
 * Writes what it measured to the file ASR_BENCH_RESULT_FILE names; extensionHostBench.ts prints it. Figures only.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import type { ExtensionApi } from '../../src/extension';
import { emulatorControl, extensionUnderTest } from '../integration/extensionTestContext';
import { runDeployments, type DeployBenchRun, type DeployBenchRunResult } from './deployBenchHost';
import { measureTree, type TreeBenchResult } from './treeBenchHost';

export interface ExtensionHostBenchResult {
  readonly activation: {
    /** Whether the extension was active before the bench activated it (then the files below say nothing). */
    readonly activeBefore: boolean;
    readonly activateMs: number;
    /** The extension's files `activate` loaded (new in the require cache, in its folder), relative to its folder. */
    readonly loadedFiles: readonly { readonly file: string; readonly bytes: number }[];
    /** Files other extensions loaded meanwhile (not counted). */
    readonly othersLoaded: number;
    /** How long the bench waited for the extension host to settle before it took the first heap reading. */
    readonly settledMs: number;
  };
  readonly memory: {
    /** How the heap was collected before each reading. */
    readonly gc: string;
    readonly heapBeforeActivation: number;
    /** Where the growth came: right after activation, after the tree (its nodes held), after the first deployment. */
    readonly heapAfterActivation: number;
    readonly heapAfterTree: number;
    readonly heapAfterTreeAndDeploy: number;
    readonly nodesHeld: number;
  };
  readonly tree: TreeBenchResult;
  readonly deploy: readonly DeployBenchRunResult[];
}

/**
 * A full garbage collection: `gc` when the extension host runs with --expose-gc; otherwise V8's flag set at run time
 * (code-server starts the extension host itself, with no way to pass it a flag), which exposes `gc` in a new context.
 */
function forcedGc(): { collect: () => void; how: string } {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (typeof exposed === 'function') {
    return { collect: exposed, how: 'gc() (the extension host runs with --expose-gc)' };
  }
  try {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as unknown;
    if (typeof gc === 'function') {
      return {
        collect: () => {
          (gc as () => void)();
        },
        how: "gc() exposed in the extension host by v8.setFlagsFromString('--expose-gc') (code-server's extension host takes no --expose-gc)",
      };
    }
  } catch {
    // Falls through: measured without gc.
  }
  return { collect: () => undefined, how: 'WITHOUT gc (neither --expose-gc nor the V8 flag at run time worked): the heap includes garbage' };
}

/**
 * Waits until the extension host has loaded no new module for `quietMs` (built-in extensions activate after start-up,
 * and their loading is none of this extension's heap), `maxMs` at most; returns how long it waited.
 */
async function settle(quietMs = 2_000, maxMs = 20_000): Promise<number> {
  const started = Date.now();
  let modules = Object.keys(require.cache).length;
  let changedAt = started;
  while (Date.now() - started < maxMs && Date.now() - changedAt < quietMs) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const now = Object.keys(require.cache).length;
    if (now !== modules) {
      modules = now;
      changedAt = Date.now();
    }
  }
  return Date.now() - started;
}

function heapUsed(collect: () => void): number {
  collect();
  collect();
  return process.memoryUsage().heapUsed;
}

export async function run(): Promise<void> {
  const resultFile = process.env.ASR_BENCH_RESULT_FILE;
  const runs = JSON.parse(process.env.ASR_BENCH_DEPLOY_RUNS ?? '[]') as DeployBenchRun[];
  if (resultFile === undefined || runs.length === 0) {
    throw new Error('Run through test/bench/extensionHostBench.ts.');
  }
  const control = emulatorControl();
  const gc = forcedGc();
  const extension = extensionUnderTest();
  const activeBefore = extension.isActive;
  const settledMs = await settle();
  const heapBeforeActivation = heapUsed(gc.collect);
  const cachedBefore = new Set(Object.keys(require.cache));
  const activateStarted = performance.now();
  const api = (await extension.activate()) as ExtensionApi;
  const activateMs = performance.now() - activateStarted;
  const heapAfterActivation = heapUsed(gc.collect);
  const loaded = Object.keys(require.cache).filter((file) => !cachedBefore.has(file) && fs.existsSync(file));
  const ownFolder = `${extension.extensionPath}${path.sep}`;
  const loadedFiles = loaded
    .filter((file) => file.startsWith(ownFolder))
    .map((file) => ({ file: path.relative(extension.extensionPath, file), bytes: fs.statSync(file).size }));
  if (api.wizard === undefined) {
    throw new Error('The extension offers no wizard API: it is not running in test mode.');
  }

  const tree = await measureTree(api.infrastructureTree, control);
  let held: unknown[] | undefined = tree.held;
  const heapAfterTree = heapUsed(gc.collect);
  const after: { memory?: ExtensionHostBenchResult['memory'] } = {};
  const deploy = await runDeployments(api.wizard, control, runs, (index) => {
    if (index === 0) {
      after.memory = { gc: gc.how, heapBeforeActivation, heapAfterActivation, heapAfterTree, heapAfterTreeAndDeploy: heapUsed(gc.collect), nodesHeld: held?.length ?? 0 };
      held = undefined;
    }
  });
  const memory = after.memory;
  if (memory === undefined) {
    throw new Error('No deployment ran: the heap was not read after one.');
  }
  const result: ExtensionHostBenchResult = {
    activation: { activeBefore, activateMs, loadedFiles, othersLoaded: loaded.length - loadedFiles.length, settledMs },
    memory,
    tree: tree.result,
    deploy,
  };
  fs.writeFileSync(resultFile, JSON.stringify(result));
}
