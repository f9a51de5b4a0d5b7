import type { AzureClients } from '../azure/azureClients';
import { azureErrorCode } from '../azure/azureErrors';
import { collectAll } from '../azure/callCancellation';
import { withCallSignal } from '../azure/callCancellation';
import type { ConcurrencyLimiter } from '../util/concurrencyLimiter';

/** A VM size as the region offers it to the subscription (resource SKUs). */
export interface VmSizeOffer {
  readonly name: string;
  readonly vCpus: number;
  readonly memoryGb: number | undefined;
  /** The quota family its cores count against, e.g. standardAv2Family. */
  readonly family: string;
  /** Why the subscription cannot deploy it in the region (a restriction's reason code), or undefined. */
  readonly restriction: string | undefined;
  /** Whether it takes Premium SSD disks (capability PremiumIO). */
  readonly premiumIo: boolean;
  /** The CPU architecture (capability CpuArchitectureType, e.g. x64 or Arm64), when the SKU says. */
  readonly cpuArchitecture: string | undefined;
  /** The Hyper-V generations it boots (capability HyperVGenerations, e.g. V1,V2), when the SKU says. */
  readonly hyperVGenerations: readonly string[] | undefined;
}

/** One vCPU quota of a region: the regional total (`cores`) or a family's. */
export interface CoreQuota {
  readonly name: string;
  readonly displayName: string;
  readonly used: number;
  readonly limit: number;
}

/** A subscription's virtual machines, sizes, quotas and images, as far as the wizard needs them. */
export class ComputeService {
  constructor(
    private readonly clients: AzureClients,
    private readonly limiter: ConcurrencyLimiter,
  ) {}

  /** The names of the VMs in a resource group (none when the group does not exist yet). */
  async virtualMachineNames(resourceGroup: string, signal: AbortSignal): Promise<string[]> {
    try {
      const machines = await this.limiter.run(
        () => collectAll(() => this.clients.compute().virtualMachines.list(resourceGroup, { abortSignal: signal }), signal),
        signal,
      );
      return machines.map((machine) => machine.name ?? '');
    } catch (error) {
      if (azureErrorCode(error) === 'ResourceGroupNotFound') {
        return [];
      }
      throw error;
    }
  }

  /** The VM sizes of a region, with what restricts them for this subscription. */
  async vmSizes(location: string, signal: AbortSignal): Promise<VmSizeOffer[]> {
    const skus = await this.limiter.run(
      () => collectAll(() => this.clients.compute().resourceSkus.list({ filter: `location eq '${location}'`, abortSignal: signal }), signal),
      signal,
    );
    return skus
      .filter((sku) => sku.resourceType === 'virtualMachines' && (sku.locations ?? []).some((entry) => entry.toLowerCase() === location.toLowerCase()))
      .map((sku) => {
        const text = (name: string): string | undefined => sku.capabilities?.find((entry) => entry.name === name)?.value;
        const capability = (name: string): number | undefined => {
          const value = text(name);
          return value === undefined ? undefined : Number(value);
        };
        const restriction = (sku.restrictions ?? []).find(
          (entry) => entry.type === 'Location' && (entry.values ?? []).some((value) => value.toLowerCase() === location.toLowerCase()),
        );
        return {
          name: sku.name ?? '',
          vCpus: capability('vCPUs') ?? 0,
          memoryGb: capability('MemoryGB'),
          family: sku.family ?? '',
          restriction: restriction?.reasonCode,
          premiumIo: text('PremiumIO')?.toLowerCase() === 'true',
          cpuArchitecture: text('CpuArchitectureType'),
          hyperVGenerations: text('HyperVGenerations')?.split(',').map((generation) => generation.trim()),
        };
      })
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  /** The region's vCPU quotas (total regional and per family). */
  async coreQuotas(location: string, signal: AbortSignal): Promise<CoreQuota[]> {
    const usages = await this.limiter.run(
      () => collectAll(() => this.clients.compute().usage.list(location, { abortSignal: signal }), signal),
      signal,
    );
    return usages.map((usage) => ({
      name: usage.name.value ?? '',
      displayName: usage.name.localizedValue ?? usage.name.value ?? '',
      used: usage.currentValue,
      limit: usage.limit,
    }));
  }

  /** The versions of a marketplace image the region publishes (none when it does not). */
  async imageVersions(location: string, image: { publisher: string; offer: string; sku: string }, signal: AbortSignal): Promise<string[]> {
    try {
      const versions = await this.limiter.run(
        () =>
          withCallSignal(signal, () =>
            this.clients.compute().virtualMachineImages.list(location, image.publisher, image.offer, image.sku, { abortSignal: signal }),
          ),
        signal,
      );
      return versions.map((version) => version.name);
    } catch (error) {
      if (azureErrorCode(error) === 'NotFound' || azureErrorCode(error) === 'ArtifactNotFound') {
        return [];
      }
      throw error;
    }
  }
}
