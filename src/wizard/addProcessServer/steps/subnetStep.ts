import * as vscode from 'vscode';
import type { PromptStep, StepPrompts } from '../../wizard';
import type { AddProcessServerContext } from '../addProcessServerContext';
import { EarlyReads } from '../earlyReads';
import { suggestedStaticIpAddress } from './staticIpAddressStep';

/** Step 2b: the subnet of the chosen network the process server's NIC goes in. */
export class SubnetStep implements PromptStep<AddProcessServerContext> {
  readonly id = 'subnet';
  private readonly reads = new EarlyReads();

  shouldPrompt(context: AddProcessServerContext): boolean {
    return context.subnet === undefined;
  }

  async prompt(context: AddProcessServerContext, prompts: StepPrompts): Promise<void> {
    const network = context.virtualNetwork;
    if (network === undefined) {
      throw new Error('The network step comes before the subnet.');
    }
    const subnets = network.subnets.filter((subnet) => subnet.addressPrefix !== undefined);
    // With nothing to pick, the prompt stays open with the reason, and the user goes back.
    const items =
      subnets.length === 0
        ? Promise.reject(new Error(vscode.l10n.t('{0} has no subnet a VM can use: add one in the portal, or go back and pick another network.', network.name)))
        : Promise.resolve(subnets.map((subnet) => ({ label: subnet.name, description: subnet.addressPrefix, key: subnet.id.toLowerCase(), data: subnet })));
    const picked = await prompts.pick({
      placeholder: vscode.l10n.t('The subnet of {0} for the process server', network.name),
      items,
      recentKey: `${network.id.toLowerCase()}/subnet`,
    });
    context.subnet = picked.data;
    const { subscription } = context;
    const prefix = picked.data.addressPrefix;
    if (subscription !== undefined && prefix !== undefined) {
      const networks = context.servicesFor(subscription).networks;
      context.subnetLoads = this.reads.start(context.signal, (signal) => ({
        staticIpSuggestion: suggestedStaticIpAddress(networks, network, prefix, signal),
      }));
    }
  }
}
