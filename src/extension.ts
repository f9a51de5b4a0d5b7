import * as vscode from 'vscode';
import { AzureAccount } from './azure/azureAccount';
import { CommandIds } from './commandIds';
import { registerCommand } from './commands/registerCommand';
import { selectSubscriptions } from './commands/selectSubscriptions';
import type { AddProcessServerOutcome } from './commands/addProcessServer';
import type { DeploymentResult } from './commands/deployProcessServer';
import type { RemovalResult } from './commands/processServerCommands';
import type { ProcessServerDiagnosis } from './diagnosis/processServerDiagnosis';
import { DeploymentActivity } from './deployment/deploymentActivity';
import { DeploymentLedger, wasInterrupted, type DeploymentRecord } from './deployment/deploymentLedger';
import type { DeploymentPacing } from './deployment/executeStep';
import { copyIpAddress, openInPortal } from './commands/treeCommands';
import { ExtensionLog } from './logging/extensionLog';
import { loadOperations, type Operations } from './operationsLoader';
import { DeployedProcessServerIndex } from './services/deployedProcessServerIndex';
import { InfrastructureServices } from './services/subscriptionServices';
import { infrastructureTargetOf } from './siteRecovery/infrastructureTarget';
import { INFRASTRUCTURE_VIEW_ID, InfrastructureTreeDataProvider } from './tree/infrastructureTreeDataProvider';
import { ConcurrencyLimiter } from './util/concurrencyLimiter';
import type { UserInput } from './wizard/userInput';

/**
 * How many Azure requests the extension has in flight at most: 12 measured faster than 6 at every tree level (issue 11's
 * bench), and far inside Resource Manager's per-subscription token bucket (250 reads, refilled at 25 a second).
 */
const MAX_PARALLEL_REQUESTS = 12;

/**
 * How a deployment paces what Azure reports by no operation: the SDK's own poll interval (Azure's Retry-After wins),
 * and a look every 10 s at a provider registering, a VM an earlier run started, or the fabric for the heartbeat.
 */
const DEPLOYMENT_PACING: DeploymentPacing = { updateIntervalInMs: undefined, recheckIntervalMs: 10_000 };

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
 * Activated by VS Code only when the sidebar view opens or one of this extension's commands runs. Nothing here
 * touches Azure or loads the SDK: the services do that when the tree first lists.
 */
export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const log = new ExtensionLog();
  const account = new AzureAccount(log);
  const services = new InfrastructureServices(new ConcurrencyLimiter(MAX_PARALLEL_REQUESTS));
  const deployedVms = new DeployedProcessServerIndex(services, log);
  const activity = new DeploymentActivity();
  const tree = new InfrastructureTreeDataProvider(account, services, deployedVms, activity, log);
  const treeView = vscode.window.createTreeView(INFRASTRUCTURE_VIEW_ID, { treeDataProvider: tree, showCollapseAll: true });
  context.subscriptions.push(log, account, deployedVms, tree, treeView);
  const ledger = new DeploymentLedger(context.globalState);
  let pacing = DEPLOYMENT_PACING;
  let operations: Operations.Operations | undefined;
  /** The operations bundle, loaded the first time an operation runs. */
  const operationsNow = (): Operations.Operations =>
    (operations ??= loadOperations().createOperations({
      context,
      account,
      services,
      deployedVms,
      log,
      ledger,
      activity,
      pacing: () => pacing,
      refreshConfigurationServer: (fabricId) => tree.refreshConfigurationServer(fabricId),
      revealProcessServer: async (fabricId, ipAddress) => {
        const node = await tree.processServerNode(fabricId, ipAddress);
        if (node === undefined) {
          return false;
        }
        await treeView.reveal(node, { select: true, focus: true });
        return true;
      },
    }));

  registerCommand(context, log, CommandIds.showLogs, () => {
    log.show();
  });
  registerCommand(context, log, CommandIds.signIn, () => account.signIn());
  registerCommand(context, log, CommandIds.selectSubscriptions, () => selectSubscriptions(account));
  registerCommand(context, log, CommandIds.refresh, (node) => tree.refreshFromCommand(node));
  registerCommand(context, log, CommandIds.retry, (node) => tree.retryFromCommand(node));
  registerCommand(context, log, CommandIds.openInPortal, (node) => openInPortal(account, infrastructureTargetOf(node)));
  registerCommand(context, log, CommandIds.copyIpAddress, (node) => copyIpAddress(log, infrastructureTargetOf(node)));

  registerCommand(context, log, CommandIds.addProcessServer, (node) => operationsNow().addProcessServer(node));
  registerCommand(context, log, CommandIds.openProcessServerPlan, () => operationsNow().addProcessServerFromPlan());
  registerCommand(context, log, CommandIds.resumeDeployment, () => operationsNow().resumeOrRollBack());
  registerCommand(context, log, CommandIds.diagnoseProcessServer, (node) => operationsNow().diagnoseProcessServer(node));
  registerCommand(context, log, CommandIds.reregisterProcessServer, (node) => operationsNow().reregisterProcessServer(node));
  registerCommand(context, log, CommandIds.removeProcessServer, (node) => operationsNow().removeProcessServer(node));

  log.info(vscode.l10n.t('Azure Site Recovery failback extension {0} activated.', extensionVersion(context)));
  if (context.extensionMode !== vscode.ExtensionMode.Test) {
    // The ledger is read at once (it is small); the operations load only when a deployment was interrupted.
    if (ledger.all().some(wasInterrupted)) {
      void operationsNow().offerInterruptedDeployments();
    }
    return { infrastructureTree: tree };
  }
  const wizard: WizardTestApi = {
    addProcessServer: (node, userInput) => operationsNow().addProcessServer(node, userInput),
    addProcessServerFromPlan: (userInput) => operationsNow().addProcessServerFromPlan(userInput),
    resumeOrRollBack: (userInput) => operationsNow().resumeOrRollBack(userInput),
    diagnoseProcessServer: (node, userInput) => operationsNow().diagnoseProcessServer(node, userInput),
    reregisterProcessServer: (node, userInput) => operationsNow().reregisterProcessServer(node, userInput),
    removeProcessServer: (node, userInput) => operationsNow().removeProcessServer(node, userInput),
    offerInterruptedDeployments: (userInput) => operationsNow().offerInterruptedDeployments(userInput),
    deploymentRecords: () => ledger.all(),
    cancelDeployment: (deploymentId) => activity.cancel(deploymentId),
    markInterrupted: (deploymentId, ownerProcessId) => ledger.markRunningBy(deploymentId, ownerProcessId).then(() => undefined),
    storageLocations: () => ({ logDirectory: context.logUri.fsPath, globalStorageDirectory: context.globalStorageUri.fsPath }),
    globalState: () => Object.fromEntries(context.globalState.keys().map((key) => [key, context.globalState.get(key)])),
    setDeploymentPacing: (testPacing) => {
      pacing = testPacing;
    },
  };
  return { infrastructureTree: tree, wizard };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}

function extensionVersion(context: vscode.ExtensionContext): string {
  const manifest = context.extension.packageJSON as { version?: unknown };
  return typeof manifest.version === 'string' ? manifest.version : '';
}
