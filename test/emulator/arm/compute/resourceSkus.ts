/** Microsoft.Compute resource SKUs (`/providers/Microsoft.Compute/skus`): VM sizes per region with NotAvailableForSubscription restrictions. */
import { pagedList } from '../paging';
import { azureRegions } from '../resources/locations';
import type { ArmRoute } from '../router';
import type { ArmServices } from '../services';
import { vmSizes } from './catalog';

/** The resource SKU list, one entry per size and region; `$filter=location eq '...'` narrows it. */
export function resourceSkuRoutes(services: ArmServices): ArmRoute[] {
  return [
    {
      method: 'GET',
      template: '/subscriptions/{subscriptionId}/providers/Microsoft.Compute/skus',
      apiVersions: 'computeSkus',
      handler: (context) => {
        services.state.requireSubscription(context.params['subscriptionId']);
        const filter = /location\s+eq\s+'([^']+)'/i.exec(context.url.searchParams.get('$filter') ?? '');
        const wanted = filter?.at(1)?.toLowerCase();
        const regions = azureRegions.map((region) => region.name).filter((name) => wanted === undefined || name === wanted);
        const skus = regions.flatMap((location) =>
          vmSizes.map((size) => ({
            resourceType: 'virtualMachines',
            name: size.name,
            tier: 'Standard',
            size: size.name.replace(/^Standard_/, ''),
            family: size.family,
            locations: [location],
            locationInfo: [{ location, zones: [], zoneDetails: [] }],
            capabilities: [
              { name: 'vCPUs', value: String(size.vCpus) },
              { name: 'MemoryGB', value: String(size.memoryGb) },
              { name: 'OSVhdSizeMB', value: '1047552' },
              { name: 'HyperVGenerations', value: 'V1,V2' },
              { name: 'PremiumIO', value: size.name.includes('s_') ? 'True' : 'False' },
            ],
            restrictions: size.restrictedIn.includes(location)
              ? [{ type: 'Location', values: [location], restrictionInfo: { locations: [location] }, reasonCode: 'NotAvailableForSubscription' }]
              : [],
          })),
        );
        return pagedList(context, services.settings, 'microsoft.compute/skus', skus);
      },
    },
  ];
}
