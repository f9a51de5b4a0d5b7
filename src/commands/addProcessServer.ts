import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import type { AzureAccount } from '../azure/azureAccount';
import { errorMessage, isAbortError } from '../azure/azureErrors';
import { parseDeploymentPlan } from '../deployment/planFile';
import { deployPlan, type DeploymentDependencies, type DeploymentResult } from './deployProcessServer';
import { UserCancelledError } from '../util/userCancelledError';
import type { ExtensionLog } from '../logging/extensionLog';
import type { InfrastructureServices } from '../services/subscriptionServices';
import type { InfrastructureTarget } from '../siteRecovery/infrastructureTarget';
import type { AddProcessServerContext, ConfigurationServerChoice } from '../wizard/addProcessServer/addProcessServerContext';
import { gatherProcessServerSettings } from '../wizard/addProcessServer/addProcessServerWizard';
import { contextFromPlan } from '../wizard/addProcessServer/contextFromPlan';
import type { PassphraseStore } from '../wizard/addProcessServer/steps/configurationServerConnectionSteps';
import type { UserInput } from '../wizard/userInput';
import type { RecentChoices } from '../wizard/wizard';

export interface AddProcessServerDependencies {
  readonly account: AzureAccount;
  readonly services: InfrastructureServices;
  readonly log: ExtensionLog;
  readonly recent: RecentChoices;
  readonly passphrases: PassphraseStore;
  /** What deploying the plan needs (when the user chooses "Deploy and register" at the summary). */
  readonly deployment: DeploymentDependencies;
}

/** The configuration server a right-click names; undefined from the Command Palette (the wizard asks). */
function configurationServerOf(target: InfrastructureTarget | undefined): ConfigurationServerChoice | undefined {
  if (target === undefined) {
    return undefined;
  }
  if (target.kind !== 'fabric' || target.fabric.kind !== 'configurationServer') {
    throw new Error(
      target.kind === 'fabric' && target.fabric.kind === 'replicationAppliance'
        ? vscode.l10n.t('{0} is a replication appliance (modernized): failback with it needs no process server in Azure.', target.fabric.friendlyName)
        : vscode.l10n.t('Add Process Server in Azure works on a configuration server: right-click one in the tree, or run the command from the Command Palette.'),
    );
  }
  return { subscription: target.subscription, vault: target.vault, fabric: target.fabric };
}

/**
 * What a run of the wizard gathered, as it is handed out: never its secrets, nor its ways into Azure; with how the
 * deployment ended when the user deployed.
 */
export type AddProcessServerOutcome = Omit<AddProcessServerContext, 'adminPassword' | 'passphrase' | 'listSubscriptions' | 'servicesFor'> & {
  readonly deployment?: DeploymentResult;
};

function outcomeOf(context: AddProcessServerContext, deployment: DeploymentResult | undefined): AddProcessServerOutcome {
  const outcome: Partial<Record<keyof AddProcessServerContext | 'deployment', unknown>> = { ...context, ...(deployment === undefined ? {} : { deployment }) };
  for (const left of ['adminPassword', 'passphrase', 'listSubscriptions', 'servicesFor'] as const) {
    // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- a fixed list of the context's own fields
    delete outcome[left];
  }
  return outcome as AddProcessServerOutcome;
}

/** Runs the wizard over `context` to the summary, then does what the user chose there (deploy, or save the plan). */
async function completeWizard(dependencies: AddProcessServerDependencies, context: AddProcessServerContext, ui: UserInput): Promise<DeploymentResult | undefined> {
  const { log, recent, passphrases } = dependencies;
  await gatherProcessServerSettings(context, ui, recent, {
    registerSecret: (secret) => {
      log.masker.add(secret);
    },
    passphrases,
    showSummary: (title, lines) => {
      log.info(title);
      for (const line of lines) {
        log.info(`  ${line}`);
      }
    },
  });
  if (context.summaryDecision === 'savePlan' && context.plan !== undefined) {
    const file = await ui.chooseFileToSave({
      title: vscode.l10n.t('Save the deployment plan'),
      defaultFileName: `process-server-plan-${context.plan.processServer.name}.json`,
    });
    await vscode.workspace.fs.writeFile(vscode.Uri.file(file), Buffer.from(`${JSON.stringify(context.plan, undefined, 2)}\n`, 'utf8'));
    log.info(vscode.l10n.t('Saved the deployment plan {0} to {1}. It holds no password or passphrase.', context.plan.deploymentId, file));
    void vscode.window.showInformationMessage(vscode.l10n.t('Saved the plan to {0}. Nothing was created in Azure.', file));
  }
  const fabricId = context.configurationServer?.fabric.id;
  if (fabricId !== undefined && context.passphrase !== undefined) {
    // Kept only where the user asked for it, and only in VS Code's SecretStorage; "do not remember" forgets it.
    try {
      await (context.rememberPassphrase === true ? passphrases.store(fabricId, context.passphrase) : passphrases.forget(fabricId));
    } catch (error) {
      log.warn(vscode.l10n.t('Could not update the remembered passphrase in VS Code\'s secret storage: {0}', errorMessage(error)));
    }
  }
  const { plan, subscription, configurationServer } = context;
  if (context.summaryDecision !== 'deploy' || plan === undefined || subscription === undefined || configurationServer === undefined) {
    return undefined;
  }
  const secrets = { adminPassword: context.adminPassword, passphrase: context.passphrase };
  // The context lets go of the secrets: from here they live only as long as the deployment needs them.
  context.adminPassword = undefined;
  context.passphrase = undefined;
  return deployPlan(dependencies.deployment, { plan, subscription, vaultSubscription: configurationServer.subscription }, secrets, ui);
}

/** What every run of the wizard starts from: how to reach Azure, and a signal that ends every read with the wizard. */
function wizardBase(dependencies: AddProcessServerDependencies, reads: AbortController): Pick<AddProcessServerContext, 'listSubscriptions' | 'servicesFor' | 'signal'> {
  return {
    signal: reads.signal,
    listSubscriptions: () => dependencies.account.listSubscriptions({ reuse: true }),
    servicesFor: (subscription) => dependencies.services.forSubscription(subscription),
  };
}

/**
 * "Add Process Server in Azure": gathers and validates every setting through `ui`, shows the summary, then deploys and
 * registers, or saves the plan where the user says. Nothing is created in Azure while it asks; every read it started
 * stops when the wizard ends.
 */
export async function addProcessServer(
  dependencies: AddProcessServerDependencies,
  target: InfrastructureTarget | undefined,
  ui: UserInput,
): Promise<AddProcessServerOutcome> {
  const reads = new AbortController();
  const context: AddProcessServerContext = {
    ...wizardBase(dependencies, reads),
    configurationServer: configurationServerOf(target),
    deploymentId: randomUUID(),
  };
  let deployment: DeploymentResult | undefined;
  try {
    deployment = await completeWizard(dependencies, context, ui);
  } finally {
    reads.abort(new DOMException('The wizard ended.', 'AbortError'));
  }
  return outcomeOf(context, deployment);
}

/**
 * "Deploy Process Server from Plan…": opens a saved plan, reads Azure again and re-runs every check the wizard ran;
 * when all hold, asks only for what the plan does not keep (the admin password, the passphrase) and goes on to the
 * same summary. When something no longer holds, it says what, and nothing is asked.
 */
export async function addProcessServerFromPlan(dependencies: AddProcessServerDependencies, ui: UserInput): Promise<AddProcessServerOutcome> {
  const file = await ui.chooseFileToOpen({ title: vscode.l10n.t('Open a deployment plan') });
  const plan = parseDeploymentPlan(Buffer.from(await vscode.workspace.fs.readFile(vscode.Uri.file(file))).toString('utf8'), file);
  const reads = new AbortController();
  try {
    const { context, problems } = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Checking the plan {0} against Azure…', plan.deploymentId), cancellable: true },
      async (_progress, token) => {
        token.onCancellationRequested(() => {
          reads.abort(new DOMException('Cancelled by the user.', 'AbortError'));
        });
        try {
          return await contextFromPlan(plan, wizardBase(dependencies, reads));
        } catch (error) {
          throw token.isCancellationRequested && isAbortError(error) ? new UserCancelledError(vscode.l10n.t('Checking the plan {0} against Azure…', plan.deploymentId)) : error;
        }
      },
    );
    if (problems.length > 0) {
      throw new Error(vscode.l10n.t('The plan {0} no longer holds: {1}', plan.deploymentId, problems.join(' ')));
    }
    dependencies.log.info(vscode.l10n.t('The plan {0} from {1} passed every check again.', plan.deploymentId, file));
    const deployment = await completeWizard(dependencies, context, ui);
    return outcomeOf(context, deployment);
  } finally {
    reads.abort(new DOMException('The wizard ended.', 'AbortError'));
  }
}
