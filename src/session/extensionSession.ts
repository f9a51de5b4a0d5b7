import * as vscode from 'vscode';
import { AzureAccount } from '../azure/azureAccount';
import { CommandIds, type CommandId } from '../commandIds';
import { selectSubscriptions } from '../commands/selectSubscriptions';
import { copyIpAddress, openInPortal } from '../commands/treeCommands';
import { DeploymentActivity } from '../deployment/deploymentActivity';
import type { DeploymentLedger } from '../deployment/deploymentLedger';
import type { DeploymentPacing } from '../deployment/executeStep';
import type { WizardTestApi } from '../extension';
import { ExtensionLog } from '../logging/extensionLog';
import { loadOperations, type Operations } from '../operationsLoader';
import { DeployedProcessServerIndex } from '../services/deployedProcessServerIndex';
import { InfrastructureServices } from '../services/subscriptionServices';
import { infrastructureTargetOf } from '../siteRecovery/infrastructureTarget';
import { InfrastructureTreeDataProvider } from '../tree/infrastructureTreeDataProvider';
import { ConcurrencyLimiter } from '../util/concurrencyLimiter';

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

/** What the activation entry hands the session: the extension's context, its ledger, and the view it created. */
export interface SessionHost {
  readonly context: vscode.ExtensionContext;
  readonly ledger: DeploymentLedger;
  readonly treeView: vscode.TreeView<unknown>;
}

/** The tree's data, the log, and every command's handler: created the first time the view lists or a command runs. */
export interface Session {
  readonly log: ExtensionLog;
  readonly tree: InfrastructureTreeDataProvider;
  readonly commands: Readonly<Record<CommandId, (...args: unknown[]) => unknown>>;
  offerInterruptedDeployments(): Promise<void>;
  /** The wizard's entry points for the extension's own tests (see WizardTestApi). */
  wizardTestApi(): WizardTestApi;
}

/** Creates the log, the sign-in, the services and the tree, and wires the commands to them. */
export function startSession({ context, ledger, treeView }: SessionHost): Session {
  const log = new ExtensionLog();
  const account = new AzureAccount(log);
  const services = new InfrastructureServices(new ConcurrencyLimiter(MAX_PARALLEL_REQUESTS));
  const deployedVms = new DeployedProcessServerIndex(services, log);
  const activity = new DeploymentActivity();
  const tree = new InfrastructureTreeDataProvider(account, services, deployedVms, activity, log);
  context.subscriptions.push(log, account, deployedVms, tree);
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
  log.info(vscode.l10n.t('Azure Site Recovery failback extension {0} activated.', extensionVersion(context)));

  return {
    log,
    tree,
    commands: {
      [CommandIds.showLogs]: () => {
        log.show();
      },
      [CommandIds.signIn]: () => account.signIn(),
      [CommandIds.selectSubscriptions]: () => selectSubscriptions(account),
      [CommandIds.refresh]: (node) => tree.refreshFromCommand(node),
      [CommandIds.retry]: (node) => tree.retryFromCommand(node),
      [CommandIds.openInPortal]: (node) => openInPortal(account, infrastructureTargetOf(node)),
      [CommandIds.copyIpAddress]: (node) => copyIpAddress(log, infrastructureTargetOf(node)),
      [CommandIds.addProcessServer]: (node) => operationsNow().addProcessServer(node),
      [CommandIds.openProcessServerPlan]: () => operationsNow().addProcessServerFromPlan(),
      [CommandIds.resumeDeployment]: () => operationsNow().resumeOrRollBack(),
      [CommandIds.diagnoseProcessServer]: (node) => operationsNow().diagnoseProcessServer(node),
      [CommandIds.reregisterProcessServer]: (node) => operationsNow().reregisterProcessServer(node),
      [CommandIds.removeProcessServer]: (node) => operationsNow().removeProcessServer(node),
    },
    offerInterruptedDeployments: () => operationsNow().offerInterruptedDeployments(),
    wizardTestApi: () => ({
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
    }),
  };
}

function extensionVersion(context: vscode.ExtensionContext): string {
  const manifest = context.extension.packageJSON as { version?: unknown };
  return typeof manifest.version === 'string' ? manifest.version : '';
}
