import * as vscode from 'vscode';
import { firstAssignableAddress, validateStaticIpAddress } from '../../rules/ipAddressRules';
import type { PromptStep, StepPrompts } from '../../wizard';
import type { NetworkService, VirtualNetworkInfo } from '../../../services/networkService';
import { subnetLoads, type AddProcessServerContext } from '../addProcessServerContext';
import { ipAddressTaken } from '../azureChecks';

/**
 * The address to suggest in `prefix`: its first assignable address when Azure says it is free, else the first free one
 * Azure names instead. Asked for as soon as the subnet is known (SubnetStep), so that the box opens with it.
 */
export async function suggestedStaticIpAddress(
  networks: NetworkService,
  virtualNetwork: VirtualNetworkInfo,
  prefix: string,
  signal: AbortSignal,
): Promise<string | undefined> {
  const first = firstAssignableAddress(prefix);
  if (first === undefined) {
    return undefined;
  }
  try {
    const result = await networks.checkIpAddress(virtualNetwork, first, signal);
    return result.available ? first : result.alternatives.find((address) => validateStaticIpAddress(address, prefix) === undefined);
  } catch {
    return first; // the check on accepting the address reports what failed
  }
}

/**
 * Step 4b: the NIC's static private IP (a process server needs a static IPv4 address). The subnet's first free
 * address is suggested; an address is accepted only inside the subnet, not reserved by Azure, and free according to
 * Azure's CheckIPAddressAvailability.
 */
export class StaticIpAddressStep implements PromptStep<AddProcessServerContext> {
  readonly id = 'staticIpAddress';

  shouldPrompt(context: AddProcessServerContext): boolean {
    return context.staticIpAddress === undefined;
  }

  async prompt(context: AddProcessServerContext, prompts: StepPrompts): Promise<void> {
    const { subscription, virtualNetwork, subnet } = context;
    const prefix = subnet?.addressPrefix;
    if (subscription === undefined || virtualNetwork === undefined || subnet === undefined || prefix === undefined) {
      throw new Error('The network and subnet steps come before the static IP address.');
    }
    const networks = context.servicesFor(subscription).networks;
    // Started at the subnet step; the box is busy while Azure has not answered yet.
    const suggestion = subnetLoads(context).staticIpSuggestion;
    context.staticIpAddress = await prompts.input({
      prompt: vscode.l10n.t('Static private IP address of the process server in {0} ({1})', subnet.name, prefix),
      value: suggestion,
      answerScope: subnet.id.toLowerCase(),
      validate: (value) => validateStaticIpAddress(value, prefix),
      check: (value, signal) => ipAddressTaken(networks, virtualNetwork, subnet.name, value, signal),
    });
  }
}
