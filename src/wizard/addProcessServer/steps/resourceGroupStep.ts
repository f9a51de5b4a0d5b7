import * as vscode from 'vscode';
import { validateResourceGroupName } from '../../rules/azureNameRules';
import type { PromptStep, StepPrompts } from '../../wizard';
import { failoverLoads, type AddProcessServerContext } from '../addProcessServerContext';
import { resourceGroupNameTaken } from '../azureChecks';

/** Step 1b: an existing resource group, or a new one (named in the next step). */
export class ResourceGroupStep implements PromptStep<AddProcessServerContext> {
  readonly id = 'resourceGroup';

  shouldPrompt(context: AddProcessServerContext): boolean {
    return context.resourceGroup === undefined && context.creatingResourceGroup === undefined;
  }

  async prompt(context: AddProcessServerContext, prompts: StepPrompts): Promise<void> {
    const createNew = { label: vscode.l10n.t('$(add) Create new resource group…'), key: '<new>', data: undefined };
    const items = failoverLoads(context).resourceGroups.then((groups) => [
      createNew,
      ...groups.map((group) => ({ label: group.name, description: group.location, data: group })),
    ]);
    const picked = await prompts.pick({
      placeholder: vscode.l10n.t('The resource group for the process server VM and its NIC and disk'),
      items,
      recentKey: 'resourceGroup',
    });
    if (picked.data === undefined) {
      context.creatingResourceGroup = true;
    } else {
      context.creatingResourceGroup = false;
      context.resourceGroup = { name: picked.data.name, isNew: false, location: picked.data.location };
    }
  }
}

/** Step 1b': the new resource group's name, under Azure's naming rules and free in the subscription. */
export class NewResourceGroupNameStep implements PromptStep<AddProcessServerContext> {
  readonly id = 'newResourceGroupName';

  shouldPrompt(context: AddProcessServerContext): boolean {
    return context.creatingResourceGroup === true && context.resourceGroup === undefined;
  }

  async prompt(context: AddProcessServerContext, prompts: StepPrompts): Promise<void> {
    const groups = failoverLoads(context).resourceGroups;
    const name = await prompts.input({
      prompt: vscode.l10n.t('Name of the new resource group'),
      value: 'rg-asr-process-server',
      validate: validateResourceGroupName,
      check: async (value) => resourceGroupNameTaken(await groups, value),
    });
    context.resourceGroup = { name, isNew: true };
  }
}
