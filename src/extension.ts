import * as vscode from 'vscode';
import { AzureAccount } from './azure/azureAccount';
import { CommandIds } from './commandIds';
import { registerCommand } from './commands/registerCommand';
import { selectSubscriptions } from './commands/selectSubscriptions';
import { addProcessServer, addProcessServerFromPlan, type AddProcessServerOutcome } from './commands/addProcessServer';
import { copyIpAddress, openInPortal } from './commands/treeCommands';
import { ExtensionLog } from './logging/extensionLog';
import { DeployedProcessServerIndex } from './services/deployedProcessServerIndex';
import { InfrastructureServices } from './services/subscriptionServices';
import { infrastructureTargetOf } from './siteRecovery/infrastructureTarget';
import { INFRASTRUCTURE_VIEW_ID, InfrastructureTreeDataProvider } from './tree/infrastructureTreeDataProvider';
import { ConcurrencyLimiter } from './util/concurrencyLimiter';
import { QuickInputUserInput } from './wizard/quickInputUserInput';
import type { UserInput } from './wizard/userInput';
import { passphraseStoreIn } from './wizard/addProcessServer/steps/configurationServerConnectionSteps';
import { recentChoicesIn } from './wizard/wizard';

/** How many Azure requests the extension has in flight at most. */
const MAX_PARALLEL_REQUESTS = 6;

/**
 * "Add Process Server in Azure" and "Open Process Server Plan…" with the prompts answered through a given
 * `UserInput` (the commands use VS Code's QuickPick), for the extension's own tests: offered only when VS Code runs
 * the extension in test mode, since it could otherwise be used to pick a remembered passphrase. What they return
 * holds no secret.
 */
export interface WizardTestApi {
  addProcessServer(node: unknown, userInput: UserInput): Promise<AddProcessServerOutcome>;
  addProcessServerFromPlan(userInput: UserInput): Promise<AddProcessServerOutcome>;
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
  const tree = new InfrastructureTreeDataProvider(account, services, deployedVms, log);
  context.subscriptions.push(
    log,
    account,
    deployedVms,
    tree,
    vscode.window.createTreeView(INFRASTRUCTURE_VIEW_ID, { treeDataProvider: tree, showCollapseAll: true }),
  );

  registerCommand(context, log, CommandIds.showLogs, () => {
    log.show();
  });
  registerCommand(context, log, CommandIds.signIn, () => account.signIn());
  registerCommand(context, log, CommandIds.selectSubscriptions, () => selectSubscriptions(account));
  registerCommand(context, log, CommandIds.refresh, (node) => tree.refreshFromCommand(node));
  registerCommand(context, log, CommandIds.retry, (node) => tree.retryFromCommand(node));
  registerCommand(context, log, CommandIds.openInPortal, (node) => openInPortal(account, infrastructureTargetOf(node)));
  registerCommand(context, log, CommandIds.copyIpAddress, (node) => copyIpAddress(log, infrastructureTargetOf(node)));

  const wizardDependencies = {
    account,
    services,
    log,
    recent: recentChoicesIn(context.globalState),
    passphrases: passphraseStoreIn(context.secrets),
  };
  registerCommand(context, log, CommandIds.addProcessServer, (node) =>
    addProcessServer(wizardDependencies, infrastructureTargetOf(node), new QuickInputUserInput()),
  );
  registerCommand(context, log, CommandIds.openProcessServerPlan, () => addProcessServerFromPlan(wizardDependencies, new QuickInputUserInput()));

  log.info(vscode.l10n.t('Azure Site Recovery failback extension {0} activated.', extensionVersion(context)));
  const wizard: WizardTestApi = {
    addProcessServer: (node, userInput) => addProcessServer(wizardDependencies, infrastructureTargetOf(node), userInput),
    addProcessServerFromPlan: (userInput) => addProcessServerFromPlan(wizardDependencies, userInput),
  };
  return context.extensionMode === vscode.ExtensionMode.Test ? { infrastructureTree: tree, wizard } : { infrastructureTree: tree };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}

function extensionVersion(context: vscode.ExtensionContext): string {
  const manifest = context.extension.packageJSON as { version?: unknown };
  return typeof manifest.version === 'string' ? manifest.version : '';
}
