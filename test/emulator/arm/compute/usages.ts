/** Microsoft.Compute usages: vCPU quota per family and region (`/locations/{location}/usages`). */
import { ArmError } from '../errors';
import { pagedList } from '../paging';
import { normalizeRegion } from '../resources/locations';
import type { ArmRoute } from '../router';
import type { ArmServices } from '../services';
import { familyDisplayNames } from './catalog';
import { quotaLimit, quotaUsage } from './quota';

/** Routes for usages. */
export function usageRoutes(services: ArmServices): ArmRoute[] {
  return [
    {
      method: 'GET',
      template: '/subscriptions/{subscriptionId}/providers/Microsoft.Compute/locations/{location}/usages',
      apiVersions: 'compute',
      handler: (context) => {
        const subscriptionId = services.state.requireSubscription(context.params['subscriptionId']).subscriptionId;
        const location = normalizeRegion(context.params['location']);
        if (location === undefined) {
          throw new ArmError(400, 'LocationNotAvailableForResourceType', `The provided location '${context.params['location']}' is not available for resource type 'Microsoft.Compute/locations/usages'.`);
        }
        const usage = quotaUsage(services.state, subscriptionId, location);
        const usages = Object.entries(familyDisplayNames).map(([family, localizedValue]) => ({
          unit: 'Count',
          currentValue: usage.get(family) ?? 0,
          limit: quotaLimit(services.state, subscriptionId, location, family),
          name: { value: family, localizedValue },
        }));
        return pagedList(context, services.settings, 'microsoft.compute/usages', usages);
      },
    },
  ];
}
