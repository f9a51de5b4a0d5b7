/**
 * The tree bench's part inside the extension host (called by extensionHostBenchHost.ts): loads the whole tree of a
 * large emulated estate the way VS Code does when many nodes are expanded at once, level by level, and then the
 * vaults of 50 subscriptions expanded at once in a freshly refreshed tree. Per load it notes the requests the
 * emulator logged, the new TLS connections it counted, the wall time and the extension host's CPU time
 * (process.cpuUsage() around the load alone, so the bench's own calls to the emulator are not in it). Figures only;
 * nothing here passes or fails on speed.
 */
import * as vscode from 'vscode';
import type { EmulatorControlClient } from '../emulator/control/client';
import type { RequestLogEntry } from '../emulator/control/requestLog';

/** One load of the tree, as measured in the extension host. */
export interface TreeLoad {
  readonly level: string;
  /** What the level's requests are per: "subscription", "vault", ... (for "no request per item"). */
  readonly per: string;
  /** How many of those there were (the parents, or the subscriptions for the deployed-VM listings). */
  readonly perCount: number;
  readonly nodes: number;
  readonly ms: number;
  /** User + system CPU of the extension host during the load, ms. */
  readonly cpuMs: number;
  readonly tlsConnections: number;
  readonly requests: readonly RequestLogEntry[];
}

export interface TreeBenchResult {
  readonly levels: readonly TreeLoad[];
  /** The vaults of `FIFTY` subscriptions expanded at once, in a tree refreshed after the levels. */
  readonly fiftySubscriptions: TreeLoad;
}

/** How many subscriptions' vaults the "expanded at once" figure expands. */
export const FIFTY = 50;

async function childrenOfAll(tree: vscode.TreeDataProvider<unknown>, nodes: readonly unknown[]): Promise<unknown[]> {
  const children = await Promise.all(nodes.map(async (node) => (await tree.getChildren(node)) ?? []));
  return children.flat();
}

/** The label VS Code would show for a node. */
async function labelOf(tree: vscode.TreeDataProvider<unknown>, node: unknown): Promise<string> {
  const item = await tree.getTreeItem(node);
  return typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
}

async function lastSequence(control: EmulatorControlClient): Promise<number> {
  return (await control.requests()).at(-1)?.sequence ?? 0;
}

/** Runs `load` and notes what it cost; returns the nodes it loaded with the figures. */
async function measure(
  control: EmulatorControlClient,
  level: string,
  per: { readonly per: string; readonly perCount: number },
  load: () => Promise<unknown[]>,
): Promise<{ nodes: unknown[]; load: TreeLoad }> {
  const tlsBefore = await control.tlsConnections();
  const before = await lastSequence(control);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const nodes = await load();
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const requests = await control.requests(before);
  const tlsConnections = (await control.tlsConnections()) - tlsBefore;
  return { nodes, load: { level, ...per, nodes: nodes.length, ms, cpuMs: (cpu.user + cpu.system) / 1000, tlsConnections, requests } };
}

/**
 * Loads every level, every node of a level expanded at once; returns the figures and every node loaded (`held`:
 * the caller keeps them while it measures memory, as VS Code's view keeps the nodes it shows).
 */
export async function measureTree(
  tree: vscode.TreeDataProvider<unknown>,
  control: EmulatorControlClient,
): Promise<{ result: TreeBenchResult; held: unknown[] }> {
  const levels: TreeLoad[] = [];
  const level = async (name: string, per: { per: string; perCount: number }, load: () => Promise<unknown[]>): Promise<unknown[]> => {
    const measured = await measure(control, name, per, load);
    levels.push(measured.load);
    return measured.nodes;
  };
  const subscriptions = await level('subscriptions', { per: 'signed-in account', perCount: 1 }, async () => (await tree.getChildren()) ?? []);
  const vaults = await level('vaults', { per: 'subscription', perCount: subscriptions.length }, () => childrenOfAll(tree, subscriptions));
  const fabrics = await level('configuration servers', { per: 'vault', perCount: vaults.length }, () => childrenOfAll(tree, vaults));
  // Process servers come with their fabric; the deployed-VM marks need one listing per subscription.
  const processServers = await level('process servers', { per: 'subscription (deployed-VM listing)', perCount: subscriptions.length }, () =>
    childrenOfAll(tree, fabrics),
  );
  const held = [...subscriptions, ...vaults, ...fabrics, ...processServers];
  return { result: { levels, fiftySubscriptions: await measureFiftySubscriptions(tree, control) }, held };
}

/** The vaults of FIFTY subscriptions (of the large estate, which each hold vaults) expanded at once, the tree refreshed first. */
async function measureFiftySubscriptions(tree: vscode.TreeDataProvider<unknown>, control: EmulatorControlClient): Promise<TreeLoad> {
  await vscode.commands.executeCommand('asrFailback.refresh');
  const roots = (await tree.getChildren()) ?? [];
  const estate: unknown[] = [];
  for (const node of roots) {
    if ((await labelOf(tree, node)).startsWith('Estate ') && estate.length < FIFTY) {
      estate.push(node);
    }
  }
  const { load } = await measure(control, `vaults of ${String(estate.length)} subscriptions expanded at once`, { per: 'subscription', perCount: estate.length }, () =>
    childrenOfAll(tree, estate),
  );
  return load;
}
