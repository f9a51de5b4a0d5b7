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
import { vaultKind } from './vaults';

const fabricType = 'Microsoft.RecoveryServices/vaults/replicationFabrics';
const vaultTemplate = `/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.RecoveryServices/vaults/{vaultName}`;

function vaultOf(services: ArmServices, context: ArmRequestContext): ArmResource {
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

/** Routes for replicationFabrics (list, get). */
export function replicationFabricRoutes(services: ArmServices): ArmRoute[] {
  return [
    {
      method: 'GET',
      template: `${vaultTemplate}/replicationFabrics`,
      apiVersions: 'siteRecovery',
      handler: (context) => pagedList(context, services.settings, fabricType, fabricsOf(services, vaultOf(services, context)).map((fabric) => withLiveHeartbeats(render(fabric), new Date()))),
    },
    {
      method: 'GET',
      template: `${vaultTemplate}/replicationFabrics/{fabricName}`,
      apiVersions: 'siteRecovery',
      handler: (context) => {
        const vault = vaultOf(services, context);
        const fabric = services.state.get(`${vault.id}/replicationFabrics/${context.params['fabricName']}`);
        if (fabric === undefined) {
          throw resourceNotFound(fabricType, `${vault.name}/${context.params['fabricName']}`, context.params['resourceGroupName']);
        }
        return { status: 200, body: withLiveHeartbeats(render(fabric), new Date()) };
      },
    },
  ];
}
