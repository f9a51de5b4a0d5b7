import * as vscode from 'vscode';
import { Wizard, type PromptStep, type RecentChoices } from '../wizard';
import type { UserInput } from '../userInput';
import type { AddProcessServerContext } from './addProcessServerContext';
import { AdminPasswordStep, AdminUsernameStep, ConfirmPasswordStep } from './steps/adminCredentialSteps';
import {
  ConfigurationServerAddressStep,
  configurationServerPortStep,
  dataTransferPortStep,
  PassphraseStep,
  type PassphraseStore,
} from './steps/configurationServerConnectionSteps';
import { ImageStep, InstallerSourceStep } from './steps/imageSteps';
import { StaticIpAddressStep } from './steps/staticIpAddressStep';
import { NewStorageAccountNameStep, StorageAccountStep } from './steps/storageAccountSteps';
import { SummaryStep } from './steps/summaryStep';
import { VmSizeStep } from './steps/vmSizeStep';
import { ConfigurationServerStep } from './steps/configurationServerStep';
import { LocationStep } from './steps/locationStep';
import { NewResourceGroupNameStep, ResourceGroupStep } from './steps/resourceGroupStep';
import { ServerNameStep } from './steps/serverNameStep';
import { SubscriptionStep } from './steps/subscriptionStep';
import { SubnetStep } from './steps/subnetStep';
import { NetworkWarningsStep, VirtualNetworkStep } from './steps/virtualNetworkStep';

/** What the steps need from outside the wizard. */
export interface AddProcessServerStepServices {
  /** Registers a secret with the log's masker, as soon as it is typed. */
  readonly registerSecret: (secret: string) => void;
  readonly passphrases: PassphraseStore;
  /** Shows the summary's lines where the user can read them in full (the output channel). */
  readonly showSummary: (title: string, lines: readonly string[]) => void;
}

/** The steps of "Add Process Server in Azure", in the order of the user's document. */
export function addProcessServerSteps({ registerSecret, passphrases, showSummary }: AddProcessServerStepServices): PromptStep<AddProcessServerContext>[] {
  return [
    new ConfigurationServerStep(),
    // 1. Where
    new SubscriptionStep(),
    new ResourceGroupStep(),
    new NewResourceGroupNameStep(),
    new LocationStep(),
    // 2. Network
    new VirtualNetworkStep(),
    new NetworkWarningsStep(),
    new SubnetStep(),
    // 3. Server and credentials
    new ServerNameStep(),
    new AdminUsernameStep(),
    new AdminPasswordStep(registerSecret),
    new ConfirmPasswordStep(),
    // 4. Resources
    new StorageAccountStep(),
    new NewStorageAccountNameStep(),
    new StaticIpAddressStep(),
    new VmSizeStep(),
    new ImageStep(),
    new InstallerSourceStep(),
    // 5. Configuration-server connection
    new ConfigurationServerAddressStep(),
    configurationServerPortStep(),
    dataTransferPortStep(),
    new PassphraseStep(passphrases, registerSecret),
    // 6. Summary
    new SummaryStep(showSummary),
  ];
}

/** Runs the prompts over `context`; resolves when every answer is in, rejects when the user cancels. */
export async function gatherProcessServerSettings(
  context: AddProcessServerContext,
  ui: UserInput,
  recent: RecentChoices,
  stepServices: AddProcessServerStepServices,
): Promise<void> {
  const wizard = new Wizard<AddProcessServerContext>(
    vscode.l10n.t('Add Process Server in Azure'),
    addProcessServerSteps(stepServices),
    ui,
    recent,
    (current) => current.subscription?.subscriptionId ?? '',
  );
  await wizard.run(context);
}
