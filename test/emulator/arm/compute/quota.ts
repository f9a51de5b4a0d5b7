/** vCPU quota per family and region: limits from the seed, usage from the VMs that exist. */
import { ArmError } from '../errors';
import { parseResourceId } from '../resourceIds';
import { propertiesOf } from '../resourceHelpers';
import type { ArmState } from '../state';
import { isJsonObject } from '../types';
import { vmSizes, type VmSize } from './catalog';

const defaultLimits: Readonly<Partial<Record<string, number>>> = { cores: 100 };
const defaultFamilyLimit = 50;

/** The limit of `family` in a subscription and region: the most specific seed quota wins. */
export function quotaLimit(state: ArmState, subscriptionId: string, location: string, family: string): number {
  const candidates = state.quotas.filter(
    (quota) =>
      quota.family.toLowerCase() === family.toLowerCase() &&
      (quota.subscriptionId === undefined || quota.subscriptionId.toLowerCase() === subscriptionId.toLowerCase()) &&
      (quota.location === undefined || quota.location.toLowerCase() === location.toLowerCase()),
  );
  const specificity = (quota: (typeof candidates)[number]): number => (quota.subscriptionId === undefined ? 0 : 2) + (quota.location === undefined ? 0 : 1);
  const best = candidates.sort((first, second) => specificity(second) - specificity(first)).at(0);
  return best?.limit ?? defaultLimits[family] ?? defaultFamilyLimit;
}

/** The size a VM resource uses. */
export function sizeOf(vmSizeName: string): VmSize | undefined {
  return vmSizes.find((size) => size.name.toLowerCase() === vmSizeName.toLowerCase());
}

/** vCPUs used in a region by family (and in total under `cores`), counting every VM except `exceptId`. */
export function quotaUsage(state: ArmState, subscriptionId: string, location: string, exceptId?: string): Map<string, number> {
  const usage = new Map<string, number>();
  for (const vm of state.ofType('Microsoft.Compute/virtualMachines', subscriptionId)) {
    if (vm.location !== location || vm.id.toLowerCase() === exceptId?.toLowerCase() || parseResourceId(vm.id) === undefined) {
      continue;
    }
    const hardware = propertiesOf(vm)['hardwareProfile'];
    const size = isJsonObject(hardware) && typeof hardware['vmSize'] === 'string' ? sizeOf(hardware['vmSize']) : undefined;
    if (size !== undefined) {
      usage.set(size.family, (usage.get(size.family) ?? 0) + size.vCpus);
      usage.set('cores', (usage.get('cores') ?? 0) + size.vCpus);
    }
  }
  return usage;
}

/** 409 OperationNotAllowed, worded as CRP words a quota excess, when the VM would exceed its family or regional quota. */
export function requireQuota(state: ArmState, subscriptionId: string, location: string, size: VmSize, vmId: string): void {
  const usage = quotaUsage(state, subscriptionId, location, vmId);
  for (const [family, label] of [[size.family, `${size.family} Cores`], ['cores', 'Total Regional Cores']] as const) {
    const limit = quotaLimit(state, subscriptionId, location, family);
    const current = usage.get(family) ?? 0;
    if (current + size.vCpus > limit) {
      throw new ArmError(
        409,
        'OperationNotAllowed',
        `Operation could not be completed as it results in exceeding approved ${label} quota. Additional details - Deployment Model: Resource Manager, Location: ${location}, Current Limit: ${limit}, Current Usage: ${current}, Additional Required: ${size.vCpus}, (Minimum) New Limit Required: ${current + size.vCpus}. Submit a request for Quota increase at https://aka.ms/ProdportalCRP/#blade/Microsoft_Azure_Capacity/UsageAndQuota.ReactView/Parameters/%7B%22subscriptionId%22:%22${subscriptionId}%22%7D by specifying parameters listed in the ‘Details’ section for deployment to succeed. Please read more about quota limits at https://docs.microsoft.com/en-us/azure/azure-supportability/per-vm-quota-requests`,
      );
    }
  }
}
