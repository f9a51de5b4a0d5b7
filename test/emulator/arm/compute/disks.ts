/** Microsoft.Compute managed disks: list per subscription and resource group, get, delete (refused while attached). */
import { ArmError } from '../errors';
import { deleteRoute, readRoutes, type ResourceKind } from '../providerCrud';
import type { ArmRoute } from '../router';
import type { ArmServices } from '../services';

const kind: ResourceKind = { namespace: 'Microsoft.Compute', collection: 'disks', apiVersions: 'computeDisks' };

/** Routes for disks. */
export function diskRoutes(services: ArmServices): ArmRoute[] {
  return [
    ...readRoutes(services, kind, 'diskName'),
    deleteRoute(services, kind, 'diskName', (disk) => {
      const owner = disk['managedBy'];
      if (typeof owner === 'string' && services.state.get(owner) !== undefined) {
        throw new ArmError(409, 'OperationNotAllowed', `Disk ${disk.name} is attached to VM ${owner}.`);
      }
    }),
  ];
}
