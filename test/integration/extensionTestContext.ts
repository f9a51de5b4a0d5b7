import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionApi, WizardTestApi } from '../../src/extension';
import { EmulatorControlClient } from '../emulator/control/client';

/** The extension's identifier, `publisher.name` from package.json. */
export const EXTENSION_ID = 'asr-failback.vscode-asr-failback';

/** The extension under test, which the extension host loaded from the development path. */
export function extensionUnderTest(): vscode.Extension<unknown> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (extension === undefined) {
    throw new Error(`${EXTENSION_ID} is not loaded in this extension host.`);
  }
  return extension;
}

let activeAtStart: boolean | undefined;
let bundlesLoadedByActivation: string[] | undefined;

/** The extension's bundles (`dist/*.js`, by file name) Node has loaded so far in this extension host. */
export function loadedBundles(): string[] {
  const dist = path.join(extensionUnderTest().extensionPath, 'dist');
  return Object.keys(require.cache)
    .filter((file) => path.dirname(file) === dist)
    .map((file) => path.basename(file))
    .sort();
}

/**
 * Notes whether the extension was active before any test ran, then activates it and notes which of its bundles that
 * loaded (test/integration/index.ts calls it before the tests).
 */
export async function recordActivationAtStart(): Promise<void> {
  activeAtStart = extensionUnderTest().isActive;
  await extensionUnderTest().activate();
  bundlesLoadedByActivation = loadedBundles();
}

/** The bundles activation loaded, as recordActivationAtStart found them. */
export function bundlesActivationLoaded(): readonly string[] | undefined {
  return bundlesLoadedByActivation;
}

/** Whether the extension was already active when the tests started: it must not be, as it activates on demand. */
export function wasActiveAtStart(): boolean | undefined {
  return activeAtStart;
}

/** The tree the extension shows, read through the API `activate` returns. */
export async function infrastructureTree(): Promise<vscode.TreeDataProvider<unknown>> {
  const api = (await extensionUnderTest().activate()) as { infrastructureTree?: vscode.TreeDataProvider<unknown> };
  if (api.infrastructureTree === undefined) {
    throw new Error('The extension API has no infrastructureTree.');
  }
  return api.infrastructureTree;
}

/** The control endpoint of the emulator runIntegrationTests started. */
export function emulatorControl(): EmulatorControlClient {
  const endpoint = process.env.ASR_TEST_EMULATOR_CONTROL;
  if (endpoint === undefined) {
    throw new Error('ASR_TEST_EMULATOR_CONTROL is not set: run the tests through runIntegrationTests.');
  }
  return new EmulatorControlClient(endpoint);
}

/** A node of the tree with the item VS Code would render for it. */
export interface RenderedNode {
  readonly node: unknown;
  readonly item: vscode.TreeItem;
  readonly label: string;
  readonly description: string;
  readonly contextValue: string;
  readonly iconId: string | undefined;
  readonly iconColor: string | undefined;
}

/** The children of a node (or the roots), rendered. */
export async function renderChildren(tree: vscode.TreeDataProvider<unknown>, parent?: unknown): Promise<RenderedNode[]> {
  const children = (await tree.getChildren(parent)) ?? [];
  return Promise.all(
    children.map(async (node) => {
      const item = await tree.getTreeItem(node);
      const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
      const icon = item.iconPath instanceof vscode.ThemeIcon ? item.iconPath : undefined;
      return {
        node,
        item,
        label,
        description: typeof item.description === 'string' ? item.description : '',
        contextValue: item.contextValue ?? '',
        iconId: icon?.id,
        iconColor: icon?.color?.id,
      };
    }),
  );
}

/** The rendered child with this label; fails the test with the labels there are when it is missing. */
export function byLabel(nodes: readonly RenderedNode[], label: string): RenderedNode {
  const found = nodes.find((node) => node.label === label);
  if (found === undefined) {
    throw new Error(`No node "${label}" among: ${nodes.map((node) => node.label).join(', ')}`);
  }
  return found;
}

/** The children of the node reached from the roots through `path` (labels), or the roots when it is empty. */
export async function expand(path: readonly string[]): Promise<RenderedNode[]> {
  const tree = await infrastructureTree();
  let children = await renderChildren(tree);
  for (const label of path) {
    children = await renderChildren(tree, byLabel(children, label).node);
  }
  return children;
}

/**
 * Lists the subscriptions, takes `snapshot` (counters to compare with afterwards), then loads the vaults of every
 * subscription at once and the configuration servers of every vault at once; returns the snapshot.
 */
export async function loadVaultsAndFabricsAtOnce<T>(snapshot: () => Promise<T>): Promise<T> {
  const tree = await infrastructureTree();
  const subscriptions = (await renderChildren(tree)).filter((node) => node.contextValue === 'asrFailback.subscription');
  const before = await snapshot();
  const vaults = (await Promise.all(subscriptions.map((subscription) => renderChildren(tree, subscription.node)))).flat();
  await Promise.all(vaults.filter((vault) => vault.contextValue === 'asrFailback.vault').map((vault) => renderChildren(tree, vault.node)));
  return before;
}

/** The wizard's entry points, which the extension offers in test mode only (as it runs here). */
export async function wizardApi(): Promise<WizardTestApi> {
  const api = (await extensionUnderTest().activate()) as ExtensionApi;
  if (api.wizard === undefined) {
    throw new Error('The extension offers no wizard API: it is not running in test mode.');
  }
  return api.wizard;
}

/** A configuration server's tree node, as a right-click hands it to a command. */
export async function configurationServerNode(subscription: string, vault: string, configurationServer: string): Promise<unknown> {
  const tree = await infrastructureTree();
  let nodes = await renderChildren(tree);
  for (const label of [subscription, vault]) {
    nodes = await renderChildren(tree, byLabel(nodes, label).node);
  }
  return byLabel(nodes, configurationServer).node;
}
