/**
 * Site Recovery `replicationFabrics` of a vault: classic VMware configuration servers (`customDetails.instanceType`
 * "VMware", with processServers[]) and modernized replication appliances ("InMageRcm"). List (paged) and get.
 */
import { resourceNotFound } from '../errors';
import { pagedList } from '../paging';
import { render } from '../resourceHelpers';
import { providerResourceId } from '../resourceIds';
import type { ArmRoute } from '../router';
import type { ArmServices } from '../services';
import type { ArmRequestContext, ArmResource } from '../types';
import { withLiveHeartbeats } from './liveHeartbeats';
import { fabricNotFound } from './siteRecoveryErrors';
import { vaultKind } from './vaults';

const fabricType = 'Microsoft.RecoveryServices/vaults/replicationFabrics';

/** The path of a vault, the scope of every Site Recovery route. */
export const vaultTemplate = `/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.RecoveryServices/vaults/{vaultName}`;

/** The addressed vault, or ARM's 404 (after the subscription and resource group checks). */
export function vaultOf(services: ArmServices, context: ArmRequestContext): ArmResource {
  const { subscriptionId, resourceGroupName, vaultName } = context.params;
  services.state.requireResourceGroup(subscriptionId, resourceGroupName);
  const vault = services.state.get(providerResourceId(subscriptionId, resourceGroupName, vaultKind.namespace, `vaults/${vaultName}`));
  if (vault === undefined) {
    throw resourceNotFound('Microsoft.RecoveryServices/vaults', vaultName, resourceGroupName);
  }
  return vault;
}

/** The fabrics of a vault, in seed order. */
export function fabricsOf(services: ArmServices, vault: ArmResource): ArmResource[] {
  const prefix = `${vault.id.toLowerCase()}/replicationfabrics/`;
  return services.state.filter((resource) => resource.type.toLowerCase() === fabricType.toLowerCase() && resource.id.toLowerCase().startsWith(prefix));
}

/** The addressed fabric (`{fabricName}`) of the addressed vault, or Site Recovery's 404 `FabricArmEntityMissing`. */
export function fabricOf(services: ArmServices, context: ArmRequestContext): ArmResource {
  const fabric = services.state.get(`${vaultOf(services, context).id}/replicationFabrics/${context.params['fabricName']}`);
  if (fabric === undefined) {
    throw fabricNotFound(context.params['fabricName']);
  }
  return fabric;
}

/** A fabric as ARM renders it: a copy, healthy components with recent heartbeats. */
export function renderFabric(fabric: ArmResource): ArmResource {
  return withLiveHeartbeats(render(fabric), new Date());
}

/** Routes for replicationFabrics (list, get). */
export function replicationFabricRoutes(services: ArmServices): ArmRoute[] {
  return [
    {
      method: 'GET',
      template: `${vaultTemplate}/replicationFabrics`,
      apiVersions: 'siteRecovery',
      handler: (context) => pagedList(context, services.settings, fabricType, fabricsOf(services, vaultOf(services, context)).map(renderFabric)),
    },
    {
      method: 'GET',
      template: `${vaultTemplate}/replicationFabrics/{fabricName}`,
      apiVersions: 'siteRecovery',
      handler: (context) => ({ status: 200, body: renderFabric(fabricOf(services, context)) }),
    },
  ];
}
