/**
 * The Azure SDK, bundled on its own into dist/azureSdk.js and loaded on first use (src/azure/azureSdk.ts), so that
 * activating the extension never pays for it. Everything the extension takes from the SDK passes through here.
 */
export {
  VSCodeAzureSubscriptionProvider,
  getConfiguredAzureEnv,
  getConfiguredAuthProviderId,
  isNotSignedInError,
} from '@microsoft/vscode-azext-azureauth';
export { AzureCliCredential, ClientSecretCredential } from '@azure/identity';
export { createDefaultHttpClient } from '@azure/core-rest-pipeline';
export { SubscriptionClient } from '@azure/arm-resources-subscriptions';
export { ResourceManagementClient } from '@azure/arm-resources';
export { RecoveryServicesClient } from '@azure/arm-recoveryservices';
export { SiteRecoveryManagementClient } from '@azure/arm-recoveryservices-siterecovery';
export { NetworkManagementClient } from '@azure/arm-network';
export { ComputeManagementClient } from '@azure/arm-compute';
export { StorageManagementClient } from '@azure/arm-storage';
export type { ResourceGroup } from '@azure/arm-resources';
export type { StorageAccount, StorageAccountCreateParameters } from '@azure/arm-storage';
export type { NetworkInterface, EffectiveRoute } from '@azure/arm-network';
export type { VirtualMachine, VirtualMachineRunCommand, Disk } from '@azure/arm-compute';
