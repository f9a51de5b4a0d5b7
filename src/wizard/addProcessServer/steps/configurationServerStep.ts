import * as vscode from 'vscode';
import { listConfigurationServers, type ConfigurationServerLocation } from '../../../services/configurationServerListing';
import type { PromptStep, StepPrompts } from '../../wizard';
import type { AddProcessServerContext } from '../addProcessServerContext';

/**
 * From the Command Palette, the configuration server is not known: step 0 lists the classic configuration servers
 * of every vault the user can reach (one vault listing per subscription, one fabric listing per vault).
 */
export class ConfigurationServerStep implements PromptStep<AddProcessServerContext> {
  readonly id = 'configurationServer';

  shouldPrompt(context: AddProcessServerContext): boolean {
    return context.configurationServer === undefined;
  }

  async prompt(context: AddProcessServerContext, prompts: StepPrompts): Promise<void> {
    const picked = await prompts.pick({
      placeholder: vscode.l10n.t('The configuration server the process server registers with'),
      items: this.configurationServers(context).then((choices) => {
        if (choices.length === 0) {
          throw new Error(vscode.l10n.t('No classic configuration server was found in the vaults you can reach. A replication appliance (modernized) needs no process server in Azure.'));
        }
        return choices.map((choice) => ({
          label: choice.fabric.friendlyName,
          description: [choice.fabric.ipAddress, choice.vault.name].filter((part) => part !== undefined).join(' · '),
          detail: choice.subscription.name,
          key: choice.fabric.id.toLowerCase(),
          data: choice,
        }));
      }),
      recentKey: 'configurationServer',
    });
    context.configurationServer = picked.data;
  }

  private async configurationServers(context: AddProcessServerContext): Promise<ConfigurationServerLocation[]> {
    return listConfigurationServers(await context.listSubscriptions(), context.servicesFor, context.signal);
  }
}
