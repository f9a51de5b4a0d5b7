/** Microsoft.Resources: tenants, subscriptions and locations, as the subscriptions client reads them. */
import { pagedList } from '../paging';
import type { ArmRoute } from '../router';
import type { ArmServices } from '../services';
import type { SeedSubscription } from '../seed';
import type { ArmRequestContext } from '../types';
import { azureRegions } from './locations';

function callerTenantIds(services: ArmServices, context: ArmRequestContext): string[] {
  const user = services.state.users.find((entry) => entry.objectId === context.caller.objectId);
  return user === undefined ? [context.caller.tenantId] : user.tenantIds;
}

function renderSubscription(subscription: SeedSubscription): Record<string, unknown> {
  return {
    id: `/subscriptions/${subscription.subscriptionId}`,
    authorizationSource: 'RoleBased',
    managedByTenants: [],
    subscriptionPolicies: { locationPlacementId: 'Public_2014-09-01', quotaId: 'PayAsYouGo_2014-09-01', spendingLimit: 'Off' },
    ...subscription,
  };
}

/** Routes for `/tenants`, `/subscriptions`, `/subscriptions/{id}` and `/subscriptions/{id}/locations`. */
export function subscriptionRoutes(services: ArmServices): ArmRoute[] {
  const { state, settings } = services;
  return [
    {
      method: 'GET',
      template: '/tenants',
      apiVersions: 'resourceManager',
      handler: (context) => {
        const tenantIds = callerTenantIds(services, context).map((id) => id.toLowerCase());
        const tenants = state.tenants
          .filter((tenant) => tenantIds.includes(tenant.tenantId.toLowerCase()))
          .map((tenant) => ({
            id: `/tenants/${tenant.tenantId}`,
            tenantCategory: 'Home',
            countryCode: 'US',
            domains: [tenant.defaultDomain],
            tenantType: 'AAD',
            ...tenant,
          }));
        return pagedList(context, settings, 'tenants', tenants);
      },
    },
    {
      method: 'GET',
      template: '/subscriptions',
      apiVersions: 'resourceManager',
      handler: (context) => {
        const subscriptions = state.subscriptions
          .filter((subscription) => subscription.tenantId.toLowerCase() === context.caller.tenantId.toLowerCase())
          .map(renderSubscription);
        return pagedList(context, settings, 'subscriptions', subscriptions);
      },
    },
    {
      method: 'GET',
      template: '/subscriptions/{subscriptionId}',
      apiVersions: 'resourceManager',
      handler: (context) => ({ status: 200, body: renderSubscription(state.requireSubscription(context.params['subscriptionId'])) }),
    },
    {
      method: 'GET',
      template: '/subscriptions/{subscriptionId}/locations',
      apiVersions: 'resourceManager',
      handler: (context) => {
        const subscriptionId = state.requireSubscription(context.params['subscriptionId']).subscriptionId;
        const value = azureRegions.map((region) => ({
          id: `/subscriptions/${subscriptionId}/locations/${region.name}`,
          name: region.name,
          type: 'Region',
          displayName: region.displayName,
          regionalDisplayName: `(${region.geography}) ${region.displayName}`,
          metadata: {
            regionType: 'Physical',
            regionCategory: 'Recommended',
            geography: region.geography,
            geographyGroup: region.geography,
            latitude: region.latitude,
            longitude: region.longitude,
            physicalLocation: region.displayName,
            pairedRegion: [{ name: region.pairedRegion, id: `/subscriptions/${subscriptionId}/locations/${region.pairedRegion}` }],
          },
        }));
        return { status: 200, body: { value } };
      },
    },
  ];
}
