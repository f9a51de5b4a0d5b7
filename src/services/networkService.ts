import type { AzureClients } from '../azure/azureClients';
import { azureErrorCode } from '../azure/azureErrors';
import { collectAll, withCallSignal } from '../azure/callCancellation';
import { parseResourceId } from '../siteRecovery/fabricMapping';
import type { ConcurrencyLimiter } from '../util/concurrencyLimiter';

export interface SubnetInfo {
  readonly id: string;
  readonly name: string;
  /** The subnet's IPv4 prefix, e.g. 10.10.2.0/24 (the first of several when it has more). */
  readonly addressPrefix: string | undefined;
}

export interface VirtualNetworkInfo {
  readonly id: string;
  readonly name: string;
  readonly resourceGroup: string;
  readonly location: string;
  readonly addressPrefixes: readonly string[];
  readonly subnets: readonly SubnetInfo[];
}

/** The resource id of the virtual network a subnet id belongs to. */
export function virtualNetworkIdOfSubnet(subnetId: string): string {
  return subnetId.replace(/\/subnets\/[^/]+$/i, '');
}

const GATEWAYS_FILTER = "resourceType eq 'Microsoft.Network/virtualNetworkGateways'";

/** A subscription's virtual networks, their gateways to on-premises, and which addresses are free. */
export class NetworkService {
  constructor(
    private readonly clients: AzureClients,
    private readonly limiter: ConcurrencyLimiter,
  ) {}

  /** Every virtual network of the subscription with its subnets (GatewaySubnet left out: no VM may sit there). */
  async listVirtualNetworks(signal: AbortSignal): Promise<VirtualNetworkInfo[]> {
    const networks = await this.limiter.run(
      () => collectAll(() => this.clients.network().virtualNetworks.listAll({ abortSignal: signal }), signal),
      signal,
    );
    return networks
      .map((network) => {
        const id = network.id ?? '';
        return {
          id,
          name: network.name ?? parseResourceId(id).name,
          resourceGroup: parseResourceId(id).resourceGroup,
          location: network.location ?? '',
          addressPrefixes: network.addressSpace?.addressPrefixes ?? [],
          subnets: (network.subnets ?? [])
            .filter((subnet) => subnet.name?.toLowerCase() !== 'gatewaysubnet')
            .map((subnet) => ({
              id: subnet.id ?? '',
              name: subnet.name ?? '',
              addressPrefix: subnet.addressPrefix ?? subnet.addressPrefixes?.[0],
            })),
        };
      })
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  /**
   * The ids of the virtual networks (lowercase) that have a VPN or ExpressRoute gateway: one listing of the
   * subscription's gateways, then each gateway read for the network its IP configuration sits in.
   */
  async networksWithGateway(signal: AbortSignal): Promise<Set<string>> {
    const gateways = await this.limiter.run(
      () =>
        collectAll(() => this.clients.resources().resources.list({ filter: GATEWAYS_FILTER, abortSignal: signal }), signal),
      signal,
    );
    const networkIds = await this.limiter.map(
      gateways,
      async (gateway) => {
        const { resourceGroup, name } = parseResourceId(gateway.id ?? '');
        const details = await withCallSignal(signal, () =>
          this.clients.network().virtualNetworkGateways.get(resourceGroup, name, { abortSignal: signal }),
        );
        return (details.ipConfigurations ?? []).map((configuration) => virtualNetworkIdOfSubnet(configuration.subnet?.id ?? '').toLowerCase());
      },
      signal,
    );
    return new Set(networkIds.flat().filter((id) => id !== ''));
  }

  /** Azure's own answer on whether a private address of the network is free. */
  async checkIpAddress(network: VirtualNetworkInfo, ipAddress: string, signal: AbortSignal): Promise<{ available: boolean; isPlatformReserved: boolean; alternatives: readonly string[] }> {
    const result = await this.limiter.run(
      () =>
        withCallSignal(signal, () =>
          this.clients.network().virtualNetworks.checkIPAddressAvailability(network.resourceGroup, network.name, ipAddress, { abortSignal: signal }),
        ),
      signal,
    );
    return {
      available: result.available === true,
      isPlatformReserved: result.isPlatformReserved === true,
      alternatives: result.availableIPAddresses ?? [],
    };
  }

  /** The names of the network interfaces in a resource group (none when the group does not exist yet). */
  async networkInterfaceNames(resourceGroup: string, signal: AbortSignal): Promise<string[]> {
    try {
      const interfaces = await this.limiter.run(
        () => collectAll(() => this.clients.network().networkInterfaces.list(resourceGroup, { abortSignal: signal }), signal),
        signal,
      );
      return interfaces.map((networkInterface) => networkInterface.name ?? '');
    } catch (error) {
      if (azureErrorCode(error) === 'ResourceGroupNotFound') {
        return [];
      }
      throw error;
    }
  }
}
