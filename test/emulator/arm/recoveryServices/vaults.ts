/** Microsoft.RecoveryServices vaults: list per subscription and resource group (paged), get, create (LRO), delete. */
import { ArmError } from '../errors';
import { addressedId, deleteRoute, itemTemplate, readRoutes, startPut, type ResourceKind } from '../providerCrud';
import { propertiesOf, requireBody, requireLocation, requireResourceName, tagsOf } from '../resourceHelpers';
import type { ArmRoute } from '../router';
import type { ArmServices } from '../services';

/** The vault resource kind (also used by the Site Recovery routes). */
export const vaultKind: ResourceKind = { namespace: 'Microsoft.RecoveryServices', collection: 'vaults', apiVersions: 'recoveryServicesVaults' };
const namePattern = /^[a-zA-Z][a-zA-Z0-9-]{1,49}$/;
const nameRule = "50 characters long. It must start with a letter and may contain only letters, numbers and hyphens";

/** Routes for vaults. */
export function vaultRoutes(services: ArmServices): ArmRoute[] {
  const { state } = services;
  return [
    ...readRoutes(services, vaultKind, 'vaultName'),
    {
      method: 'PUT',
      template: itemTemplate(vaultKind, 'vaultName'),
      apiVersions: vaultKind.apiVersions,
      handler: (context) => {
        state.requireResourceGroup(context.params['subscriptionId'], context.params['resourceGroupName']);
        state.requireRegistered(context.params['subscriptionId'], vaultKind.namespace);
        const name = context.params['vaultName'];
        requireResourceName(name, 'vaults', namePattern, nameRule);
        const body = requireBody(context.body);
        const location = requireLocation(body, 'Microsoft.RecoveryServices/vaults');
        const id = addressedId(vaultKind, context, 'vaultName');
        const existing = state.get(id);
        if (existing !== undefined && existing.location !== location) {
          throw new ArmError(409, 'Conflict', `Vault '${name}' already exists in location '${existing.location ?? ''}'.`);
        }
        return startPut(services, context, {
          resource: {
            id,
            name,
            type: 'Microsoft.RecoveryServices/vaults',
            location,
            etag: `W/"datetime'${encodeURIComponent(new Date().toISOString())}'"`,
            sku: { name: 'Standard' },
            tags: tagsOf(body) ?? {},
            properties: { ...propertiesOf(body), privateEndpointStateForBackup: 'None', privateEndpointStateForSiteRecovery: 'None' },
          },
          existed: existing !== undefined,
          namespace: vaultKind.namespace,
          inProgressState: 'Creating',
        });
      },
    },
    deleteRoute(services, vaultKind, 'vaultName', (vault) => {
      const fabric = state.filter((resource) => resource.id.toLowerCase().startsWith(`${vault.id.toLowerCase()}/replicationfabrics/`)).at(0);
      if (fabric !== undefined) {
        throw new ArmError(
          400,
          'ServiceResourceNotEmpty',
          `Vault ${vault.name} cannot be deleted as there are existing resources within the vault. Please delete any replicated items, registered servers, Hyper-V sites (used for Site Recovery), policy associations for System Center VMM clouds (used for Site Recovery) and then delete the vault.`,
        );
      }
    }),
  ];
}
