import * as vscode from 'vscode';
import type { PromptStep, StepPrompts } from '../../wizard';
import type { AddProcessServerContext } from '../addProcessServerContext';
import { EarlyReads } from '../earlyReads';

/** Step 1a: the subscription used for failover. The vault's own subscription is offered first. */
export class SubscriptionStep implements PromptStep<AddProcessServerContext> {
  readonly id = 'subscription';
  private readonly reads = new EarlyReads();

  shouldPrompt(context: AddProcessServerContext): boolean {
    return context.subscription === undefined;
  }

  async prompt(context: AddProcessServerContext, prompts: StepPrompts): Promise<void> {
    const vaultSubscriptionId = context.configurationServer?.subscription.subscriptionId;
    const items = context.listSubscriptions().then((subscriptions) =>
      [...subscriptions]
        .sort((a, b) => Number(b.subscriptionId === vaultSubscriptionId) - Number(a.subscriptionId === vaultSubscriptionId))
        .map((subscription) => ({
          label: subscription.name,
          description: subscription.subscriptionId === vaultSubscriptionId ? vscode.l10n.t('the vault\'s subscription') : subscription.subscriptionId,
          key: subscription.subscriptionId,
          data: subscription,
        })),
    );
    const picked = await prompts.pick({
      placeholder: vscode.l10n.t('The subscription the machines failed over to'),
      items,
      recentKey: 'subscription',
    });
    const subscription = picked.data;
    context.subscription = subscription;
    // What the next steps need, asked for now so that it is there when they show.
    const services = context.servicesFor(subscription);
    context.loads = this.reads.start(context.signal, (signal) => ({
      resourceGroups: services.resourceGroups.listResourceGroups(signal),
      locations: services.resourceGroups.listLocations(signal),
      virtualNetworks: services.networks.listVirtualNetworks(signal),
      networksWithGateway: services.networks.networksWithGateway(signal),
      deployedProcessServers: services.deployedVms.list(signal),
    }));
  }
}
