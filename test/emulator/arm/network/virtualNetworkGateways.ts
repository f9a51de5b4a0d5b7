/** Microsoft.Network virtual network gateways (VPN / ExpressRoute), read-only: seeded or put via the control endpoint. */
import { readRoutes, type ResourceKind } from '../providerCrud';
import type { ArmRoute } from '../router';
import type { ArmServices } from '../services';

const kind: ResourceKind = { namespace: 'Microsoft.Network', collection: 'virtualNetworkGateways', apiVersions: 'network' };

/** Routes for virtualNetworkGateways: list per resource group and GET (Azure has no subscription-wide list for them). */
export function virtualNetworkGatewayRoutes(services: ArmServices): ArmRoute[] {
  return readRoutes(services, kind, 'virtualNetworkGatewayName').filter((route) => route.template.includes('{resourceGroupName}'));
}
