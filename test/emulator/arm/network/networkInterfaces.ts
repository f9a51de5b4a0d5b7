/** Microsoft.Network network interfaces: static or dynamic private IPs validated against the subnet; PUT/DELETE as LROs. */
import { ArmError } from '../errors';
import { addressedId, deleteRoute, itemTemplate, readRoutes, startPut, type ResourceKind } from '../providerCrud';
import { propertiesOf, referencedId, requireBody, requireLocation, requireResourceName, tagsOf } from '../resourceHelpers';
import type { ArmRoute } from '../router';
import type { ArmServices } from '../services';
import { isJsonObject, type ArmRequestContext, type ArmResource, type JsonObject } from '../types';
import { formatIpv4, isPlatformReserved, parseIpv4, parsePrefix, prefixContains } from './ipv4';
import { findSubnet, subnetPrefix, takenAddresses, virtualNetworkIdOf } from './networkQueries';

/** The network interface resource kind (shared with effectiveRouteTable). */
export const networkInterfaceKind: ResourceKind = { namespace: 'Microsoft.Network', collection: 'networkInterfaces', apiVersions: 'network' };
const namePattern = /^[a-zA-Z0-9]([a-zA-Z0-9_.-]{0,78}[a-zA-Z0-9_])?$/;
const nameRule = "80 characters long. It must begin with a word character, and it must end with a word character or with '_'. The name may contain word characters or '.', '-', '_'";

function invalidReference(referencedResourceId: string, nicId: string): ArmError {
  return new ArmError(
    400,
    'InvalidResourceReference',
    `Resource ${referencedResourceId} referenced by resource ${nicId} was not found. Please make sure that the referenced resource exists, and that both resources are in the same region.`,
  );
}

/** Validates one IP configuration and returns it in its stored shape (with the address it gets). */
function buildIpConfiguration(services: ArmServices, nic: { id: string; location: string }, configuration: JsonObject, index: number): JsonObject {
  const { state } = services;
  const name = typeof configuration['name'] === 'string' ? configuration['name'] : `ipconfig${index + 1}`;
  const configurationId = `${nic.id}/ipConfigurations/${name}`;
  const properties = propertiesOf(configuration);
  const subnetId = referencedId(properties['subnet']);
  if (subnetId === undefined) {
    throw new ArmError(400, 'SubnetNotSpecified', `Subnet is not specified in IP configuration ${configurationId}.`);
  }
  const subnet = findSubnet(state, subnetId);
  const virtualNetwork = state.get(virtualNetworkIdOf(subnetId));
  if (subnet === undefined || virtualNetwork === undefined || virtualNetwork.location !== nic.location) {
    throw invalidReference(subnetId, nic.id);
  }
  const prefix = parsePrefix(subnetPrefix(subnet) ?? '');
  if (prefix === undefined) {
    throw invalidReference(subnetId, nic.id);
  }
  const taken = takenAddresses(state, virtualNetwork, nic.id);
  const method = properties['privateIPAllocationMethod'] === 'Static' ? 'Static' : 'Dynamic';
  let address: number | undefined;
  if (method === 'Static') {
    const requested = properties['privateIPAddress'];
    if (typeof requested !== 'string' || requested === '') {
      throw new ArmError(400, 'PrivateIPAddressMissing', `Private IP address is required when privateIPAllocationMethod is Static in IP configuration ${configurationId}.`);
    }
    address = parseIpv4(requested);
    if (address === undefined) {
      throw new ArmError(400, 'InvalidPrivateIPAddressFormat', `Private IP address ${requested} in IP configuration ${configurationId} has an invalid format.`);
    }
    if (!prefixContains(prefix, address)) {
      throw new ArmError(
        400,
        'PrivateIPAddressNotInSubnet',
        `IP configuration ${configurationId} has private IP address ${requested} which does not belong to subnet ${subnetId} address space ${prefix.text}.`,
      );
    }
    if (isPlatformReserved(prefix, address)) {
      throw new ArmError(400, 'PrivateIPAddressInReservedRange', `Private static IP address ${requested} falls within reserved IP range of subnet prefix ${prefix.text}.`);
    }
    const holder = taken.get(address);
    if (holder !== undefined) {
      throw new ArmError(
        400,
        'PrivateIPAddressInUse',
        `IP configuration ${configurationId} is using the private IP address ${requested} which is already allocated to resource ${holder}.`,
      );
    }
  } else {
    for (let offset = 4; offset < prefix.size - 1 && address === undefined; offset += 1) {
      if (!taken.has(prefix.network + offset)) {
        address = prefix.network + offset;
      }
    }
    if (address === undefined) {
      throw new ArmError(400, 'SubnetIsFull', `Subnet ${subnetId} with address prefix ${prefix.text} does not have enough capacity for 1 IP addresses.`);
    }
  }
  return {
    id: configurationId,
    name,
    type: 'Microsoft.Network/networkInterfaces/ipConfigurations',
    properties: {
      privateIPAddress: formatIpv4(address),
      privateIPAllocationMethod: method,
      privateIPAddressVersion: 'IPv4',
      subnet: { id: subnetId },
      primary: index === 0,
      provisioningState: 'Succeeded',
    },
  };
}

function putNetworkInterface(services: ArmServices, context: ArmRequestContext): ReturnType<typeof startPut> {
  const { state } = services;
  state.requireResourceGroup(context.params['subscriptionId'], context.params['resourceGroupName']);
  const name = context.params['networkInterfaceName'];
  requireResourceName(name, networkInterfaceKind.collection, namePattern, nameRule);
  const body = requireBody(context.body);
  const location = requireLocation(body, 'Microsoft.Network/networkInterfaces');
  const id = addressedId(networkInterfaceKind, context, 'networkInterfaceName');
  const properties = propertiesOf(body);
  const requested = Array.isArray(properties['ipConfigurations']) ? properties['ipConfigurations'].filter(isJsonObject) : [];
  if (requested.length === 0) {
    throw new ArmError(400, 'NetworkInterfaceMustHaveIpConfiguration', `Network interface ${id} must have at least one IP configuration.`);
  }
  const ipConfigurations = requested.map((configuration, index) => buildIpConfiguration(services, { id, location }, configuration, index));
  const securityGroupId = referencedId(properties['networkSecurityGroup']);
  if (securityGroupId !== undefined && state.get(securityGroupId) === undefined) {
    throw invalidReference(securityGroupId, id);
  }
  const existing = state.get(id);
  const resource: ArmResource = {
    id,
    name,
    type: 'Microsoft.Network/networkInterfaces',
    location,
    etag: `W/"${crypto.randomUUID()}"`,
    ...(tagsOf(body) === undefined ? {} : { tags: tagsOf(body) }),
    properties: {
      resourceGuid: existing?.properties?.['resourceGuid'] ?? crypto.randomUUID(),
      ipConfigurations,
      dnsSettings: { dnsServers: [], appliedDnsServers: [] },
      enableAcceleratedNetworking: properties['enableAcceleratedNetworking'] === true,
      enableIPForwarding: properties['enableIPForwarding'] === true,
      nicType: 'Standard',
      ...(securityGroupId === undefined ? {} : { networkSecurityGroup: { id: securityGroupId } }),
      ...(existing?.properties?.['virtualMachine'] === undefined ? {} : { virtualMachine: existing.properties['virtualMachine'] }),
    },
  };
  return startPut(services, context, { resource, existed: existing !== undefined, namespace: networkInterfaceKind.namespace, inProgressState: 'Updating' });
}

/** Routes for networkInterfaces. */
export function networkInterfaceRoutes(services: ArmServices): ArmRoute[] {
  return [
    ...readRoutes(services, networkInterfaceKind, 'networkInterfaceName'),
    { method: 'PUT', template: itemTemplate(networkInterfaceKind, 'networkInterfaceName'), apiVersions: 'network', handler: (context) => putNetworkInterface(services, context) },
    deleteRoute(services, networkInterfaceKind, 'networkInterfaceName', (nic) => {
      const virtualMachineId = referencedId(propertiesOf(nic)['virtualMachine']);
      if (virtualMachineId !== undefined && services.state.get(virtualMachineId) !== undefined) {
        throw new ArmError(
          400,
          'NicInUse',
          `Network Interface ${nic.id} is used by existing resource ${virtualMachineId}. In order to delete the network interface, it must be dissociated from the resource. To learn more, see aka.ms/deletenic.`,
        );
      }
    }),
  ];
}
