import * as vscode from 'vscode';
import type { AzureAccount } from '../azure/azureAccount';
import type { AzureSubscriptionContext } from '../azure/azureSubscriptionContext';
import { wasInterrupted, type DeploymentRecord } from '../deployment/deploymentLedger';
import { parseResourceId } from '../siteRecovery/fabricMapping';
import type { UserInput } from '../wizard/userInput';
import { deployPlan, rollBackDeployment, type DeploymentDependencies, type DeploymentResult, type DeploymentTarget } from './deployProcessServer';

/** The deployments a user can take up again: failed, cancelled or kept ones, and those a reload or crash interrupted. */
export function unfinishedDeployments(dependencies: DeploymentDependencies): DeploymentRecord[] {
  return dependencies.ledger
    .all()
    .filter((record) => record.state === 'failed' || record.state === 'cancelled' || record.state === 'kept' || wasInterrupted(record))
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
}

function describe(record: DeploymentRecord): string {
  const state = wasInterrupted(record) ? vscode.l10n.t('interrupted') : record.state;
  return vscode.l10n.t('{0} for {1} ({2}, {3})', record.plan.processServer.name, record.plan.configurationServer.friendlyName, state, new Date(record.updatedAt).toLocaleString(vscode.env.language));
}

/** The signed-in subscriptions the plan deploys to and reads its vault in. */
async function targetOf(account: AzureAccount, record: DeploymentRecord): Promise<DeploymentTarget> {
  const subscriptions = await account.listSubscriptions({ reuse: true });
  const find = (subscriptionId: string): AzureSubscriptionContext => {
    const found = subscriptions.find((subscription) => subscription.subscriptionId.toLowerCase() === subscriptionId.toLowerCase());
    if (found === undefined) {
      throw new Error(
        vscode.l10n.t('The subscription {0} of the deployment {1} is not among the signed-in subscriptions: sign in with an account that has it, or select it in "Select Subscriptions…".', subscriptionId, record.plan.deploymentId),
      );
    }
    return found;
  };
  return {
    plan: record.plan,
    subscription: find(record.plan.subscriptionId),
    vaultSubscription: find(parseResourceId(record.plan.configurationServer.vaultId).subscriptionId),
  };
}

/** Resumes or rolls back one deployment, as the user chooses. */
async function takeUp(dependencies: DeploymentDependencies, account: AzureAccount, record: DeploymentRecord, ui: UserInput): Promise<DeploymentResult | undefined> {
  const choice = await ui.choose<'resume' | 'rollBack'>({
    message: vscode.l10n.t('Deployment of {0}', describe(record)),
    detail:
      record.failure === undefined
        ? vscode.l10n.t('{0} resource(s) created so far. Resume goes on from where it stopped; Roll Back removes only what it created.', record.resources.length)
        : vscode.l10n.t('It stopped at {0}: {1}. {2} resource(s) created so far. Resume goes on from there; Roll Back removes only what it created.', record.failure.stepId, record.failure.message, record.resources.length),
    choices: [
      { label: vscode.l10n.t('Resume'), data: 'resume' },
      { label: vscode.l10n.t('Roll Back'), data: 'rollBack' },
    ],
  });
  if (choice === undefined) {
    return undefined;
  }
  const target = await targetOf(account, record);
  if (choice === 'rollBack') {
    return rollBackDeployment(dependencies, target);
  }
  return deployPlan(dependencies, target, { adminPassword: undefined, passphrase: undefined }, ui, { resumed: true });
}

/** "Resume or Roll Back a Deployment…": picks one of the unfinished deployments and takes it up. */
export async function resumeOrRollBack(dependencies: DeploymentDependencies, account: AzureAccount, ui: UserInput): Promise<DeploymentResult | undefined> {
  const records = unfinishedDeployments(dependencies);
  if (records.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No deployment is waiting to be resumed or rolled back.'));
    return undefined;
  }
  const picked = await ui.pick({
    title: vscode.l10n.t('Resume or Roll Back a Deployment'),
    step: 1,
    totalSteps: 1,
    placeholder: vscode.l10n.t('Pick the deployment to resume or roll back'),
    items: records.map((record) => ({
      label: record.plan.processServer.name,
      description: describe(record),
      detail: record.failure?.message,
      key: record.plan.deploymentId,
      data: record,
    })),
  });
  return takeUp(dependencies, account, picked.data, ui);
}

/**
 * At start-up: deployments a window reload or a crash interrupted (their extension host is gone) are offered for
 * resume or roll back, one message for all of them.
 */
export async function offerInterruptedDeployments(dependencies: DeploymentDependencies, account: AzureAccount, ui: UserInput): Promise<void> {
  const interrupted = dependencies.ledger.all().filter(wasInterrupted);
  if (interrupted.length === 0) {
    return;
  }
  for (const record of interrupted) {
    dependencies.log.warn(vscode.l10n.t('The deployment {0} ({1}) was interrupted: {2} resource(s) created, steps done: {3}.', record.plan.deploymentId, record.plan.processServer.name, record.resources.length, record.completedSteps.join(', ') || '-'));
  }
  const choice = await ui.choose({
    message: vscode.l10n.t('{0} deployment(s) of a process server were interrupted by a window reload or a crash: {1}', interrupted.length, interrupted.map(describe).join('; ')),
    modal: false,
    choices: [{ label: vscode.l10n.t('Resume or Roll Back…'), data: 'takeUp' }],
  });
  if (choice === 'takeUp') {
    await resumeOrRollBack(dependencies, account, ui);
  }
}
