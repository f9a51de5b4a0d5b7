/** Questions about the emulated network that several providers ask: subnets, taken addresses, gateways. */
import { idKey } from '../resourceIds';
import { propertiesOf, referencedId } from '../resourceHelpers';
import type { ArmState } from '../state';
import { isJsonObject, type ArmResource, type JsonObject } from '../types';
import { parseIpv4 } from './ipv4';

/** The id of the virtual network a subnet id belongs to. */
export function virtualNetworkIdOf(subnetId: string): string {
  return subnetId.replace(/\/subnets\/[^/]+$/i, '');
}

/** The subnets stored inside a virtual network resource. */
export function subnetsOf(virtualNetwork: ArmResource): JsonObject[] {
  const subnets = propertiesOf(virtualNetwork)['subnets'];
  return Array.isArray(subnets) ? subnets.filter(isJsonObject) : [];
}

/** The stored subnet with this id, or undefined. */
export function findSubnet(state: ArmState, subnetId: string): JsonObject | undefined {
  const virtualNetwork = state.get(virtualNetworkIdOf(subnetId));
  if (virtualNetwork === undefined) {
    return undefined;
  }
  return subnetsOf(virtualNetwork).find((subnet) => typeof subnet['id'] === 'string' && idKey(subnet['id']) === idKey(subnetId));
}

/** The address prefix of a subnet (addressPrefix or the first of addressPrefixes). */
export function subnetPrefix(subnet: JsonObject): string | undefined {
  const properties = propertiesOf(subnet);
  const single = properties['addressPrefix'];
  if (typeof single === 'string') {
    return single;
  }
  const several = properties['addressPrefixes'];
  return Array.isArray(several) && typeof several[0] === 'string' ? several[0] : undefined;
}

/** One IP configuration (of a NIC or gateway) that sits in a subnet. */
export interface SubnetIpConfiguration {
  readonly id: string;
  readonly ownerId: string;
  readonly privateIpAddress: number | undefined;
}

function ipConfigurationsOf(resource: ArmResource): JsonObject[] {
  const configurations = propertiesOf(resource)['ipConfigurations'];
  return Array.isArray(configurations) ? configurations.filter(isJsonObject) : [];
}

/** Every NIC and gateway IP configuration in the subnet, with its private address when it has one. */
export function ipConfigurationsInSubnet(state: ArmState, subnetId: string): SubnetIpConfiguration[] {
  const owners = state.filter((resource) => ['microsoft.network/networkinterfaces', 'microsoft.network/virtualnetworkgateways'].includes(resource.type.toLowerCase()));
  const result: SubnetIpConfiguration[] = [];
  for (const owner of owners) {
    for (const configuration of ipConfigurationsOf(owner)) {
      const properties = propertiesOf(configuration);
      const configurationSubnet = referencedId(properties['subnet']);
      if (configurationSubnet === undefined || idKey(configurationSubnet) !== idKey(subnetId)) {
        continue;
      }
      const address = properties['privateIPAddress'];
      result.push({
        id: typeof configuration['id'] === 'string' ? configuration['id'] : owner.id,
        ownerId: owner.id,
        privateIpAddress: typeof address === 'string' ? parseIpv4(address) : undefined,
      });
    }
  }
  return result;
}

/** Every private address taken in the virtual network, with the resource holding it. */
export function takenAddresses(state: ArmState, virtualNetwork: ArmResource, exceptOwnerId?: string): Map<number, string> {
  const taken = new Map<number, string>();
  for (const subnet of subnetsOf(virtualNetwork)) {
    if (typeof subnet['id'] !== 'string') {
      continue;
    }
    for (const configuration of ipConfigurationsInSubnet(state, subnet['id'])) {
      if (configuration.privateIpAddress !== undefined && (exceptOwnerId === undefined || idKey(configuration.ownerId) !== idKey(exceptOwnerId))) {
        taken.set(configuration.privateIpAddress, configuration.ownerId);
      }
    }
  }
  return taken;
}

/** The VPN or ExpressRoute gateways attached to the virtual network's GatewaySubnet. */
export function gatewaysOf(state: ArmState, virtualNetworkId: string): ArmResource[] {
  const gatewaySubnetId = idKey(`${virtualNetworkId}/subnets/GatewaySubnet`);
  return state.filter(
    (resource) =>
      resource.type.toLowerCase() === 'microsoft.network/virtualnetworkgateways' &&
      ipConfigurationsOf(resource).some((configuration) => idKey(referencedId(propertiesOf(configuration)['subnet']) ?? '') === gatewaySubnetId),
  );
}

/** The primary NIC's first IP configuration of a VM: its subnet id and private address. */
export function primaryAddressOf(state: ArmState, virtualMachine: ArmResource): { nic: ArmResource; subnetId: string; privateIpAddress: string } | undefined {
  const networkProfile = propertiesOf(virtualMachine)['networkProfile'];
  const interfaces = isJsonObject(networkProfile) && Array.isArray(networkProfile['networkInterfaces']) ? networkProfile['networkInterfaces'] : [];
  const nicId = referencedId(interfaces[0]);
  const nic = nicId === undefined ? undefined : state.get(nicId);
  const configuration = nic === undefined ? undefined : ipConfigurationsOf(nic)[0];
  if (nic === undefined || configuration === undefined) {
    return undefined;
  }
  const properties = propertiesOf(configuration);
  const subnetId = referencedId(properties['subnet']);
  const address = properties['privateIPAddress'];
  return subnetId === undefined || typeof address !== 'string' ? undefined : { nic, subnetId, privateIpAddress: address };
}
