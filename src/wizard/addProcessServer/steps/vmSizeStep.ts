import * as vscode from 'vscode';
import type { PromptStep, StepPrompts } from '../../wizard';
import type { VmSizeOffer } from '../../../services/computeService';
import { regionLoads, type AddProcessServerContext } from '../addProcessServerContext';
import { quotaShortfall } from '../azureChecks';

/** What the portal deploys for a process server in Azure (domain.md: 8 vCPUs, 16 GiB). */
export const DEFAULT_PROCESS_SERVER_SIZE = 'Standard_A8_v2';

/** The smallest process server domain.md documents (scale-out, up to 85 machines): 4 vCPUs, 8 GB. */
const MINIMUM_VCPUS = 4;
const MINIMUM_MEMORY_GB = 8;

/**
 * Whether a size can run the process server: offered to the subscription in the region, at least the documented
 * minimum, and able to boot the x64, generation 1 Windows Server images the flow offers.
 */
function canRunProcessServer(size: VmSizeOffer): boolean {
  return (
    size.restriction === undefined &&
    size.vCpus >= MINIMUM_VCPUS &&
    (size.memoryGb ?? 0) >= MINIMUM_MEMORY_GB &&
    size.cpuArchitecture?.toLowerCase() !== 'arm64' &&
    (size.hyperVGenerations?.includes('V1') ?? true)
  );
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
        .filter(canRunProcessServer)
        .sort((a, b) => Number(b.name === DEFAULT_PROCESS_SERVER_SIZE) - Number(a.name === DEFAULT_PROCESS_SERVER_SIZE))
        .map((size) => ({
          label: size.name,
          description: vscode.l10n.t('{0} vCPUs, {1} GiB', size.vCpus, size.memoryGb ?? '?'),
          detail: size.name === DEFAULT_PROCESS_SERVER_SIZE ? vscode.l10n.t('What the portal deploys for a process server') : undefined,
          data: size,
        })),
    );
    const picked = await prompts.pick({
      placeholder: vscode.l10n.t('The VM size (a process server needs 8 vCPUs and 16 GiB for a full load, 4 vCPUs and 8 GiB at least)'),
      items,
      check: async (item) => quotaShortfall(item.data, await loads.coreQuotas, regionName),
    });
    context.vmSize = picked.data;
  }
}
