/**
 * Microsoft.Network `POST networkInterfaces/{nic}/effectiveRouteTable` (NetworkInterfaces_GetEffectiveRouteTable): an
 * LRO answered 202 + Location whose final result is `{ value: EffectiveRoute[] }` (spec example
 * NetworkInterfaceEffectiveRouteTableList.json). Routes are listed only for a NIC attached to a running VM ("Output is
 * only returned if the VM is in the running state", virtual-network/diagnose-network-routing-problem.md).
 *
 * The routes are computed from the emulated network as virtual-network/virtual-networks-udr-overview.md describes:
 * the default system routes (one VnetLocal route per address range of the VNet, 0.0.0.0/0 to Internet, and None for
 * 10.0.0.0/8, 100.64.0.0/10, 172.16.0.0/12, 192.168.0.0/16 unless an address range of the VNet contains them), plus,
 * when a VPN/ExpressRoute gateway sits on the VNet's GatewaySubnet, one VirtualNetworkGateway route per on-premises
 * prefix it receives (seed `onPremisesNetworks`). A route overridden by one of higher priority for the same prefix is
 * Invalid ("How Azure selects a route": BGP route before system route; the Routing example shows overridden routes as
 * Invalid), and a gateway route inside the VNet's own address space is Invalid too (system routes for traffic related
 * to the virtual network "are preferred routes, even if BGP routes are more specific"). There are no route tables.
 */
import { ArmError } from '../errors';
import type { OperationStart } from '../operations';
import { addressedResource, itemTemplate } from '../providerCrud';
import { propertiesOf, referencedId } from '../resourceHelpers';
import { idKey } from '../resourceIds';
import type { ArmRoute } from '../router';
import type { ArmServices } from '../services';
import { lroDurationFor } from '../settings';
import type { ArmState } from '../state';
import { isJsonObject, type ArmRequestContext, type ArmResource } from '../types';
import { displayedPowerState } from '../compute/powerState';
import { formatIpv4, parsePrefix, type Ipv4Prefix } from './ipv4';
import { networkInterfaceKind } from './networkInterfaces';
import { findSubnet, gatewaysOf, subnetPrefix, virtualNetworkIdOf } from './networkQueries';

/** The key of `lroDurationsMs` for this operation. */
const durationType = 'Microsoft.Network/networkInterfaces/effectiveRouteTable';
/** The reserved prefixes with a default None route, in the order Azure lists them (spec example). */
const reservedPrefixes = ['10.0.0.0/8', '100.64.0.0/10', '172.16.0.0/12', '192.168.0.0/16'];

/** One EffectiveRoute as the spec defines it (user routes only carry a `name`; the emulator has none). */
interface EffectiveRoute {
  disableBgpRoutePropagation: boolean;
  source: 'Default' | 'VirtualNetworkGateway';
  state: 'Active' | 'Invalid';
  addressPrefix: string[];
  nextHopIpAddress: string[];
  nextHopType: 'VnetLocal' | 'VirtualNetworkGateway' | 'Internet' | 'None';
}

function route(source: EffectiveRoute['source'], prefix: string, nextHopType: EffectiveRoute['nextHopType'], nextHopIpAddress: string[] = []): EffectiveRoute {
  return { disableBgpRoutePropagation: false, source, state: 'Active', addressPrefix: [prefix], nextHopIpAddress, nextHopType };
}

function covers(outer: Ipv4Prefix, inner: Ipv4Prefix): boolean {
  return outer.network <= inner.network && inner.network + inner.size <= outer.network + outer.size;
}

function parsedPrefixes(prefixes: readonly string[]): Ipv4Prefix[] {
  return prefixes.map(parsePrefix).filter((prefix): prefix is Ipv4Prefix => prefix !== undefined);
}

function addressSpaceOf(virtualNetwork: ArmResource | undefined): Ipv4Prefix[] {
  const space = virtualNetwork === undefined ? undefined : propertiesOf(virtualNetwork)['addressSpace'];
  const prefixes = isJsonObject(space) && Array.isArray(space['addressPrefixes']) ? space['addressPrefixes'] : [];
  return parsedPrefixes(prefixes.filter((prefix): prefix is string => typeof prefix === 'string'));
}

/**
 * The gateway's address as the next hop: its seeded `bgpSettings.bgpPeeringAddress`, else the one Azure gives it, "by
 * default … the second last address of the range" of the GatewaySubnet (10.12.255.30 in 10.12.255.0/27, the VPN
 * Gateway BGP FAQ of azure-docs). Simulated for ExpressRoute, whose real next hops are the Microsoft edge routers.
 */
function gatewayAddress(state: ArmState, gateway: ArmResource, gatewaySubnetId: string): string[] {
  const bgp = propertiesOf(gateway)['bgpSettings'];
  if (isJsonObject(bgp) && typeof bgp['bgpPeeringAddress'] === 'string') {
    return [bgp['bgpPeeringAddress']];
  }
  const subnet = findSubnet(state, gatewaySubnetId);
  const prefix = subnet === undefined ? undefined : parsePrefix(subnetPrefix(subnet) ?? '');
  return prefix === undefined ? [] : [formatIpv4(prefix.network + prefix.size - 2)];
}

function gatewayRoutes(state: ArmState, virtualNetworkId: string): EffectiveRoute[] {
  return gatewaysOf(state, virtualNetworkId).flatMap((gateway) => {
    const nextHop = gatewayAddress(state, gateway, `${virtualNetworkId}/subnets/GatewaySubnet`);
    return state.onPremisesNetworks
      .filter((network) => idKey(network.virtualNetworkGatewayId) === idKey(gateway.id))
      .flatMap((network) => network.localNetworkAddressSpace.addressPrefixes)
      .map((prefix) => route('VirtualNetworkGateway', prefix, 'VirtualNetworkGateway', nextHop));
  });
}

/** The effective routes of a NIC in `subnetId`, in the order Azure lists them. */
function effectiveRoutesOf(state: ArmState, subnetId: string): EffectiveRoute[] {
  const virtualNetworkId = virtualNetworkIdOf(subnetId);
  const space = addressSpaceOf(state.get(virtualNetworkId));
  const vnetLocal = space.map((prefix) => route('Default', prefix.text, 'VnetLocal'));
  const fromGateways = gatewayRoutes(state, virtualNetworkId);
  const reserved = parsedPrefixes(reservedPrefixes).filter((prefix) => !space.some((range) => covers(range, prefix)));
  const defaults = [route('Default', '0.0.0.0/0', 'Internet'), ...reserved.map((prefix) => route('Default', prefix.text, 'None'))];
  for (const gatewayRoute of fromGateways) {
    const prefix = parsePrefix(gatewayRoute.addressPrefix[0] ?? '');
    if (prefix !== undefined && space.some((range) => covers(range, prefix))) {
      gatewayRoute.state = 'Invalid';
    }
  }
  const activeGatewayPrefixes = new Set(fromGateways.filter((entry) => entry.state === 'Active').flatMap((entry) => entry.addressPrefix));
  for (const systemRoute of defaults) {
    if (systemRoute.addressPrefix.some((prefix) => activeGatewayPrefixes.has(prefix))) {
      systemRoute.state = 'Invalid';
    }
  }
  return [...vnetLocal, ...fromGateways, ...defaults];
}

function notAttachedToRunningVm(nic: ArmResource, why: string): ArmError {
  return new ArmError(
    400,
    'NicNotAttachedToRunningVm',
    `Effective routes can be retrieved only for a network interface attached to a running virtual machine. Network interface ${nic.id} ${why}.`,
  );
}

/** The NIC's VM, which must be running; otherwise 400 (the code and wording are the emulator's: see the README). */
function requireRunningVm(state: ArmState, nic: ArmResource): void {
  const vmId = referencedId(propertiesOf(nic)['virtualMachine']);
  const vm = vmId === undefined ? undefined : state.get(vmId);
  if (vm === undefined) {
    throw notAttachedToRunningVm(nic, 'is not attached to a virtual machine');
  }
  const power = displayedPowerState(vm);
  if (power !== 'running') {
    throw notAttachedToRunningVm(nic, `is attached to virtual machine ${vm.id}, which is ${power}`);
  }
}

function getEffectiveRouteTable(services: ArmServices, context: ArmRequestContext): ReturnType<ArmRoute['handler']> {
  const { state, operations, settings } = services;
  const nic = addressedResource(services, networkInterfaceKind, context, 'networkInterfaceName');
  requireRunningVm(state, nic);
  const configurations = propertiesOf(nic)['ipConfigurations'];
  const primary = Array.isArray(configurations) ? configurations.find(isJsonObject) : undefined;
  const subnetId = referencedId(propertiesOf(primary ?? {})['subnet']) ?? '';
  const start: OperationStart = {
    context,
    namespace: networkInterfaceKind.namespace,
    location: nic.location ?? 'global',
    durationMs: lroDurationFor(settings, durationType),
    complete: () => ({ value: effectiveRoutesOf(state, subnetId) }),
  };
  const record = operations.start(start);
  return { status: 202, headers: operations.locationHeaders(record, start) };
}

/** Route for `POST networkInterfaces/{nic}/effectiveRouteTable`. */
export function effectiveRouteTableRoutes(services: ArmServices): ArmRoute[] {
  return [
    {
      method: 'POST',
      template: `${itemTemplate(networkInterfaceKind, 'networkInterfaceName')}/effectiveRouteTable`,
      apiVersions: 'network',
      handler: (context) => getEffectiveRouteTable(services, context),
    },
  ];
}
