/** Microsoft.Network virtual networks and their subnets (address prefixes), and CheckIPAddressAvailability. */
import { ArmError, resourceNotFound } from '../errors';
import { pagedList } from '../paging';
import { addressedId, addressedResource, deleteRoute, itemTemplate, readRoutes, startPut, type ResourceKind } from '../providerCrud';
import { liveProperties, propertiesOf, render, requireBody, requireLocation, requireResourceName, setProvisioningState, tagsOf } from '../resourceHelpers';
import type { ArmRoute } from '../router';
import type { ArmServices } from '../services';
import type { ArmState } from '../state';
import { isJsonObject, type ArmRequestContext, type ArmResource, type JsonObject } from '../types';
import { formatIpv4, isPlatformReserved, parseIpv4, parsePrefix, prefixContains, prefixesOverlap, type Ipv4Prefix } from './ipv4';
import { ipConfigurationsInSubnet, subnetPrefix, subnetsOf, takenAddresses } from './networkQueries';

const kind: ResourceKind = { namespace: 'Microsoft.Network', collection: 'virtualNetworks', apiVersions: 'network' };
const subnetType = 'Microsoft.Network/virtualNetworks/subnets';
const namePattern = /^[a-zA-Z0-9]([a-zA-Z0-9_.-]{0,62}[a-zA-Z0-9_])?$/;
const nameRule = "64 characters long. It must begin with a word character, and it must end with a word character or with '_'. The name may contain word characters or '.', '-', '_'";
const etag = (): string => `W/"${crypto.randomUUID()}"`;

/** A subnet as ARM renders it: with the IP configurations placed in it. */
function renderSubnet(state: ArmState, subnet: JsonObject): JsonObject {
  const copy = structuredClone(subnet);
  const id = typeof subnet['id'] === 'string' ? subnet['id'] : '';
  const configurations = ipConfigurationsInSubnet(state, id).map((configuration) => ({ id: configuration.id }));
  const properties = isJsonObject(copy['properties']) ? copy['properties'] : {};
  copy['properties'] = { ...properties, ...(configurations.length > 0 ? { ipConfigurations: configurations } : {}) };
  return copy;
}

function renderVirtualNetwork(state: ArmState, virtualNetwork: ArmResource): ArmResource {
  const copy = render(virtualNetwork);
  const properties = liveProperties(copy);
  properties['subnets'] = subnetsOf(virtualNetwork).map((subnet) => renderSubnet(state, subnet));
  return copy;
}

function prefixesOfSpace(body: JsonObject): string[] {
  const space = propertiesOf(body)['addressSpace'];
  const prefixes = isJsonObject(space) ? space['addressPrefixes'] : undefined;
  return Array.isArray(prefixes) ? prefixes.filter((prefix): prefix is string => typeof prefix === 'string') : [];
}

function parsePrefixes(prefixes: readonly string[], target: string): Ipv4Prefix[] {
  return prefixes.map((text) => {
    const prefix = parsePrefix(text);
    if (prefix === undefined) {
      throw new ArmError(400, 'InvalidAddressPrefixFormat', `Address prefix ${text} does not have a valid format.`, target);
    }
    return prefix;
  });
}

/** Checks subnets against the address space and each other, as Network's NetcfgSubnet* errors do. */
function validateSubnets(virtualNetworkName: string, space: readonly Ipv4Prefix[], subnets: readonly JsonObject[]): void {
  const parsed: { name: string; prefix: Ipv4Prefix }[] = [];
  for (const subnet of subnets) {
    const name = typeof subnet['name'] === 'string' ? subnet['name'] : '';
    const prefix = parsePrefixes([subnetPrefix(subnet) ?? ''], name).at(0);
    if (prefix === undefined) {
      continue;
    }
    if (!space.some((range) => prefixContains(range, prefix.network) && prefixContains(range, prefix.network + prefix.size - 1))) {
      throw new ArmError(
        400,
        'NetcfgSubnetRangeOutsideVnet',
        `Subnet '${name}' is not valid because its IP address range is outside the IP address range of virtual network '${virtualNetworkName}'.`,
      );
    }
    const overlapping = parsed.find((other) => prefixesOverlap(other.prefix, prefix));
    if (overlapping !== undefined) {
      throw new ArmError(400, 'NetcfgSubnetRangesOverlap', `Subnet '${name}' is not valid because its IP address range overlaps with that of an existing subnet '${overlapping.name}' in virtual network '${virtualNetworkName}'.`);
    }
    parsed.push({ name, prefix });
  }
}

/** 400 InUseSubnetCannotBeDeleted when IP configurations still sit in the subnet. */
function requireSubnetUnused(state: ArmState, subnetId: string, subnetName: string): void {
  const inUse = ipConfigurationsInSubnet(state, subnetId).at(0);
  if (inUse !== undefined) {
    throw new ArmError(
      400,
      'InUseSubnetCannotBeDeleted',
      `Subnet ${subnetName} is in use by ${inUse.id} and cannot be deleted. In order to delete the subnet, delete all the resources within the subnet. See aka.ms/deletesubnet.`,
    );
  }
}

function storedSubnet(id: string, name: string, body: JsonObject, existing?: JsonObject): JsonObject {
  const properties = { ...propertiesOf(existing ?? {}), ...propertiesOf(body) };
  delete properties['ipConfigurations'];
  return { id, name, type: subnetType, etag: etag(), properties: { ...properties, provisioningState: 'Succeeded' } };
}

function putVirtualNetwork(services: ArmServices, context: ArmRequestContext): ReturnType<typeof startPut> {
  const { state } = services;
  const subscriptionId = context.params['subscriptionId'];
  const resourceGroupName = context.params['resourceGroupName'];
  const name = context.params['virtualNetworkName'];
  state.requireResourceGroup(subscriptionId, resourceGroupName);
  requireResourceName(name, kind.collection, namePattern, nameRule);
  const body = requireBody(context.body);
  const location = requireLocation(body, 'Microsoft.Network/virtualNetworks');
  const id = addressedId(kind, context, 'virtualNetworkName');
  const space = parsePrefixes(prefixesOfSpace(body), 'addressSpace');
  const requestedSubnets = Array.isArray(propertiesOf(body)['subnets']) ? (propertiesOf(body)['subnets'] as unknown[]).filter(isJsonObject) : [];
  const existing = state.get(id);
  const existingSubnets = existing === undefined ? [] : subnetsOf(existing);
  const subnets = requestedSubnets.map((subnet) => {
    const subnetName = typeof subnet['name'] === 'string' ? subnet['name'] : '';
    const previous = existingSubnets.find((entry) => String(entry['name']).toLowerCase() === subnetName.toLowerCase());
    return storedSubnet(`${id}/subnets/${subnetName}`, subnetName, subnet, previous);
  });
  validateSubnets(name, space, subnets);
  for (const removed of existingSubnets.filter((entry) => !subnets.some((subnet) => String(subnet['id']).toLowerCase() === String(entry['id']).toLowerCase()))) {
    requireSubnetUnused(state, String(removed['id']), String(removed['name']));
  }
  const resource: ArmResource = {
    id,
    name,
    type: 'Microsoft.Network/virtualNetworks',
    location,
    etag: etag(),
    ...(tagsOf(body) === undefined ? {} : { tags: tagsOf(body) }),
    properties: {
      ...propertiesOf(body),
      resourceGuid: existing?.properties?.['resourceGuid'] ?? crypto.randomUUID(),
      addressSpace: { addressPrefixes: space.map((prefix) => prefix.text) },
      subnets,
      virtualNetworkPeerings: [],
      enableDdosProtection: false,
    },
  };
  return startPut(services, context, {
    resource,
    existed: existing !== undefined,
    namespace: kind.namespace,
    inProgressState: 'Updating',
    view: (stored) => renderVirtualNetwork(state, stored),
  });
}

function subnetContext(services: ArmServices, context: ArmRequestContext): { virtualNetwork: ArmResource; subnetId: string; subnetName: string } {
  const virtualNetwork = addressedResource(services, kind, context, 'virtualNetworkName');
  const subnetName = context.params['subnetName'];
  return { virtualNetwork, subnetId: `${virtualNetwork.id}/subnets/${subnetName}`, subnetName };
}

function checkIpAddressAvailability(services: ArmServices, context: ArmRequestContext): JsonObject {
  const virtualNetwork = addressedResource(services, kind, context, 'virtualNetworkName');
  const requested = context.url.searchParams.get('ipAddress') ?? '';
  const address = parseIpv4(requested);
  if (address === undefined) {
    throw new ArmError(400, 'InvalidPrivateIPAddressFormat', `Private IP address ${requested} has an invalid format.`, 'ipAddress');
  }
  const subnet = subnetsOf(virtualNetwork)
    .map((entry) => ({ entry, prefix: parsePrefix(subnetPrefix(entry) ?? '') }))
    .find((candidate) => candidate.prefix !== undefined && prefixContains(candidate.prefix, address));
  if (subnet?.prefix === undefined) {
    throw new ArmError(400, 'PrivateIPAddressNotInAnySubnet', `Private static IP address ${requested} does not belong to the range of any subnet in the virtual network ${virtualNetwork.id}.`);
  }
  const prefix = subnet.prefix;
  const taken = takenAddresses(services.state, virtualNetwork);
  const reserved = isPlatformReserved(prefix, address);
  if (!reserved && !taken.has(address)) {
    return { available: true };
  }
  const suggestions: string[] = [];
  for (let step = 1; step < prefix.size && suggestions.length < 5; step += 1) {
    const candidate = prefix.network + ((address - prefix.network + step) % prefix.size);
    if (!isPlatformReserved(prefix, candidate) && !taken.has(candidate)) {
      suggestions.push(formatIpv4(candidate));
    }
  }
  return { available: false, availableIPAddresses: suggestions, ...(reserved ? { isPlatformReserved: true } : {}) };
}

/** Routes for virtualNetworks, virtualNetworks/subnets and CheckIPAddressAvailability. */
export function virtualNetworkRoutes(services: ArmServices): ArmRoute[] {
  const { state, settings } = services;
  const subnetTemplate = `${itemTemplate(kind, 'virtualNetworkName')}/subnets/{subnetName}`;
  return [
    ...readRoutes(services, kind, 'virtualNetworkName', (resource) => renderVirtualNetwork(state, resource)),
    { method: 'PUT', template: itemTemplate(kind, 'virtualNetworkName'), apiVersions: 'network', handler: (context) => putVirtualNetwork(services, context) },
    deleteRoute(services, kind, 'virtualNetworkName', (virtualNetwork) => {
      for (const subnet of subnetsOf(virtualNetwork)) {
        requireSubnetUnused(state, String(subnet['id']), String(subnet['name']));
      }
    }),
    {
      method: 'GET',
      template: `${itemTemplate(kind, 'virtualNetworkName')}/CheckIPAddressAvailability`,
      apiVersions: 'network',
      handler: (context) => ({ status: 200, body: checkIpAddressAvailability(services, context) }),
    },
    {
      method: 'GET',
      template: `${itemTemplate(kind, 'virtualNetworkName')}/subnets`,
      apiVersions: 'network',
      handler: (context) => {
        const virtualNetwork = addressedResource(services, kind, context, 'virtualNetworkName');
        return pagedList(context, settings, subnetType, subnetsOf(virtualNetwork).map((subnet) => renderSubnet(state, subnet)));
      },
    },
    {
      method: 'GET',
      template: subnetTemplate,
      apiVersions: 'network',
      handler: (context) => {
        const { virtualNetwork, subnetId, subnetName } = subnetContext(services, context);
        const subnet = subnetsOf(virtualNetwork).find((entry) => String(entry['id']).toLowerCase() === subnetId.toLowerCase());
        if (subnet === undefined) {
          throw resourceNotFound(subnetType, `${virtualNetwork.name}/${subnetName}`, context.params['resourceGroupName']);
        }
        return { status: 200, body: renderSubnet(state, subnet) };
      },
    },
    {
      method: 'PUT',
      template: subnetTemplate,
      apiVersions: 'network',
      handler: (context) => {
        const { virtualNetwork, subnetId, subnetName } = subnetContext(services, context);
        const body = requireBody(context.body);
        const subnets = subnetsOf(virtualNetwork);
        const index = subnets.findIndex((entry) => String(entry['id']).toLowerCase() === subnetId.toLowerCase());
        const subnet = storedSubnet(subnetId, subnetName, body, index >= 0 ? subnets[index] : undefined);
        const next = index >= 0 ? subnets.map((entry, position) => (position === index ? subnet : entry)) : [...subnets, subnet];
        validateSubnets(virtualNetwork.name, parsePrefixes(prefixesOfSpace(virtualNetwork), 'addressSpace'), next);
        liveProperties(virtualNetwork)['subnets'] = next;
        const response = startPut(services, context, {
          resource: virtualNetwork,
          existed: true,
          namespace: kind.namespace,
          inProgressState: 'Updating',
          durationType: subnetType,
          view: () => renderSubnet(state, subnet) as ArmResource,
        });
        return { ...response, status: index >= 0 ? 200 : 201 };
      },
    },
    {
      method: 'DELETE',
      template: subnetTemplate,
      apiVersions: 'network',
      handler: (context) => {
        const { virtualNetwork, subnetId, subnetName } = subnetContext(services, context);
        const subnets = subnetsOf(virtualNetwork);
        if (!subnets.some((entry) => String(entry['id']).toLowerCase() === subnetId.toLowerCase())) {
          return { status: 204 };
        }
        requireSubnetUnused(state, subnetId, subnetName);
        liveProperties(virtualNetwork)['subnets'] = subnets.filter((entry) => String(entry['id']).toLowerCase() !== subnetId.toLowerCase());
        setProvisioningState(virtualNetwork, 'Succeeded');
        return { status: 200 };
      },
    },
  ];
}
