/** Microsoft.Network network security groups (rules kept as sent, with ids); PUT/DELETE as LROs. */
import { ArmError } from '../errors';
import { addressedId, deleteRoute, itemTemplate, readRoutes, startPut, type ResourceKind } from '../providerCrud';
import { propertiesOf, referencedId, requireBody, requireLocation, requireResourceName, tagsOf } from '../resourceHelpers';
import type { ArmRoute } from '../router';
import type { ArmServices } from '../services';
import { isJsonObject } from '../types';

const kind: ResourceKind = { namespace: 'Microsoft.Network', collection: 'networkSecurityGroups', apiVersions: 'network' };
const namePattern = /^[a-zA-Z0-9]([a-zA-Z0-9_.-]{0,78}[a-zA-Z0-9_])?$/;
const nameRule = "80 characters long. It must begin with a word character, and it must end with a word character or with '_'. The name may contain word characters or '.', '-', '_'";

/** Routes for networkSecurityGroups. */
export function networkSecurityGroupRoutes(services: ArmServices): ArmRoute[] {
  const { state } = services;
  return [
    ...readRoutes(services, kind, 'networkSecurityGroupName'),
    {
      method: 'PUT',
      template: itemTemplate(kind, 'networkSecurityGroupName'),
      apiVersions: 'network',
      handler: (context) => {
        state.requireResourceGroup(context.params['subscriptionId'], context.params['resourceGroupName']);
        const name = context.params['networkSecurityGroupName'];
        requireResourceName(name, kind.collection, namePattern, nameRule);
        const body = requireBody(context.body);
        const location = requireLocation(body, 'Microsoft.Network/networkSecurityGroups');
        const id = addressedId(kind, context, 'networkSecurityGroupName');
        const rules = Array.isArray(propertiesOf(body)['securityRules']) ? (propertiesOf(body)['securityRules'] as unknown[]).filter(isJsonObject) : [];
        const existing = state.get(id);
        return startPut(services, context, {
          resource: {
            id,
            name,
            type: 'Microsoft.Network/networkSecurityGroups',
            location,
            etag: `W/"${crypto.randomUUID()}"`,
            ...(tagsOf(body) === undefined ? {} : { tags: tagsOf(body) }),
            properties: {
              resourceGuid: crypto.randomUUID(),
              securityRules: rules.map((rule) => ({
                id: `${id}/securityRules/${String(rule['name'])}`,
                name: rule['name'],
                type: 'Microsoft.Network/networkSecurityGroups/securityRules',
                properties: { ...propertiesOf(rule), provisioningState: 'Succeeded' },
              })),
              defaultSecurityRules: [],
            },
          },
          existed: existing !== undefined,
          namespace: kind.namespace,
          inProgressState: 'Updating',
        });
      },
    },
    deleteRoute(services, kind, 'networkSecurityGroupName', (group) => {
      const user = state
        .filter((resource) => resource.type === 'Microsoft.Network/networkInterfaces')
        .find((resource) => referencedId(propertiesOf(resource)['networkSecurityGroup'])?.toLowerCase() === group.id.toLowerCase());
      if (user !== undefined) {
        throw new ArmError(400, 'InUseNetworkSecurityGroupCannotBeDeleted', `Network security group ${group.id} cannot be deleted because it is in use by the following resources: ${user.id}.`);
      }
    }),
  ];
}
