import * as vscode from 'vscode';
import type { ManagedProcessServerVm } from '../../../deployment/managedProcessServerVm';
import type { VirtualNetworkInfo } from '../../../services/networkService';
import { UserCancelledError } from '../../../util/userCancelledError';
import { GoBackError } from '../../userInput';
import type { PromptStep, StepPrompts } from '../../wizard';
import { failoverLoads, type AddProcessServerContext } from '../addProcessServerContext';

/** What makes a network a poor choice: a process server this extension deployed serves it already; no gateway. */
export function networkWarnings(
  network: VirtualNetworkInfo,
  deployed: readonly ManagedProcessServerVm[],
  networksWithGateway: ReadonlySet<string>,
): string[] {
  const warnings: string[] = [];
  const serving = deployed.filter((vm) => vm.virtualNetworkId?.toLowerCase() === network.id.toLowerCase());
  if (serving.length > 0) {
    warnings.push(
      vscode.l10n.t(
        'A process server this extension deployed already serves {0}: {1}. One process server per network is the rule.',
        network.name,
        serving.map((vm) => vm.name).join(', '),
      ),
    );
  }
  if (!networksWithGateway.has(network.id.toLowerCase())) {
    warnings.push(
      vscode.l10n.t(
        '{0} has no VPN or ExpressRoute gateway: the process server cannot reach the configuration server on-premises until one connects the network.',
        network.name,
      ),
    );
  }
  return warnings;
}

/**
 * Step 2a: the virtual network the failed-over VMs sit in, among those of the region. What makes it a poor choice
 * (a process server this extension deployed already serves it; no gateway to on-premises) is gathered for the next
 * step, where the user goes on only deliberately.
 */
export class VirtualNetworkStep implements PromptStep<AddProcessServerContext> {
  readonly id = 'virtualNetwork';

  shouldPrompt(context: AddProcessServerContext): boolean {
    return context.virtualNetwork === undefined;
  }

  async prompt(context: AddProcessServerContext, prompts: StepPrompts): Promise<void> {
    const loads = failoverLoads(context);
    const region = context.location?.name.toLowerCase() ?? '';
    // Everything the warnings need is read while the pick shows its busy indicator, so the warnings show on the items.
    const items = Promise.all([loads.virtualNetworks, loads.networksWithGateway, loads.deployedProcessServers]).then(([networks, withGateway, deployed]) => {
      const inRegion = networks.filter((network) => network.location.toLowerCase() === region);
      if (inRegion.length === 0) {
        throw new Error(
          vscode.l10n.t(
            'The subscription has no virtual network in {0}. The process server must sit in the network of the failed-over machines: go back and pick their region.',
            context.location?.displayName ?? region,
          ),
        );
      }
      return inRegion.map((network) => {
        const warnings = networkWarnings(network, deployed, withGateway);
        return {
          label: network.name,
          description: [network.addressPrefixes.join(', '), ...(warnings.length === 0 ? [] : [vscode.l10n.t('$(warning) {0} warning(s)', warnings.length)])].join(' · '),
          detail: vscode.l10n.t('Resource group {0}', network.resourceGroup),
          key: network.id.toLowerCase(),
          data: { network, warnings },
        };
      });
    });
    const picked = await prompts.pick({
      placeholder: vscode.l10n.t('The virtual network the failed-over machines are in'),
      items,
      recentKey: 'virtualNetwork',
    });
    context.virtualNetwork = picked.data.network;
    context.networkWarnings = picked.data.warnings;
  }
}

/** Step 2a': the network's warnings, which the user accepts deliberately or goes back from. */
export class NetworkWarningsStep implements PromptStep<AddProcessServerContext> {
  readonly id = 'networkWarnings';

  shouldPrompt(context: AddProcessServerContext): boolean {
    return (context.networkWarnings?.length ?? 0) > 0 && context.networkWarningsAccepted === undefined;
  }

  async prompt(context: AddProcessServerContext, prompts: StepPrompts): Promise<void> {
    const warnings = context.networkWarnings ?? [];
    const networkName = context.virtualNetwork?.name ?? '';
    const picked = await prompts.pick<'back' | 'cancel' | 'accept' | 'warning'>({
      placeholder: vscode.l10n.t('Before using {0}: {1}', networkName, warnings.join(' ')),
      items: [
        context.fromPlan === true
          ? { label: vscode.l10n.t('$(close) Stop: run "Add Process Server in Azure…" to choose another network'), key: 'cancel', data: 'cancel' }
          : { label: vscode.l10n.t('$(arrow-left) Choose another network'), key: 'back', data: 'back' },
        { label: vscode.l10n.t('$(warning) Use {0} anyway', networkName), key: 'accept', data: 'accept' },
        ...warnings.map((warning, index) => ({ label: `$(info) ${warning}`, key: `warning${String(index)}`, data: 'warning' as const })),
      ],
      check: (item) =>
        Promise.resolve(
          item.data === 'warning' ? vscode.l10n.t('Choose another network, or use {0} anyway.', networkName) : undefined,
        ),
    });
    if (picked.data === 'back') {
      throw new GoBackError();
    }
    if (picked.data === 'cancel') {
      throw new UserCancelledError(networkName);
    }
    context.networkWarningsAccepted = true;
  }
}
