import type { AzureSubscriptionContext } from '../../azure/azureSubscriptionContext';
import type { ManagedProcessServerVm } from '../../deployment/managedProcessServerVm';
import type { SubscriptionServices } from '../../services/subscriptionServices';
import type { LocationInfo, ResourceGroupInfo } from '../../services/resourceGroupService';
import type { SubnetInfo, VirtualNetworkInfo } from '../../services/networkService';
import type { CoreQuota, VmSizeOffer } from '../../services/computeService';
import type { StorageAccountInfo } from '../../services/storageService';
import type { DeploymentPlan, InstallerSource, ProcessServerImage } from '../../deployment/deploymentPlan';
import type { MarketplaceImage } from './steps/imageSteps';
import type { SiteRecoveryFabric, VaultInfo } from '../../siteRecovery/model';

/** The configuration server the process server is for, with its vault: known before the first prompt. */
export interface ConfigurationServerChoice {
  readonly subscription: AzureSubscriptionContext;
  readonly vault: VaultInfo;
  readonly fabric: SiteRecoveryFabric;
}

/** Reads that need the region as well. */
export interface RegionLoads {
  readonly storageAccounts: Promise<StorageAccountInfo[]>;
  readonly vmSizes: Promise<VmSizeOffer[]>;
  readonly coreQuotas: Promise<CoreQuota[]>;
  /** The supported process-server images the region publishes, in the order they are offered. */
  readonly images: Promise<MarketplaceImage[]>;
}

/** Reads that need the subnet. */
export interface SubnetLoads {
  /** The static IP address to suggest (StaticIpAddressStep). */
  readonly staticIpSuggestion: Promise<string | undefined>;
}

/** Azure reads a later step needs, started as soon as what they depend on is known. */
export interface FailoverSubscriptionLoads {
  readonly resourceGroups: Promise<ResourceGroupInfo[]>;
  readonly locations: Promise<LocationInfo[]>;
  readonly virtualNetworks: Promise<VirtualNetworkInfo[]>;
  /** Lowercase ids of the networks with a VPN or ExpressRoute gateway. */
  readonly networksWithGateway: Promise<Set<string>>;
  /** The process servers this extension deployed, to tell which networks are already served. */
  readonly deployedProcessServers: Promise<ManagedProcessServerVm[]>;
}

/**
 * Everything "Add Process Server in Azure" gathers, field by field, and which step sets it. Optional fields are
 * unset until their step has run; going back takes them off again. Secrets live here only in memory, for as long as
 * the wizard and the deployment run, and are never written to a plan, a setting or a log.
 */
export interface AddProcessServerContext {
  /** From the tree's node before the first prompt, or from ConfigurationServerStep (Command Palette). */
  configurationServer: ConfigurationServerChoice | undefined;
  /** Aborted when the wizard ends (finished, cancelled): every Azure read it started stops with it. */
  readonly signal: AbortSignal;
  /** Lists the subscriptions the user can deploy to (the tree's own listing). */
  readonly listSubscriptions: () => Promise<AzureSubscriptionContext[]>;
  /** The services of a subscription. */
  readonly servicesFor: (subscription: AzureSubscriptionContext) => SubscriptionServices;
  /** The id of this run, tagged on everything it creates. */
  readonly deploymentId: string;
  /** True when the context was rebuilt from a saved plan: the steps before the secrets are not asked. */
  readonly fromPlan?: boolean;

  /** SubscriptionStep: the failover subscription. */
  subscription?: AzureSubscriptionContext;
  /** SubscriptionStep: reads started for that subscription. */
  loads?: FailoverSubscriptionLoads;
  /** ResourceGroupStep: an existing group; or, with NewResourceGroupNameStep, a new one (created in `location`). */
  resourceGroup?: { readonly name: string; readonly isNew: boolean; readonly location?: string };
  /** ResourceGroupStep: true when the user chose to create a new group (its name comes next). */
  creatingResourceGroup?: boolean;
  /** LocationStep: the failover region (the VM must sit in its network's region). */
  location?: LocationInfo;
  /** VirtualNetworkStep: the network the failed-over VMs sit in. */
  virtualNetwork?: VirtualNetworkInfo;
  /** VirtualNetworkStep: what the user must accept deliberately before going on (served already, no gateway). */
  networkWarnings?: readonly string[];
  /** NetworkWarningsStep: the user read the warnings and chose to go on. */
  networkWarningsAccepted?: boolean;
  /** SubnetStep. */
  subnet?: SubnetInfo;
  /** SubnetStep: reads started for the subnet. */
  subnetLoads?: SubnetLoads;
  /** ServerNameStep: the VM's name and its Windows computer name. */
  serverName?: string;
  /** AdminUsernameStep. */
  adminUsername?: string;
  /** AdminPasswordStep (secret). */
  adminPassword?: string;
  /** ConfirmPasswordStep: the confirmation matched. */
  adminPasswordConfirmed?: boolean;

  /** LocationStep: reads started for the region. */
  regionLoads?: RegionLoads;
  /** StorageAccountStep (existing) or NewStorageAccountNameStep (new, created in the region). */
  storageAccount?: { readonly name: string; readonly resourceGroup: string; readonly isNew: boolean };
  /** StorageAccountStep: true when the user chose to create a new account (its name comes next). */
  creatingStorageAccount?: boolean;
  /** StaticIpAddressStep: the NIC's static private address, free in the subnet. */
  staticIpAddress?: string;
  /** VmSizeStep: offered in the region, within the vCPU quota. */
  vmSize?: VmSizeOffer;
  /** ImageStep. */
  image?: ProcessServerImage;
  /** InstallerSourceStep. */
  installerSource?: InstallerSource;

  /** ConfigurationServerAddressStep: the address the process server reaches the configuration server at. */
  configurationServerAddress?: string;
  /** ConfigurationServerPortStep: 443 unless the configuration server listens elsewhere. */
  configurationServerPort?: number;
  /** DataTransferPortStep: the process server's replication port, 9443 by default. */
  dataTransferPort?: number;
  /** PassphraseStep (secret): the configuration server's connection passphrase. */
  passphrase?: string;
  /** PassphraseStep: whether to keep it in VS Code's SecretStorage for this configuration server. */
  rememberPassphrase?: boolean;

  /** SummaryStep: the plan the user reviewed, and what they chose to do with it. */
  plan?: DeploymentPlan;
  summaryDecision?: 'deploy' | 'savePlan';
}

/** The reads the region step started; a step after it can rely on them. */
export function regionLoads(context: AddProcessServerContext): RegionLoads {
  if (context.regionLoads === undefined) {
    throw new Error('The region step starts the Azure reads of the region before the later steps run.');
  }
  return context.regionLoads;
}

/** The reads the subnet step started; a step after it can rely on them. */
export function subnetLoads(context: AddProcessServerContext): SubnetLoads {
  if (context.subnetLoads === undefined) {
    throw new Error('The subnet step starts the Azure reads of the subnet before the later steps run.');
  }
  return context.subnetLoads;
}

/** The reads the subscription step started; a step after it can rely on them. */
export function failoverLoads(context: AddProcessServerContext): FailoverSubscriptionLoads {
  if (context.loads === undefined) {
    throw new Error('The subscription step starts the Azure reads before the later steps run.');
  }
  return context.loads;
}
