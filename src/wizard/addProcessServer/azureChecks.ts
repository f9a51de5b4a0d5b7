import * as vscode from 'vscode';
import { validateNetworkInterfaceName, validateServerName } from '../rules/azureNameRules';
import type { ComputeService, CoreQuota, VmSizeOffer } from '../../services/computeService';
import type { NetworkService, VirtualNetworkInfo } from '../../services/networkService';
import type { ResourceGroupInfo } from '../../services/resourceGroupService';
import type { StorageService } from '../../services/storageService';

/**
 * The Azure-side checks of "Add Process Server in Azure", each returning what is wrong (and how to fix it) or
 * undefined. The steps run them before they complete; "Deploy Process Server from Plan…" runs them all again.
 */

export function resourceGroupNameTaken(groups: readonly ResourceGroupInfo[], name: string): string | undefined {
  const taken = groups.find((group) => group.name.toLowerCase() === name.toLowerCase());
  return taken === undefined
    ? undefined
    : vscode.l10n.t('A resource group named {0} already exists in this subscription: pick it in the previous step, or choose another name.', taken.name);
}

/** The name of the NIC the deployment creates for a server. */
export function networkInterfaceNameFor(serverName: string): string {
  return `${serverName}-nic`;
}

/** Azure's rules on the server name, and on the NIC name made from it. */
export function validateServerAndNicName(serverName: string): string | undefined {
  const serverProblem = validateServerName(serverName);
  if (serverProblem !== undefined) {
    return serverProblem;
  }
  const nicName = networkInterfaceNameFor(serverName);
  const nicProblem = validateNetworkInterfaceName(nicName);
  return nicProblem === undefined ? undefined : vscode.l10n.t('The network interface {0} is named after the server: {1}', nicName, nicProblem);
}

/** Whether the VM, or the NIC named after it, already exists in the group: the deployment would overwrite it. */
export async function serverNameTaken(
  compute: ComputeService,
  networks: NetworkService,
  resourceGroup: string,
  name: string,
  signal: AbortSignal,
): Promise<string | undefined> {
  const [machines, interfaces] = await Promise.all([compute.virtualMachineNames(resourceGroup, signal), networks.networkInterfaceNames(resourceGroup, signal)]);
  if (machines.some((vm) => vm.toLowerCase() === name.toLowerCase())) {
    return vscode.l10n.t('A VM named {0} already exists in resource group {1}: choose another name.', name, resourceGroup);
  }
  const nicName = networkInterfaceNameFor(name);
  return interfaces.some((nic) => nic.toLowerCase() === nicName.toLowerCase())
    ? vscode.l10n.t('A network interface named {0} already exists in resource group {1}, and the process server\'s NIC would take that name: choose another server name.', nicName, resourceGroup)
    : undefined;
}

export async function storageNameTaken(storage: StorageService, name: string, signal: AbortSignal): Promise<string | undefined> {
  const result = await storage.checkName(name, signal);
  return result.available
    ? undefined
    : vscode.l10n.t('The storage account name {0} is taken ({1}): storage account names are unique across Azure; choose another.', name, result.message ?? '');
}

export async function ipAddressTaken(
  networks: NetworkService,
  network: VirtualNetworkInfo,
  subnetName: string,
  ipAddress: string,
  signal: AbortSignal,
): Promise<string | undefined> {
  const result = await networks.checkIpAddress(network, ipAddress, signal);
  if (result.available) {
    return undefined;
  }
  return result.alternatives.length === 0
    ? vscode.l10n.t('{0} is already in use in {1}, and Azure suggests no free address there: choose another subnet.', ipAddress, subnetName)
    : vscode.l10n.t('{0} is already in use in {1}. Free addresses nearby: {2}.', ipAddress, subnetName, result.alternatives.slice(0, 5).join(', '));
}

/** Why a size's cores do not fit the region's quotas, or undefined when they do. */
export function quotaShortfall(size: VmSizeOffer, quotas: readonly CoreQuota[], regionName: string): string | undefined {
  for (const quotaName of ['cores', size.family]) {
    const quota = quotas.find((entry) => entry.name.toLowerCase() === quotaName.toLowerCase());
    if (quota === undefined) {
      // Azure reports both the regional total and every family; without them the check cannot be made.
      return vscode.l10n.t('The vCPU quota {0} of {1} could not be read, so {2} cannot be checked against it. Try again, or pick another size.', quotaName, regionName, size.name);
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
