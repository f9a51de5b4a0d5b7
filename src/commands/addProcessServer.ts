import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import type { AzureAccount } from '../azure/azureAccount';
import type { ExtensionLog } from '../logging/extensionLog';
import type { InfrastructureServices } from '../services/subscriptionServices';
import type { InfrastructureTarget } from '../siteRecovery/infrastructureTarget';
import type { AddProcessServerContext, ConfigurationServerChoice } from '../wizard/addProcessServer/addProcessServerContext';
import { gatherProcessServerSettings } from '../wizard/addProcessServer/addProcessServerWizard';
import type { PassphraseStore } from '../wizard/addProcessServer/steps/configurationServerConnectionSteps';
import type { UserInput } from '../wizard/userInput';
import type { RecentChoices } from '../wizard/wizard';

export interface AddProcessServerDependencies {
  readonly account: AzureAccount;
  readonly services: InfrastructureServices;
  readonly log: ExtensionLog;
  readonly recent: RecentChoices;
  readonly passphrases: PassphraseStore;
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
 * "Add Process Server in Azure": gathers and validates every setting through `ui`, shows the summary, and saves the
 * plan where the user says. Nothing is created in Azure while it asks; every read it started stops when it ends.
 */
export async function addProcessServer(
  dependencies: AddProcessServerDependencies,
  target: InfrastructureTarget | undefined,
  ui: UserInput,
): Promise<AddProcessServerContext> {
  const { account, services, log, recent, passphrases } = dependencies;
  const reads = new AbortController();
  const context: AddProcessServerContext = {
    configurationServer: configurationServerOf(target),
    signal: reads.signal,
    listSubscriptions: () => account.listSubscriptions(),
    servicesFor: (subscription) => services.forSubscription(subscription),
    deploymentId: randomUUID(),
  };
  try {
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
  } finally {
    reads.abort(new DOMException('The wizard ended.', 'AbortError'));
  }
  if (context.summaryDecision === 'savePlan' && context.plan !== undefined) {
    const file = await ui.chooseFileToSave({
      title: vscode.l10n.t('Save the deployment plan'),
      defaultFileName: `process-server-plan-${context.plan.processServer.name}.json`,
    });
    await vscode.workspace.fs.writeFile(vscode.Uri.file(file), Buffer.from(`${JSON.stringify(context.plan, undefined, 2)}\n`, 'utf8'));
    log.info(vscode.l10n.t('Saved the deployment plan {0} to {1}. It holds no password or passphrase.', context.plan.deploymentId, file));
    void vscode.window.showInformationMessage(vscode.l10n.t('Saved the plan to {0}. Nothing was created in Azure.', file));
  }
  return context;
}
