/**
 * Runs inside the extension host (as `extensionTestsPath`) for `npm run bench`: loads the whole tree of a large
 * emulated estate the way VS Code does when many nodes are expanded at once, and writes the timings to the file
 * ASR_BENCH_RESULT_FILE names. Figures only; nothing here passes or fails on speed.
 */
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { EmulatorControlClient } from '../emulator/control/client';

interface TreeApi {
  readonly infrastructureTree: vscode.TreeDataProvider<unknown>;
}

async function childrenOfAll(tree: vscode.TreeDataProvider<unknown>, nodes: readonly unknown[]): Promise<unknown[]> {
  const children = await Promise.all(nodes.map(async (node) => (await tree.getChildren(node)) ?? []));
  return children.flat();
}

/** The most requests the emulator was answering at the same moment. */
function maxInFlight(entries: readonly { time: string; durationMs: number | undefined }[]): number {
  const events = entries.flatMap((entry) => {
    const start = Date.parse(entry.time);
    return [
      { at: start, change: 1 },
      { at: start + (entry.durationMs ?? 0), change: -1 },
    ];
  });
  events.sort((a, b) => a.at - b.at || a.change - b.change);
  let current = 0;
  let highest = 0;
  for (const event of events) {
    current += event.change;
    highest = Math.max(highest, current);
  }
  return highest;
}

export async function run(): Promise<void> {
  const resultFile = process.env.ASR_BENCH_RESULT_FILE;
  const controlEndpoint = process.env.ASR_TEST_EMULATOR_CONTROL;
  if (resultFile === undefined || controlEndpoint === undefined) {
    throw new Error('Run through test/bench/treeBench.ts.');
  }
  const control = new EmulatorControlClient(controlEndpoint);
  const extension = vscode.extensions.getExtension('asr-failback.vscode-asr-failback');
  const api = (await extension?.activate()) as TreeApi;
  const tree = api.infrastructureTree;

  const levels: { level: string; nodes: number; requests: number; ms: number; maxInFlight: number; medianServerMs: number }[] = [];
  const measure = async (level: string, load: () => Promise<unknown[]>): Promise<unknown[]> => {
    const before = (await control.requests()).at(-1)?.sequence ?? 0;
    const started = performance.now();
    const nodes = await load();
    const ms = performance.now() - started;
    const entries = await control.requests(before);
    const durations = entries.map((entry) => entry.durationMs ?? 0).sort((a, b) => a - b);
    const medianServerMs = durations.at(Math.floor(durations.length / 2)) ?? 0;
    levels.push({ level, nodes: nodes.length, requests: entries.length, ms, maxInFlight: maxInFlight(entries), medianServerMs });
    return nodes;
  };
  const subscriptions = await measure('subscriptions', async () => (await tree.getChildren()) ?? []);
  const vaults = await measure('vaults (every subscription expanded at once)', () => childrenOfAll(tree, subscriptions));
  const fabrics = await measure('configuration servers (every vault expanded at once)', () => childrenOfAll(tree, vaults));
  await measure('process servers + deployed-VM marks (every configuration server expanded at once)', () =>
    childrenOfAll(tree, fabrics),
  );
  fs.writeFileSync(resultFile, JSON.stringify(levels));
}
