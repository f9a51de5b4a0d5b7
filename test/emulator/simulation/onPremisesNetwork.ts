/**
 * The simulated network between an Azure VM and the on-premises configuration servers: which name resolves to what,
 * and whether a TCP connection from the VM reaches a configuration server's port. A configuration server is reached
 * only through a VPN/ExpressRoute gateway on the VM's virtual network, answers only on 443, and not even there when a
 * test has made its (on-premises) firewall drop that port (`answersOnPort443: false`).
 */
import { gatewaysOf, primaryAddressOf, virtualNetworkIdOf } from '../arm/network/networkQueries';
import type { SeedConfigurationServer } from '../arm/seed';
import type { ArmState } from '../arm/state';
import type { ArmResource } from '../arm/types';

/** The port a configuration server listens on. */
export const CONFIGURATION_SERVER_PORT = 443;

/** The seeded configuration server with this IP address or host name (case-insensitive), if any. */
export function findConfigurationServer(state: ArmState, address: string): SeedConfigurationServer | undefined {
  const wanted = address.trim().toLowerCase();
  return state.configurationServers.find((server) => server.ipAddress === wanted || server.hostName.toLowerCase() === wanted);
}

/** How a TCP connection from the VM to `address:port` ends. */
export type ConnectionResult = 'connected' | 'refused' | 'timedOut';

/** Whether the VM's primary NIC sits in a virtual network with a VPN/ExpressRoute gateway on its GatewaySubnet. */
export function hasOnPremisesGateway(state: ArmState, vm: ArmResource): boolean {
  const network = primaryAddressOf(state, vm);
  return network !== undefined && gatewaysOf(state, virtualNetworkIdOf(network.subnetId)).length > 0;
}

/**
 * A TCP connection from the VM: without a gateway or to an address no configuration server has, nothing answers
 * (timed out); a configuration server refuses ports other than 443 and drops 443 when its firewall is closed.
 */
export function connectFromVm(state: ArmState, vm: ArmResource, address: string, port: number): ConnectionResult {
  const server = findConfigurationServer(state, address);
  if (!hasOnPremisesGateway(state, vm) || server === undefined) {
    return 'timedOut';
  }
  if (port !== CONFIGURATION_SERVER_PORT) {
    return 'refused';
  }
  return server.answersOnPort443 === false ? 'timedOut' : 'connected';
}
