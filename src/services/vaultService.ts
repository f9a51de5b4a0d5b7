import type { AzureClients } from '../azure/azureClients';
import { azureErrorCode } from '../azure/azureErrors';
import { collectAll } from '../azure/callCancellation';
import { toVaultInfo } from '../siteRecovery/fabricMapping';
import type { VaultInfo } from '../siteRecovery/model';
import type { ConcurrencyLimiter } from '../util/concurrencyLimiter';

/** A subscription's Recovery Services vaults, or the reason it cannot have any. */
export type VaultListing =
  | { readonly kind: 'vaults'; readonly vaults: readonly VaultInfo[] }
  /** The subscription never registered Microsoft.RecoveryServices, so it holds no vault. */
  | { readonly kind: 'providerNotRegistered' };

export class VaultService {
  constructor(
    private readonly clients: AzureClients,
    private readonly limiter: ConcurrencyLimiter,
  ) {}

  /** Every vault of the subscription, sorted by name, in one paged listing. */
  async list(signal: AbortSignal): Promise<VaultListing> {
    try {
      const vaults = await this.limiter.run(
        () => collectAll(() => this.clients.recoveryServices().vaults.listBySubscriptionId({ abortSignal: signal }), signal),
        signal,
      );
      return { kind: 'vaults', vaults: vaults.map(toVaultInfo).sort((a, b) => a.name.localeCompare(b.name)) };
    } catch (error) {
      if (azureErrorCode(error) === 'MissingSubscriptionRegistration') {
        return { kind: 'providerNotRegistered' };
      }
      throw error;
    }
  }
}
