import { DEPLOYMENT_PLAN_VERSION, ResourceTypes, type DeploymentPlan, type PlannedResource } from '../../deployment/deploymentPlan';
import {
  COMPUTER_NAME_TAG,
  CONFIGURATION_SERVER_TAG,
  DEPLOYMENT_ID_TAG,
  MANAGED_BY_TAG,
  MANAGED_BY_VALUE,
  PROCESS_SERVER_IP_TAG,
  VAULT_TAG,
  vaultTagValue,
  VIRTUAL_NETWORK_TAG,
  virtualNetworkTagValue,
} from '../../deployment/resourceTags';
import type { AddProcessServerContext } from './addProcessServerContext';
import { networkInterfaceNameFor } from './azureChecks';

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) {
    throw new Error(`The plan needs ${what}, which the wizard did not set.`);
  }
  return value;
}

/** The plan of a completed wizard context. Resource ids are built as Resource Manager will assign them. */
export function planFromContext(context: AddProcessServerContext, deploymentId: string): DeploymentPlan {
  const configurationServer = required(context.configurationServer, 'the configuration server');
  const subscription = required(context.subscription, 'the subscription');
  const resourceGroup = required(context.resourceGroup, 'the resource group');
  const location = required(context.location, 'the region').name;
  const network = required(context.virtualNetwork, 'the virtual network');
  const subnet = required(context.subnet, 'the subnet');
  const serverName = required(context.serverName, 'the server name');
  const storageAccount = required(context.storageAccount, 'the storage account');
  const staticIpAddress = required(context.staticIpAddress, 'the static IP address');
  const vmSize = required(context.vmSize, 'the VM size');
  const image = required(context.image, 'the image');
  const installerSource = required(context.installerSource, 'the installer source');
  const adminUsername = required(context.adminUsername, 'the admin user name');

  const groupId = `/subscriptions/${subscription.subscriptionId}/resourceGroups/${resourceGroup.name}`;
  const storageId = `/subscriptions/${subscription.subscriptionId}/resourceGroups/${storageAccount.resourceGroup}/providers/Microsoft.Storage/storageAccounts/${storageAccount.name}`;
  const nicName = networkInterfaceNameFor(serverName);
  const nicId = `${groupId}/providers/Microsoft.Network/networkInterfaces/${nicName}`;
  const vmId = `${groupId}/providers/Microsoft.Compute/virtualMachines/${serverName}`;
  const tags: Record<string, string> = {
    [MANAGED_BY_TAG]: MANAGED_BY_VALUE,
    [DEPLOYMENT_ID_TAG]: deploymentId,
    [VAULT_TAG]: vaultTagValue(configurationServer.vault.id),
    [CONFIGURATION_SERVER_TAG]: configurationServer.fabric.name,
    [PROCESS_SERVER_IP_TAG]: staticIpAddress,
    [COMPUTER_NAME_TAG]: serverName,
    [VIRTUAL_NETWORK_TAG]: virtualNetworkTagValue(network.id),
  };
  const resources: PlannedResource[] = [
    {
      type: ResourceTypes.resourceGroup,
      id: groupId,
      name: resourceGroup.name,
      location: resourceGroup.location ?? location,
      create: resourceGroup.isNew,
      properties: {},
      tags: resourceGroup.isNew ? tags : {},
    },
    {
      type: ResourceTypes.storageAccount,
      id: storageId,
      name: storageAccount.name,
      location,
      create: storageAccount.isNew,
      properties: storageAccount.isNew
        ? { sku: { name: 'Standard_LRS' }, kind: 'StorageV2', minimumTlsVersion: 'TLS1_2', allowBlobPublicAccess: false, supportsHttpsTrafficOnly: true }
        : {},
      tags: storageAccount.isNew ? tags : {},
    },
    {
      type: ResourceTypes.networkInterface,
      id: nicId,
      name: nicName,
      location,
      create: true,
      properties: {
        ipConfigurations: [
          { name: 'ipconfig1', privateIPAllocationMethod: 'Static', privateIPAddress: staticIpAddress, privateIPAddressVersion: 'IPv4', subnet: { id: subnet.id }, primary: true },
        ],
      },
      tags,
    },
    {
      type: ResourceTypes.virtualMachine,
      id: vmId,
      name: serverName,
      location,
      create: true,
      properties: {
        hardwareProfile: { vmSize: vmSize.name },
        storageProfile: {
          imageReference: { publisher: image.publisher, offer: image.offer, sku: image.sku, version: image.version },
          osDisk: {
            name: `${serverName}-osdisk`,
            createOption: 'FromImage',
            caching: 'ReadWrite',
            // Premium SSD only where the size takes it (Standard_A8_v2, the default, does not).
            managedDisk: { storageAccountType: vmSize.premiumIo ? 'Premium_LRS' : 'StandardSSD_LRS' },
            deleteOption: 'Delete',
          },
        },
        osProfile: { computerName: serverName, adminUsername, windowsConfiguration: { provisionVMAgent: true, enableAutomaticUpdates: true } },
        networkProfile: { networkInterfaces: [{ id: nicId, primary: true, deleteOption: 'Detach' }] },
        diagnosticsProfile: { bootDiagnostics: { enabled: true } },
      },
      tags,
    },
  ];
  return {
    version: DEPLOYMENT_PLAN_VERSION,
    deploymentId,
    createdAt: new Date().toISOString(),
    subscriptionId: subscription.subscriptionId,
    tenantId: subscription.tenantId,
    location,
    configurationServer: {
      fabricId: configurationServer.fabric.id,
      vaultId: configurationServer.vault.id,
      friendlyName: configurationServer.fabric.friendlyName,
      agentVersion: configurationServer.fabric.agentVersion,
      address: required(context.configurationServerAddress, 'the configuration server address'),
      port: required(context.configurationServerPort, 'the configuration server port'),
    },
    processServer: {
      name: serverName,
      adminUsername,
      staticIpAddress,
      dataTransferPort: required(context.dataTransferPort, 'the data-transfer port'),
      vmSize: vmSize.name,
      vCpus: vmSize.vCpus,
      image,
      installerSource,
      virtualNetworkId: network.id,
      subnetId: subnet.id,
      storageAccountId: storageId,
    },
    resources,
  };
}
