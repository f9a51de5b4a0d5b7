/**
 * The commands that act on Azure beyond the tree (add, deploy, resume, diagnose, re-register, remove), bundled on
 * their own into dist/operations.js and loaded the first time one runs (src/operationsLoader.ts), so that activating
 * the extension pays only for the tree.
 */
import type * as vscode from 'vscode';
import type { AzureAccount } from '../azure/azureAccount';
import { addProcessServer, addProcessServerFromPlan, type AddProcessServerDependencies, type AddProcessServerOutcome } from '../commands/addProcessServer';
import type { DeploymentDependencies, DeploymentResult } from '../commands/deployProcessServer';
import { diagnoseCommand, removeCommand, reregisterCommand, type ProcessServerCommandDependencies, type RemovalResult } from '../commands/processServerCommands';
import { offerInterruptedDeployments, resumeOrRollBack } from '../commands/resumeDeployment';
import type { DeploymentActivity } from '../deployment/deploymentActivity';
import type { DeploymentLedger } from '../deployment/deploymentLedger';
import type { DeploymentPacing } from '../deployment/executeStep';
import type { ProcessServerDiagnosis } from '../diagnosis/processServerDiagnosis';
import type { ExtensionLog } from '../logging/extensionLog';
import { PendingRemovals } from '../removal/pendingRemovals';
import type { DeployedProcessServerIndex } from '../services/deployedProcessServerIndex';
import type { InfrastructureServices } from '../services/subscriptionServices';
import { infrastructureTargetOf } from '../siteRecovery/infrastructureTarget';
import { passphraseStoreIn } from '../wizard/addProcessServer/steps/configurationServerConnectionSteps';
import { QuickInputUserInput } from '../wizard/quickInputUserInput';
import type { UserInput } from '../wizard/userInput';
import { recentChoicesIn } from '../wizard/wizard';

/** What the operations take from the activated extension. */
export interface OperationsBase {
  readonly context: vscode.ExtensionContext;
  readonly account: AzureAccount;
  readonly services: InfrastructureServices;
  readonly deployedVms: DeployedProcessServerIndex;
  readonly log: ExtensionLog;
  readonly ledger: DeploymentLedger;
  readonly activity: DeploymentActivity;
  /** Read at each run (the extension's tests make it faster). */
  readonly pacing: () => DeploymentPacing;
  readonly refreshConfigurationServer: (fabricId: string) => Promise<void>;
  readonly revealProcessServer: (fabricId: string, ipAddress: string) => Promise<boolean>;
}

/** Each operation, with its prompts through `ui` (VS Code's QuickPick and InputBox when omitted). */
export interface Operations {
  addProcessServer(node: unknown, ui?: UserInput): Promise<AddProcessServerOutcome>;
  addProcessServerFromPlan(ui?: UserInput): Promise<AddProcessServerOutcome>;
  resumeOrRollBack(ui?: UserInput): Promise<DeploymentResult | undefined>;
  offerInterruptedDeployments(ui?: UserInput): Promise<void>;
  diagnoseProcessServer(node: unknown, ui?: UserInput): Promise<ProcessServerDiagnosis>;
  reregisterProcessServer(node: unknown, ui?: UserInput): Promise<void>;
  removeProcessServer(node: unknown, ui?: UserInput): Promise<RemovalResult>;
}

export function createOperations(base: OperationsBase): Operations {
  const { context, account, services, log, ledger, activity } = base;
  const passphrases = passphraseStoreIn(context.secrets);
  const deployment: DeploymentDependencies = {
    services,
    log,
    ledger,
    activity,
    passphrases,
    get pacing() {
      return base.pacing();
    },
    refreshConfigurationServer: base.refreshConfigurationServer,
    revealProcessServer: base.revealProcessServer,
  };
  const wizard: AddProcessServerDependencies = { account, services, log, recent: recentChoicesIn(context.globalState), passphrases, deployment };
  const processServers: ProcessServerCommandDependencies = {
    account,
    services,
    deployedVms: base.deployedVms,
    ledger,
    pendingRemovals: new PendingRemovals(context.globalState),
    passphrases,
    log,
    get pacing() {
      return base.pacing();
    },
    refreshConfigurationServer: base.refreshConfigurationServer,
  };
  const quickInput = (ui: UserInput | undefined): UserInput => ui ?? new QuickInputUserInput();
  return {
    addProcessServer: (node, ui) => addProcessServer(wizard, infrastructureTargetOf(node), quickInput(ui)),
    addProcessServerFromPlan: (ui) => addProcessServerFromPlan(wizard, quickInput(ui)),
    resumeOrRollBack: (ui) => resumeOrRollBack(deployment, account, quickInput(ui)),
    offerInterruptedDeployments: (ui) => offerInterruptedDeployments(deployment, account, quickInput(ui)),
    diagnoseProcessServer: (node, ui) => diagnoseCommand(processServers, infrastructureTargetOf(node), quickInput(ui)),
    reregisterProcessServer: (node, ui) => reregisterCommand(processServers, infrastructureTargetOf(node), quickInput(ui)),
    removeProcessServer: (node, ui) => removeCommand(processServers, infrastructureTargetOf(node), quickInput(ui)),
  };
}
