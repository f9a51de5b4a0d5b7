import type { AzureSubscriptionContext } from '../azure/azureSubscriptionContext';
import type { SiteRecoveryFabric, VaultInfo } from '../siteRecovery/model';
import type { SubscriptionServices } from './subscriptionServices';

/** A classic configuration server, with where it is. */
export interface ConfigurationServerLocation {
  readonly subscription: AzureSubscriptionContext;
  readonly vault: VaultInfo;
  readonly fabric: SiteRecoveryFabric;
}

/**
 * The classic configuration servers of every vault the user can reach: one vault listing per subscription, one fabric
 * listing per vault, all in parallel (the services bound the requests in flight).
 */
export async function listConfigurationServers(
  subscriptions: readonly AzureSubscriptionContext[],
  servicesFor: (subscription: AzureSubscriptionContext) => SubscriptionServices,
  signal: AbortSignal,
): Promise<ConfigurationServerLocation[]> {
  const perSubscription = await Promise.all(
    subscriptions.map(async (subscription) => {
      const services = servicesFor(subscription);
      const listing = await services.vaults.list(signal);
      if (listing.kind !== 'vaults') {
        return [];
      }
      const perVault = await Promise.all(
        listing.vaults.map(async (vault) =>
          (await services.fabrics.list(vault, signal)).filter((fabric) => fabric.kind === 'configurationServer').map((fabric) => ({ subscription, vault, fabric })),
        ),
      );
      return perVault.flat();
    }),
  );
  return perSubscription.flat();
}
