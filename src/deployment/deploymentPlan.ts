/** Where the process server's VM comes from, and what that implies for registering it. */
export interface ProcessServerImage {
  readonly publisher: string;
  readonly offer: string;
  readonly sku: string;
  /** The version to deploy ("latest" resolves to the region's newest). */
  readonly version: string;
  /** The Site Recovery process-server Marketplace image (its GUI-less registration is undocumented). */
  readonly isSiteRecoveryImage: boolean;
}

/** Where the VM gets the Unified Setup installer it registers with. */
export type InstallerSource =
  | { readonly kind: 'download'; readonly url: string }
  /** A blob the user placed in the chosen storage account (for a VM with no internet access). */
  | { readonly kind: 'storageBlob'; readonly container: string; readonly blobName: string };

/** The plan's format version: a plan of another version is refused with a message, never guessed at. */
export const DEPLOYMENT_PLAN_VERSION = 1;

/** One Azure resource of the plan: created by the deployment, or an existing one it only uses. */
export interface PlannedResource {
  readonly type: string;
  readonly id: string;
  readonly name: string;
  readonly location: string;
  /** True when the deployment creates it (and so may remove it on rollback); false for what the user already had. */
  readonly create: boolean;
  /** The properties the create call sends, without any secret. */
  readonly properties: Record<string, unknown>;
  readonly tags: Record<string, string>;
}

/**
 * Everything "Add Process Server in Azure" will do, as the wizard produced it: the only input of the deployment. It
 * holds no secret: the VM's admin password and the configuration server's passphrase travel beside it, in memory.
 */
export interface DeploymentPlan {
  readonly version: typeof DEPLOYMENT_PLAN_VERSION;
  readonly deploymentId: string;
  readonly createdAt: string;
  readonly subscriptionId: string;
  readonly tenantId: string;
  readonly location: string;
  readonly configurationServer: {
    readonly fabricId: string;
    readonly vaultId: string;
    readonly friendlyName: string;
    readonly agentVersion: string | undefined;
    readonly address: string;
    readonly port: number;
  };
  readonly processServer: {
    readonly name: string;
    readonly adminUsername: string;
    readonly staticIpAddress: string;
    readonly dataTransferPort: number;
    readonly vmSize: string;
    readonly vCpus: number;
    readonly image: ProcessServerImage;
    readonly installerSource: InstallerSource;
    readonly virtualNetworkId: string;
    readonly subnetId: string;
    /** Boot diagnostics and the registration's logs go to this account (its blob endpoint is read when deploying). */
    readonly storageAccountId: string;
  };
  /** In dependency order: resource group, storage account, NIC, VM. */
  readonly resources: readonly PlannedResource[];
}

/** The resource types a deployment creates (ARM's spelling). */
export const ResourceTypes = {
  resourceGroup: 'Microsoft.Resources/resourceGroups',
  storageAccount: 'Microsoft.Storage/storageAccounts',
  networkInterface: 'Microsoft.Network/networkInterfaces',
  virtualMachine: 'Microsoft.Compute/virtualMachines',
  /** The VM's managed OS disk: created by Azure with the VM, named by the plan. */
  disk: 'Microsoft.Compute/disks',
} as const;

/** The plan's resource of a type; a plan has one of each (planFromContext). */
export function plannedResourceOf(plan: DeploymentPlan, type: string): PlannedResource {
  const found = plan.resources.find((resource) => resource.type.toLowerCase() === type.toLowerCase());
  if (found === undefined) {
    throw new Error(`The plan ${plan.deploymentId} has no ${type}.`);
  }
  return found;
}
