import type { AzureClients } from '../azure/azureClients';
import { collectAll, withCallSignal } from '../azure/callCancellation';
import { toSiteRecoveryFabric } from '../siteRecovery/fabricMapping';
import type { SiteRecoveryFabric, VaultInfo } from '../siteRecovery/model';
import type { ConcurrencyLimiter } from '../util/concurrencyLimiter';
import { pollerOptions, type PollingOptions } from './deploymentService';

/** A vault's configuration servers and replication appliances (Site Recovery fabrics), with their process servers. */
export class FabricService {
  constructor(
    private readonly clients: AzureClients,
    private readonly limiter: ConcurrencyLimiter,
  ) {}

  /** Every fabric of the vault, sorted by name, in one paged listing. */
  async list(vault: VaultInfo, signal: AbortSignal): Promise<SiteRecoveryFabric[]> {
    const fabrics = await this.limiter.run(
      () =>
        collectAll(
          () => this.clients.siteRecovery().replicationFabrics.list(vault.name, vault.resourceGroup, { abortSignal: signal }),
          signal,
        ),
      signal,
    );
    return fabrics.map((fabric) => toSiteRecoveryFabric(fabric, vault)).sort((a, b) => a.friendlyName.localeCompare(b.friendlyName));
  }

  /** One fabric as Site Recovery reports it now. */
  async get(vault: VaultInfo, fabricName: string, signal: AbortSignal): Promise<SiteRecoveryFabric> {
    const fabric = await this.limiter.run(
      () =>
        withCallSignal(signal, () =>
          this.clients.siteRecovery().replicationFabrics.get(vault.name, vault.resourceGroup, fabricName, { abortSignal: signal }),
        ),
      signal,
    );
    return toSiteRecoveryFabric(fabric, vault);
  }

  /**
   * Moves every replication of `sourceProcessServerId` to `targetProcessServerId`, another process server of the same
   * configuration server (Site Recovery's reassociate-gateway operation, "Switch" in the portal), and waits for it.
   */
  async moveReplications(
    vault: VaultInfo,
    fabricName: string,
    sourceProcessServerId: string,
    targetProcessServerId: string,
    polling: PollingOptions,
  ): Promise<void> {
    await withCallSignal(polling.signal, () =>
      this.clients.siteRecovery().replicationFabrics.beginReassociateGatewayAndWait(
        vault.name,
        vault.resourceGroup,
        fabricName,
        { properties: { sourceProcessServerId, targetProcessServerId, updateType: 'ServerLevel' } },
        pollerOptions(polling),
      ),
    );
  }
}
