/** Microsoft.Resources generic listing: `/subscriptions/{s}/resources` and `/subscriptions/{s}/resourceGroups/{rg}/resources`. */
import { pagedList } from '../paging';
import { parseResourceId } from '../resourceIds';
import type { ArmRoute } from '../router';
import type { ArmServices } from '../services';
import type { ArmResource } from '../types';
import { parseGenericResourceFilter, type GenericResourceFilter } from './resourceFilter';

/** Top-level resources only (ARM's generic list leaves out resource groups and child resources). */
function isTopLevel(resource: ArmResource): boolean {
  return resource.type.split('/').length === 2 && resource.type.toLowerCase() !== 'microsoft.resources/resourcegroups';
}

/** How a listing renders its items, from its `$filter` and `$expand`. */
interface GenericRendering {
  /** ARM leaves tags out of results filtered by tag name and value ("the tags for each resource are not returned"). */
  readonly includeTags: boolean;
  /** `provisioningState` only comes with `$expand=provisioningState`. */
  readonly includeProvisioningState: boolean;
}

function genericRendering(filter: GenericResourceFilter, expand: string | null): GenericRendering {
  const expanded = (expand ?? '').split(',').map((entry) => entry.trim().toLowerCase());
  return {
    includeTags: !filter.byTagNameAndValue,
    includeProvisioningState: expanded.includes('provisioningstate'),
  };
}

/** The GenericResourceExpanded shape: identity fields, location, tags, sku/kind; no properties. */
function renderGeneric(resource: ArmResource, rendering: GenericRendering): Record<string, unknown> {
  const { id, name, type, location, tags, sku, kind } = resource;
  const provisioningState = rendering.includeProvisioningState ? resource.properties?.['provisioningState'] : undefined;
  return {
    id,
    name,
    type,
    ...(location === undefined ? {} : { location }),
    ...(tags === undefined || !rendering.includeTags ? {} : { tags: { ...tags } }),
    ...(sku === undefined ? {} : { sku }),
    ...(kind === undefined ? {} : { kind }),
    ...(provisioningState === undefined ? {} : { provisioningState }),
  };
}

/** Routes for the generic resource lists with `$filter` (resourceFilter.ts). */
export function genericResourceRoutes(services: ArmServices): ArmRoute[] {
  const { state, settings } = services;
  return [
    {
      method: 'GET',
      template: '/subscriptions/{subscriptionId}/resources',
      apiVersions: 'resourceManager',
      handler: (context) => {
        const subscriptionId = state.requireSubscription(context.params['subscriptionId']).subscriptionId.toLowerCase();
        const filter = parseGenericResourceFilter(context.url.searchParams.get('$filter'));
        const rendering = genericRendering(filter, context.url.searchParams.get('$expand'));
        const items = state
          .filter((resource) => isTopLevel(resource) && parseResourceId(resource.id)?.subscriptionId.toLowerCase() === subscriptionId)
          .filter((resource) => filter.matches(resource))
          .map((resource) => renderGeneric(resource, rendering));
        return pagedList(context, settings, 'resources', items);
      },
    },
    {
      method: 'GET',
      template: '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/resources',
      apiVersions: 'resourceManager',
      handler: (context) => {
        const group = state.requireResourceGroup(context.params['subscriptionId'], context.params['resourceGroupName']);
        const prefix = `${group.id.toLowerCase()}/`;
        const filter = parseGenericResourceFilter(context.url.searchParams.get('$filter'));
        const rendering = genericRendering(filter, context.url.searchParams.get('$expand'));
        const items = state
          .filter((resource) => isTopLevel(resource) && resource.id.toLowerCase().startsWith(prefix))
          .filter((resource) => filter.matches(resource))
          .map((resource) => renderGeneric(resource, rendering));
        return pagedList(context, settings, 'resources', items);
      },
    },
  ];
}
