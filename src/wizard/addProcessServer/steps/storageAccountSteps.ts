import * as vscode from 'vscode';
import { validateStorageAccountName } from '../../rules/azureNameRules';
import type { PromptStep, StepPrompts } from '../../wizard';
import { regionLoads, type AddProcessServerContext } from '../addProcessServerContext';
import { storageNameTaken } from '../azureChecks';

/** Step 4a: the storage account for boot diagnostics and the registration's logs: an existing one in the region, or a new one. */
export class StorageAccountStep implements PromptStep<AddProcessServerContext> {
  readonly id = 'storageAccount';

  shouldPrompt(context: AddProcessServerContext): boolean {
    return context.storageAccount === undefined && context.creatingStorageAccount === undefined;
  }

  async prompt(context: AddProcessServerContext, prompts: StepPrompts): Promise<void> {
    const region = context.location?.name.toLowerCase() ?? '';
    const createNew = { label: vscode.l10n.t('$(add) Create new storage account…'), key: '<new>', data: undefined };
    const items = regionLoads(context).storageAccounts.then((accounts) => [
      createNew,
      ...accounts
        .filter((account) => account.location.toLowerCase() === region)
        .map((account) => ({ label: account.name, description: account.resourceGroup, key: account.id.toLowerCase(), data: account })),
    ]);
    const picked = await prompts.pick({
      placeholder: vscode.l10n.t('The storage account for boot diagnostics and the registration logs (in {0})', context.location?.displayName ?? region),
      items,
      recentKey: 'storageAccount',
    });
    if (picked.data === undefined) {
      context.creatingStorageAccount = true;
    } else {
      context.creatingStorageAccount = false;
      context.storageAccount = { name: picked.data.name, resourceGroup: picked.data.resourceGroup, isNew: false };
    }
  }
}

/** Step 4a': the new account's name: Azure's rules, and free in the whole cloud (checkNameAvailability). */
export class NewStorageAccountNameStep implements PromptStep<AddProcessServerContext> {
  readonly id = 'newStorageAccountName';

  shouldPrompt(context: AddProcessServerContext): boolean {
    return context.creatingStorageAccount === true && context.storageAccount === undefined;
  }

  async prompt(context: AddProcessServerContext, prompts: StepPrompts): Promise<void> {
    const { subscription, resourceGroup } = context;
    if (subscription === undefined || resourceGroup === undefined) {
      throw new Error('The subscription and resource group steps come before the storage account.');
    }
    const storage = context.servicesFor(subscription).storage;
    const name = await prompts.input({
      prompt: vscode.l10n.t('Name of the new storage account (3 to 24 lowercase letters and digits, unique in Azure)'),
      value: `asrps${(context.serverName ?? '').toLowerCase().replace(/[^a-z0-9]/g, '')}`.slice(0, 24),
      validate: validateStorageAccountName,
      check: (value, signal) => storageNameTaken(storage, value, signal),
    });
    context.storageAccount = { name, resourceGroup: resourceGroup.name, isNew: true };
  }
}
