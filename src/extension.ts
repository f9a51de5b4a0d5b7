import * as vscode from 'vscode';
import { CommandIds } from './commandIds';
import { registerCommand } from './commands/registerCommand';
import type { AddProcessServerOutcome } from './commands/addProcessServer';
import type { DeploymentResult } from './commands/deployProcessServer';
import type { RemovalResult } from './commands/processServerCommands';
import type { ProcessServerDiagnosis } from './diagnosis/processServerDiagnosis';
import { DeploymentLedger, wasInterrupted, type DeploymentRecord } from './deployment/deploymentLedger';
import type { DeploymentPacing } from './deployment/executeStep';
import { loadSession, type SessionBundle } from './sessionLoader';
import { INFRASTRUCTURE_VIEW_ID } from './tree/infrastructureTreeIds';
import { LazyTreeDataProvider } from './tree/lazyTreeDataProvider';
import type { UserInput } from './wizard/userInput';

/**
 * "Add Process Server in Azure" and "Open Process Server Plan…" with the prompts answered through a given
 * `UserInput` (the commands use VS Code's QuickPick), for the extension's own tests: offered only when VS Code runs
 * the extension in test mode, since it could otherwise be used to pick a remembered passphrase. What they return
 * holds no secret.
 */
export interface WizardTestApi {
  addProcessServer(node: unknown, userInput: UserInput): Promise<AddProcessServerOutcome>;
  addProcessServerFromPlan(userInput: UserInput): Promise<AddProcessServerOutcome>;
  resumeOrRollBack(userInput: UserInput): Promise<DeploymentResult | undefined>;
  diagnoseProcessServer(node: unknown, userInput: UserInput): Promise<ProcessServerDiagnosis>;
  reregisterProcessServer(node: unknown, userInput: UserInput): Promise<void>;
  removeProcessServer(node: unknown, userInput: UserInput): Promise<RemovalResult>;
  /** What start-up does with deployments a reload or crash interrupted (answered through `userInput`). */
  offerInterruptedDeployments(userInput: UserInput): Promise<void>;
  /** The deployments' ledger (no secret in it), and a way to write a record as a crashed window leaves it. */
  deploymentRecords(): DeploymentRecord[];
  /** Cancels a running deployment as its progress notification's Cancel button does. */
  cancelDeployment(deploymentId: string): boolean;
  markInterrupted(deploymentId: string, ownerProcessId: number): Promise<void>;
  /** Where VS Code keeps this extension's log files and storage, and all it keeps in global state (a test scans them for secrets). */
  storageLocations(): { readonly logDirectory: string; readonly globalStorageDirectory: string };
  globalState(): Record<string, unknown>;
  /** Polls as fast as the emulator's short operations allow (the emulator sends no Retry-After in tests). */
  setDeploymentPacing(pacing: DeploymentPacing): void;
}

/** What `activate` returns: the sidebar tree's data (what the tree shows), and in test mode the wizard's entry points. */
export interface ExtensionApi {
  readonly infrastructureTree: vscode.TreeDataProvider<unknown>;
  readonly wizard?: WizardTestApi;
}

/**
 * Activated by VS Code only when the sidebar view opens or one of this extension's commands runs. Activation creates
 * the view and registers the commands, and loads nothing else: the session (the sign-in, the services and the tree,
 * dist/session.js) starts the first time the view lists or a command runs, and the Azure SDK loads when the tree first
 * needs Azure.
 */
export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const ledger = new DeploymentLedger(context.globalState);
  let session: SessionBundle.Session | undefined;
  const sessionNow = (): SessionBundle.Session => (session ??= loadSession().startSession({ context, ledger, treeView }));
  const tree = new LazyTreeDataProvider(() => sessionNow().tree);
  const treeView: vscode.TreeView<unknown> = vscode.window.createTreeView(INFRASTRUCTURE_VIEW_ID, { treeDataProvider: tree, showCollapseAll: true });
  context.subscriptions.push(tree, treeView);
  for (const commandId of Object.values(CommandIds)) {
    registerCommand(context, () => sessionNow().log, commandId, (...args) => sessionNow().commands[commandId](...args));
  }
  if (context.extensionMode !== vscode.ExtensionMode.Test) {
    // The ledger is read at once (it is small); the session and the operations load only when a deployment was interrupted.
    if (ledger.all().some(wasInterrupted)) {
      void sessionNow().offerInterruptedDeployments();
    }
    return { infrastructureTree: tree };
  }
  return { infrastructureTree: tree, wizard: testApiOnFirstUse(() => sessionNow().wizardTestApi()) };
}

/** Every method of the test API, once: the compiler holds this list to WizardTestApi. */
const WIZARD_TEST_API_METHODS = {
  addProcessServer: true,
  addProcessServerFromPlan: true,
  resumeOrRollBack: true,
  diagnoseProcessServer: true,
  reregisterProcessServer: true,
  removeProcessServer: true,
  offerInterruptedDeployments: true,
  deploymentRecords: true,
  cancelDeployment: true,
  markInterrupted: true,
  storageLocations: true,
  globalState: true,
  setDeploymentPacing: true,
} satisfies Record<keyof WizardTestApi, true>;

/**
 * The test API, whose session starts only when a test first calls it: activation in test mode then loads what it
 * loads for a user (the entry alone).
 */
function testApiOnFirstUse(create: () => WizardTestApi): WizardTestApi {
  let api: WizardTestApi | undefined;
  const methods = Object.keys(WIZARD_TEST_API_METHODS).map((name) => [
    name,
    (...args: unknown[]) => {
      api ??= create();
      return (api[name as keyof WizardTestApi] as (...callArgs: unknown[]) => unknown)(...args);
    },
  ]);
  return Object.fromEntries(methods) as WizardTestApi;
}
