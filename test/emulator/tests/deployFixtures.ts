/** Request bodies shaped as the extension's deployment sends them (static-IP NIC, process-server VM), for emulator tests. */
import type { VirtualMachine } from '@azure/arm-compute';
import type { NetworkInterface } from '@azure/arm-network';

/** The marketplace image of the Site Recovery process server (published in japaneast, westeurope and eastus). */
export const processServerImage = { publisher: 'MicrosoftAzureSiteRecovery', offer: 'Process-Server', sku: 'Windows-2012-R2-Datacenter', version: 'latest' };
/** An image published in every region. */
export const windowsServerImage = { publisher: 'MicrosoftWindowsServer', offer: 'WindowsServer', sku: '2019-Datacenter', version: 'latest' };
/** The tag the deployment puts on everything it creates. */
export const deploymentTags = { 'asr-failback:managed-by': 'vscode-asr-failback' };
export const testPassword = 'Emulator-Test-Pa55word!';

/** `/subscriptions/{s}/resourceGroups/{g}/providers/Microsoft.Network/virtualNetworks/{vnet}/subnets/{subnet}`. */
export function subnetIdOf(subscriptionId: string, resourceGroup: string, virtualNetwork: string, subnet: string): string {
  return `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.Network/virtualNetworks/${virtualNetwork}/subnets/${subnet}`;
}

/** A NIC with one static private IP and no public IP. */
export function staticNic(location: string, subnetId: string, address: string): NetworkInterface {
  return {
    location,
    tags: deploymentTags,
    ipConfigurations: [{ name: 'ipconfig1', subnet: { id: subnetId }, privateIPAllocationMethod: 'Static', privateIPAddress: address }],
  };
}

/** What may differ between the test VMs. */
export interface VmOptions {
  readonly image?: typeof processServerImage;
  readonly vmSize?: string;
  /** Boot diagnostics into this blob endpoint; none: no diagnosticsProfile. */
  readonly storageUri?: string;
}

/** A process-server VM: managed OS disk `<name>_OsDisk` deleted with the VM, the NIC detached (kept) on delete. */
export function processServerVm(name: string, location: string, nicId: string, options: VmOptions = {}): VirtualMachine {
  return {
    location,
    tags: deploymentTags,
    hardwareProfile: { vmSize: options.vmSize ?? 'Standard_A8_v2' },
    storageProfile: {
      imageReference: options.image ?? processServerImage,
      osDisk: { name: `${name}_OsDisk`, createOption: 'FromImage', managedDisk: { storageAccountType: 'Premium_LRS' }, deleteOption: 'Delete' },
    },
    osProfile: { computerName: name.replaceAll('-', '').slice(0, 15), adminUsername: 'asradmin', adminPassword: testPassword },
    networkProfile: { networkInterfaces: [{ id: nicId, primary: true, deleteOption: 'Detach' }] },
    ...(options.storageUri === undefined ? {} : { diagnosticsProfile: { bootDiagnostics: { enabled: true, storageUri: options.storageUri } } }),
  };
}
