/** Microsoft.Resources resource groups: list (paged, tag filter), get, check existence, create/update, patch, delete (LRO). */
import { ArmError, resourceGroupNotFound } from '../errors';
import { pagedList } from '../paging';
import { render, requireBody, requireLocation, tagsOf } from '../resourceHelpers';
import { resourceGroupId } from '../resourceIds';
import type { ArmRoute } from '../router';
import type { ArmServices } from '../services';
import { lroDurationFor } from '../settings';
import type { ArmRequestContext, ArmResource } from '../types';
import { matchesFilter, parseResourceFilter } from './tagFilter';

const resourceGroupType = 'Microsoft.Resources/resourceGroups';
const namePattern = /^[-\w._()]{1,90}$/u;

function validateName(name: string): void {
  const invalid = name.replace(/[-\w._()]/gu, '');
  if (!namePattern.test(name) || name.endsWith('.')) {
    throw new ArmError(
      400,
      'InvalidResourceGroup',
      `The provided resource group name '${name}' has these invalid characters: '${invalid}'. The name can only be a letter, digit, '-', '.', '(', ')' or '_'.`,
    );
  }
}

function names(context: ArmRequestContext): { subscriptionId: string; resourceGroupName: string } {
  return { subscriptionId: context.params['subscriptionId'], resourceGroupName: context.params['resourceGroupName'] };
}

/** Routes for `/subscriptions/{s}/resourcegroups[/{rg}]`. */
export function resourceGroupRoutes(services: ArmServices): ArmRoute[] {
  const { state, settings, operations } = services;
  const groupTemplate = '/subscriptions/{subscriptionId}/resourcegroups/{resourceGroupName}';
  return [
    {
      method: 'GET',
      template: '/subscriptions/{subscriptionId}/resourcegroups',
      apiVersions: 'resourceManager',
      handler: (context) => {
        const subscriptionId = state.requireSubscription(context.params['subscriptionId']).subscriptionId;
        const filter = parseResourceFilter(context.url.searchParams.get('$filter'));
        const groups = state.ofType(resourceGroupType, subscriptionId).filter((group) => matchesFilter(group, filter)).map(render);
        return pagedList(context, settings, resourceGroupType, groups);
      },
    },
    {
      method: 'GET',
      template: groupTemplate,
      apiVersions: 'resourceManager',
      handler: (context) => {
        const { subscriptionId, resourceGroupName } = names(context);
        return { status: 200, body: render(state.requireResourceGroup(subscriptionId, resourceGroupName)) };
      },
    },
    {
      method: 'HEAD',
      template: groupTemplate,
      apiVersions: 'resourceManager',
      handler: (context) => {
        const { subscriptionId, resourceGroupName } = names(context);
        state.requireSubscription(subscriptionId);
        return { status: state.get(resourceGroupId(subscriptionId, resourceGroupName)) === undefined ? 404 : 204 };
      },
    },
    {
      method: 'PUT',
      template: groupTemplate,
      apiVersions: 'resourceManager',
      handler: (context) => {
        const { subscriptionId, resourceGroupName } = names(context);
        const subscription = state.requireSubscription(subscriptionId);
        validateName(resourceGroupName);
        const body = requireBody(context.body);
        const location = requireLocation(body, resourceGroupType);
        const id = resourceGroupId(subscription.subscriptionId, resourceGroupName);
        const existing = state.get(id);
        if (existing?.location !== undefined && existing.location !== location) {
          throw new ArmError(
            409,
            'InvalidResourceGroupLocation',
            `Invalid resource group location '${location}'. The Resource group already exists in location '${existing.location}'.`,
          );
        }
        if (existing?.properties?.['provisioningState'] === 'Deleting') {
          throw new ArmError(409, 'ResourceGroupBeingDeleted', `The resource group '${resourceGroupName}' is in deprovisioning state and cannot perform this operation.`);
        }
        const group: ArmResource = {
          id,
          name: existing?.name ?? resourceGroupName,
          type: resourceGroupType,
          location,
          ...(tagsOf(body) === undefined ? {} : { tags: tagsOf(body) }),
          properties: { provisioningState: 'Succeeded' },
        };
        state.put(group);
        return { status: existing === undefined ? 201 : 200, body: render(group) };
      },
    },
    {
      method: 'PATCH',
      template: groupTemplate,
      apiVersions: 'resourceManager',
      handler: (context) => {
        const { subscriptionId, resourceGroupName } = names(context);
        const group = state.requireResourceGroup(subscriptionId, resourceGroupName);
        const tags = tagsOf(requireBody(context.body));
        if (tags !== undefined) {
          group.tags = tags;
        }
        return { status: 200, body: render(group) };
      },
    },
    {
      method: 'DELETE',
      template: groupTemplate,
      apiVersions: 'resourceManager',
      handler: (context) => {
        const { subscriptionId, resourceGroupName } = names(context);
        state.requireSubscription(subscriptionId);
        const group = state.get(resourceGroupId(subscriptionId, resourceGroupName));
        if (group === undefined) {
          throw resourceGroupNotFound(resourceGroupName);
        }
        group.properties = { ...group.properties, provisioningState: 'Deleting' };
        const start = {
          context,
          namespace: 'Microsoft.Resources',
          location: group.location ?? 'global',
          durationMs: lroDurationFor(settings, resourceGroupType),
          complete: () => {
            state.deleteTree(group.id);
            return undefined;
          },
          onFailure: () => {
            group.properties = { ...group.properties, provisioningState: 'Succeeded' };
          },
        };
        const record = operations.start(start);
        return { status: 202, headers: operations.subscriptionLocationHeaders(record, context, subscriptionId) };
      },
    },
  ];
}
