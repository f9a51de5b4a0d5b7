import * as vscode from 'vscode';
import type { PromptStep, StepPrompts } from '../../wizard';
import { failoverLoads, type AddProcessServerContext } from '../addProcessServerContext';
import { EarlyReads } from '../earlyReads';
import { publishedProcessServerImages } from './imageSteps';

/** Step 1c: the failover region. Regions where the subscription has virtual networks come first: the VM must sit in its network's region. */
export class LocationStep implements PromptStep<AddProcessServerContext> {
  readonly id = 'location';
  private readonly reads = new EarlyReads();

  shouldPrompt(context: AddProcessServerContext): boolean {
    return context.location === undefined;
  }

  async prompt(context: AddProcessServerContext, prompts: StepPrompts): Promise<void> {
    const loads = failoverLoads(context);
    const items = Promise.all([loads.locations, loads.virtualNetworks]).then(([locations, networks]) => {
      const networkCount = (location: string): number => networks.filter((network) => network.location.toLowerCase() === location).length;
      return [...locations]
        .sort((a, b) => Number(networkCount(b.name) > 0) - Number(networkCount(a.name) > 0))
        .map((location) => {
          const count = networkCount(location.name);
          return {
            label: location.displayName,
            description: count === 0 ? location.name : vscode.l10n.t('{0} · {1} virtual network(s)', location.name, count),
            key: location.name,
            data: location,
          };
        });
    });
    const picked = await prompts.pick({
      placeholder: vscode.l10n.t('The Azure region the machines failed over to'),
      items,
      recentKey: 'location',
    });
    context.location = picked.data;
    const subscription = context.subscription;
    if (subscription !== undefined) {
      const services = context.servicesFor(subscription);
      const location = picked.data.name;
      context.regionLoads = this.reads.start(context.signal, (signal) => ({
        storageAccounts: services.storage.listAccounts(signal),
        vmSizes: services.compute.vmSizes(location, signal),
        coreQuotas: services.compute.coreQuotas(location, signal),
        images: publishedProcessServerImages(services.compute, location, signal),
      }));
    }
  }
}
