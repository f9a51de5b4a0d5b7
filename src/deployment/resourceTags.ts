/**
 * The tags the extension writes on every Azure resource it creates, and by which it recognises them later. Only
 * resources carrying MANAGED_BY_TAG = MANAGED_BY_VALUE are ever changed or deleted by the extension.
 */
export const MANAGED_BY_TAG = 'asr-failback:managed-by';
export const MANAGED_BY_VALUE = 'vscode-asr-failback';
/** One id per "Add Process Server" run, shared by the VM, NIC and disk it created. */
export const DEPLOYMENT_ID_TAG = 'asr-failback:deployment-id';
/**
 * The configuration server the process server is for: its vault as `subscriptionId/resourceGroup/vaultName` and its
 * fabric's name. Azure keeps a tag value to 256 characters, which a whole fabric id can pass; these short forms fit
 * and give the id back (configurationServerIdFromTags).
 */
export const VAULT_TAG = 'asr-failback:vault';
export const CONFIGURATION_SERVER_TAG = 'asr-failback:configuration-server';
/**
 * The process server's identity as the configuration server will report it, written by the deployment itself: the
 * static private IP address it gives the NIC, and the Windows computer name it gives the VM (the VM's Azure name may
 * differ). The tree matches a reported process server to its VM by these, never by the VM's name.
 */
export const PROCESS_SERVER_IP_TAG = 'asr-failback:process-server-ip';
export const COMPUTER_NAME_TAG = 'asr-failback:computer-name';
/**
 * The virtual network the process server serves (its NIC's network), as `resourceGroup/networkName` in the VM's own
 * subscription: one process server per network is the rule.
 */
export const VIRTUAL_NETWORK_TAG = 'asr-failback:virtual-network';

const RESOURCE_ID = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/[^/]+\/[^/]+\/([^/]+)/i;

/** The vault tag's value for a vault id. */
export function vaultTagValue(vaultId: string): string {
  const [, subscriptionId = '', resourceGroup = '', name = ''] = RESOURCE_ID.exec(vaultId) ?? [];
  return `${subscriptionId}/${resourceGroup}/${name}`;
}

/** The fabric id the vault and configuration-server tags name, or undefined when either is missing or malformed. */
export function configurationServerIdFromTags(vaultTag: string | undefined, fabricTag: string | undefined): string | undefined {
  const parts = (vaultTag ?? '').split('/');
  if (parts.length !== 3 || parts.includes('') || fabricTag === undefined || fabricTag === '') {
    return undefined;
  }
  const [subscriptionId, resourceGroup, vaultName] = parts;
  return `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.RecoveryServices/vaults/${vaultName}/replicationFabrics/${fabricTag}`;
}

/** The virtual-network tag's value for a network id. */
export function virtualNetworkTagValue(networkId: string): string {
  const [, , resourceGroup = '', name = ''] = RESOURCE_ID.exec(networkId) ?? [];
  return `${resourceGroup}/${name}`;
}

/** The network id a virtual-network tag names, in the tagged VM's subscription. */
export function virtualNetworkIdFromTag(subscriptionId: string, tag: string | undefined): string | undefined {
  const parts = (tag ?? '').split('/');
  if (parts.length !== 2 || parts.includes('')) {
    return undefined;
  }
  const [resourceGroup, name] = parts;
  return `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.Network/virtualNetworks/${name}`;
}
