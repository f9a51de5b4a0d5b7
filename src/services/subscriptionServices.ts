import { AzureClients } from '../azure/azureClients';
import type { AzureSubscriptionContext } from '../azure/azureSubscriptionContext';
import type { ConcurrencyLimiter } from '../util/concurrencyLimiter';
import { ComputeService } from './computeService';
import { DeployedVmService } from './deployedVmService';
import { DeploymentService } from './deploymentService';
import { FabricService } from './fabricService';
import { NetworkService } from './networkService';
import { ResourceGroupService } from './resourceGroupService';
import { StorageService } from './storageService';
import { VaultService } from './vaultService';

/**
 * Everything the extension asks Azure about one subscription. The services own the subscription's clients (made
 * once), apply the shared bound on requests in flight, and take an AbortSignal on every call; the tree, the wizard
 * and the deployer all go through them and never touch the SDK themselves.
 */
export class SubscriptionServices {
  readonly vaults: VaultService;
  readonly fabrics: FabricService;
  readonly deployedVms: DeployedVmService;
  readonly networks: NetworkService;
  readonly resourceGroups: ResourceGroupService;
  readonly compute: ComputeService;
  readonly storage: StorageService;
  readonly deployment: DeploymentService;

  constructor(
    readonly subscription: AzureSubscriptionContext,
    limiter: ConcurrencyLimiter,
  ) {
    const clients = new AzureClients(subscription);
    this.vaults = new VaultService(clients, limiter);
    this.fabrics = new FabricService(clients, limiter);
    this.deployedVms = new DeployedVmService(clients, limiter);
    this.networks = new NetworkService(clients, limiter);
    this.resourceGroups = new ResourceGroupService(clients, limiter);
    this.compute = new ComputeService(clients, limiter);
    this.storage = new StorageService(clients, limiter);
    this.deployment = new DeploymentService(clients);
  }
}

/** The services of every subscription, each made once per sign-in (a new credential makes new clients). */
export class InfrastructureServices {
  private readonly bySubscription = new Map<string, SubscriptionServices>();

  constructor(private readonly limiter: ConcurrencyLimiter) {}

  forSubscription(subscription: AzureSubscriptionContext): SubscriptionServices {
    const key = `${subscription.tenantId}/${subscription.subscriptionId}`;
    let services = this.bySubscription.get(key);
    if (services?.subscription.credential !== subscription.credential) {
      services = new SubscriptionServices(subscription, this.limiter);
      this.bySubscription.set(key, services);
    }
    return services;
  }
}
