import { parseResourceId } from '../siteRecovery/fabricMapping';
import type { ProcessServerInfo } from '../siteRecovery/model';
import {
  COMPUTER_NAME_TAG,
  CONFIGURATION_SERVER_TAG,
  configurationServerIdFromTags,
  DEPLOYMENT_ID_TAG,
  MANAGED_BY_TAG,
  MANAGED_BY_VALUE,
  PROCESS_SERVER_IP_TAG,
  VAULT_TAG,
  VIRTUAL_NETWORK_TAG,
  virtualNetworkIdFromTag,
} from './resourceTags';

/** A process-server VM this extension deployed, as Resource Manager lists it (found by its tags). */
export interface ManagedProcessServerVm {
  readonly id: string;
  readonly name: string;
  readonly subscriptionId: string;
  readonly resourceGroup: string;
  readonly location: string;
  readonly deploymentId: string;
  /** The fabric id of the configuration server it serves (from the vault and configuration-server tags). */
  readonly configurationServerId: string;
  /** The static private IP the deployment gave it (tag), the address the process server registers with. */
  readonly privateIpAddress?: string;
  /** The Windows computer name the deployment gave it (tag), the name the configuration server reports. */
  readonly computerName?: string;
  /** The virtual network it serves (tag). */
  readonly virtualNetworkId?: string;
  readonly provisioningState?: string;
}

/** The subset of a generic resource listing entry this needs. */
export interface TaggedResource {
  readonly id?: string;
  readonly name?: string;
  readonly type?: string;
  readonly location?: string;
  readonly tags?: Record<string, string>;
  readonly provisioningState?: string;
}

/**
 * The OData filter for the one listing per subscription that finds the VMs the extension created. Not a tag filter:
 * Resource Manager leaves the tags out of results filtered by tag name and value, and the tags are what tell which
 * configuration server a VM serves. The extension's tag is checked on the results instead.
 */
export const VIRTUAL_MACHINES_FILTER = "resourceType eq 'Microsoft.Compute/virtualMachines'";

/** The process-server VMs, among resources, that carry the extension's tags. */
export function managedProcessServerVms(resources: readonly TaggedResource[]): ManagedProcessServerVm[] {
  const vms: ManagedProcessServerVm[] = [];
  for (const resource of resources) {
    const tags: Partial<Record<string, string>> = resource.tags ?? {};
    const configurationServerId = configurationServerIdFromTags(tags[VAULT_TAG], tags[CONFIGURATION_SERVER_TAG]);
    if (
      resource.type?.toLowerCase() !== 'microsoft.compute/virtualmachines' ||
      tags[MANAGED_BY_TAG] !== MANAGED_BY_VALUE ||
      configurationServerId === undefined ||
      resource.id === undefined
    ) {
      continue;
    }
    const parsed = parseResourceId(resource.id);
    vms.push({
      id: resource.id,
      name: resource.name ?? parsed.name,
      subscriptionId: parsed.subscriptionId,
      resourceGroup: parsed.resourceGroup,
      location: resource.location ?? '',
      deploymentId: tags[DEPLOYMENT_ID_TAG] ?? '',
      configurationServerId,
      privateIpAddress: tags[PROCESS_SERVER_IP_TAG],
      computerName: tags[COMPUTER_NAME_TAG],
      virtualNetworkId: virtualNetworkIdFromTag(parsed.subscriptionId, tags[VIRTUAL_NETWORK_TAG]),
      provisioningState: resource.provisioningState,
    });
  }
  return vms;
}

/**
 * Whether a VM is the process server a configuration server reports: the address the deployment gave it is the one
 * the server registered with, and, where both are known, the computer name is the reported name (a host name, or the
 * first label of a fully qualified one). A VM whose tags carry no address matches nothing.
 */
export function isSameProcessServer(vm: ManagedProcessServerVm, server: Pick<ProcessServerInfo, 'ipAddress' | 'friendlyName'>): boolean {
  if (vm.privateIpAddress === undefined || server.ipAddress === undefined || vm.privateIpAddress.trim() !== server.ipAddress.trim()) {
    return false;
  }
  if (vm.computerName === undefined || server.friendlyName === '') {
    return true;
  }
  const reportedHost = server.friendlyName.split('.')[0] ?? '';
  return reportedHost.toLowerCase() === vm.computerName.toLowerCase();
}
