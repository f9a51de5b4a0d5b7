import * as vscode from 'vscode';
import type { PromptStep, StepPrompts } from '../../wizard';
import type { AddProcessServerContext } from '../addProcessServerContext';
import { serverNameTaken, validateServerAndNicName } from '../azureChecks';

/** Step 3a: the server's name: the VM's name in Azure and its Windows computer name, free in the resource group. */
export class ServerNameStep implements PromptStep<AddProcessServerContext> {
  readonly id = 'serverName';

  shouldPrompt(context: AddProcessServerContext): boolean {
    return context.serverName === undefined;
  }

  async prompt(context: AddProcessServerContext, prompts: StepPrompts): Promise<void> {
    const { subscription, resourceGroup } = context;
    if (subscription === undefined || resourceGroup === undefined) {
      throw new Error('The subscription and resource group steps come before the server name.');
    }
    const { compute, networks } = context.servicesFor(subscription);
    context.serverName = await prompts.input({
      prompt: vscode.l10n.t('Name of the process server (the VM and its Windows computer name)'),
      value: 'ps-failback-01',
      validate: validateServerAndNicName,
      check: async (value, signal) => (resourceGroup.isNew ? undefined : serverNameTaken(compute, networks, resourceGroup.name, value, signal)),
    });
  }
}
