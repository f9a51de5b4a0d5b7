import * as vscode from 'vscode';
import type { CoreQuota, VmSizeOffer } from '../../../services/computeService';
import type { PromptStep, StepPrompts } from '../../wizard';
import { regionLoads, type AddProcessServerContext } from '../addProcessServerContext';

/** What the portal deploys for a process server in Azure (domain.md: 8 vCPUs, 16 GiB). */
export const DEFAULT_PROCESS_SERVER_SIZE = 'Standard_A8_v2';

/** Why a size's cores do not fit the region's quotas, or undefined when they do. */
export function quotaShortfall(size: VmSizeOffer, quotas: readonly CoreQuota[], regionName: string): string | undefined {
  for (const quotaName of ['cores', size.family]) {
    const quota = quotas.find((entry) => entry.name.toLowerCase() === quotaName.toLowerCase());
    if (quota === undefined) {
      continue;
    }
    const free = quota.limit - quota.used;
    if (free < size.vCpus) {
      return vscode.l10n.t(
        '{0} needs {1} vCPUs, but only {2} of the {3} quota ({4}) are free in {5}: {6} more are needed. Request more in the portal (Subscriptions > Usage + quotas), or pick a smaller size.',
        size.name,
        size.vCpus,
        free,
        quota.displayName,
        quota.limit,
        regionName,
        size.vCpus - free,
      );
    }
  }
  return undefined;
}

/** Step 4c: the VM size: only sizes the region offers the subscription, checked against its vCPU quotas. */
export class VmSizeStep implements PromptStep<AddProcessServerContext> {
  readonly id = 'vmSize';

  shouldPrompt(context: AddProcessServerContext): boolean {
    return context.vmSize === undefined;
  }

  async prompt(context: AddProcessServerContext, prompts: StepPrompts): Promise<void> {
    const loads = regionLoads(context);
    const regionName = context.location?.displayName ?? '';
    const items = loads.vmSizes.then((sizes) =>
      sizes
        .filter((size) => size.restriction === undefined)
        .sort((a, b) => Number(b.name === DEFAULT_PROCESS_SERVER_SIZE) - Number(a.name === DEFAULT_PROCESS_SERVER_SIZE))
        .map((size) => ({
          label: size.name,
          description: vscode.l10n.t('{0} vCPUs, {1} GiB', size.vCpus, size.memoryGb ?? '?'),
          detail: size.name === DEFAULT_PROCESS_SERVER_SIZE ? vscode.l10n.t('What the portal deploys for a process server') : undefined,
          data: size,
        })),
    );
    const picked = await prompts.pick({
      placeholder: vscode.l10n.t('The VM size (a process server needs 8 vCPUs and 16 GiB for a full load)'),
      items,
      check: async (item) => quotaShortfall(item.data, await loads.coreQuotas, regionName),
    });
    context.vmSize = picked.data;
  }
}
