import type { AzureClients } from '../azure/azureClients';
import { collectAll } from '../azure/callCancellation';
import type { ConcurrencyLimiter } from '../util/concurrencyLimiter';

export interface ResourceGroupInfo {
  readonly name: string;
  readonly location: string;
}

export interface LocationInfo {
  /** e.g. japaneast */
  readonly name: string;
  /** e.g. Japan East */
  readonly displayName: string;
}

/** A subscription's resource groups and the regions it offers. */
export class ResourceGroupService {
  constructor(
    private readonly clients: AzureClients,
    private readonly limiter: ConcurrencyLimiter,
  ) {}

  async listResourceGroups(signal: AbortSignal): Promise<ResourceGroupInfo[]> {
    const groups = await this.limiter.run(
      () => collectAll(() => this.clients.resources().resourceGroups.list({ abortSignal: signal }), signal),
      signal,
    );
    return groups.map((group) => ({ name: group.name ?? '', location: group.location })).sort((a, b) => a.name.localeCompare(b.name));
  }

  /** The physical regions of the subscription, by display name. */
  async listLocations(signal: AbortSignal): Promise<LocationInfo[]> {
    const { subscriptionId } = this.clients.subscription;
    const locations = await this.limiter.run(
      () => collectAll(() => this.clients.subscriptions().subscriptions.listLocations(subscriptionId, { abortSignal: signal }), signal),
      signal,
    );
    return locations
      .filter((location) => location.metadata?.regionType !== 'Logical')
      .map((location) => ({ name: location.name ?? '', displayName: location.displayName ?? location.name ?? '' }))
      .filter((location) => location.name !== '')
      .sort((a, b) => a.displayName.localeCompare(b.displayName));
  }
}
