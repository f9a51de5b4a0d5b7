/** Every route of the emulated Resource Manager. */
import { effectiveRouteTableRoutes } from './network/effectiveRouteTable';
import { networkInterfaceRoutes } from './network/networkInterfaces';
import { networkSecurityGroupRoutes } from './network/networkSecurityGroups';
import { virtualNetworkGatewayRoutes } from './network/virtualNetworkGateways';
import { virtualNetworkRoutes } from './network/virtualNetworks';
import { diskRoutes } from './compute/disks';
import { resourceSkuRoutes } from './compute/resourceSkus';
import { runCommandRoutes } from './compute/runCommands';
import { usageRoutes } from './compute/usages';
import { virtualMachineImageRoutes } from './compute/virtualMachineImages';
import { virtualMachineRoutes } from './compute/virtualMachines';
import { operationRoutes } from './operationRoutes';
import { reassociateGatewayRoutes } from './recoveryServices/reassociateGateway';
import { replicationFabricRoutes } from './recoveryServices/replicationFabrics';
import { vaultRoutes } from './recoveryServices/vaults';
import { genericResourceRoutes } from './resources/genericResources';
import { providerRoutes } from './resources/providers';
import { resourceGroupRoutes } from './resources/resourceGroups';
import { subscriptionRoutes } from './resources/subscriptions';
import { ArmRouter } from './router';
import { serviceSasRoutes } from './storage/serviceSas';
import { storageAccountRoutes } from './storage/storageAccounts';
import type { ArmServices } from './services';

/** A router holding every provider's routes. */
export function createArmRouter(services: ArmServices): ArmRouter {
  const router = new ArmRouter();
  router.add(operationRoutes(services));
  router.add(subscriptionRoutes(services));
  router.add(resourceGroupRoutes(services));
  router.add(genericResourceRoutes(services));
  router.add(providerRoutes(services));
  router.add(virtualNetworkRoutes(services));
  router.add(networkInterfaceRoutes(services));
  router.add(effectiveRouteTableRoutes(services));
  router.add(networkSecurityGroupRoutes(services));
  router.add(virtualNetworkGatewayRoutes(services));
  router.add(vaultRoutes(services));
  router.add(replicationFabricRoutes(services));
  router.add(reassociateGatewayRoutes(services));
  router.add(virtualMachineRoutes(services));
  router.add(diskRoutes(services));
  router.add(virtualMachineImageRoutes(services));
  router.add(resourceSkuRoutes(services));
  router.add(usageRoutes(services));
  router.add(runCommandRoutes(services));
  router.add(storageAccountRoutes(services));
  router.add(serviceSasRoutes(services));
  return router;
}
