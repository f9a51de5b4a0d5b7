/** The Azure regions the emulated cloud offers (a subset of Azure's public regions, with their real metadata). */

/** A region as `GET /subscriptions/{id}/locations` lists it. */
export interface AzureRegion {
  readonly name: string;
  readonly displayName: string;
  readonly geography: string;
  readonly latitude: string;
  readonly longitude: string;
  readonly pairedRegion: string;
}

/** Regions of the emulated cloud. */
export const azureRegions: readonly AzureRegion[] = [
  { name: 'eastus', displayName: 'East US', geography: 'United States', latitude: '37.3719', longitude: '-79.8164', pairedRegion: 'westus' },
  { name: 'westus', displayName: 'West US', geography: 'United States', latitude: '37.783', longitude: '-122.417', pairedRegion: 'eastus' },
  { name: 'westus2', displayName: 'West US 2', geography: 'United States', latitude: '47.233', longitude: '-119.852', pairedRegion: 'westcentralus' },
  { name: 'westeurope', displayName: 'West Europe', geography: 'Europe', latitude: '52.3667', longitude: '4.9', pairedRegion: 'northeurope' },
  { name: 'northeurope', displayName: 'North Europe', geography: 'Europe', latitude: '53.3478', longitude: '-6.2597', pairedRegion: 'westeurope' },
  { name: 'japaneast', displayName: 'Japan East', geography: 'Japan', latitude: '35.68', longitude: '139.77', pairedRegion: 'japanwest' },
  { name: 'japanwest', displayName: 'Japan West', geography: 'Japan', latitude: '34.6939', longitude: '135.5022', pairedRegion: 'japaneast' },
  { name: 'southeastasia', displayName: 'Southeast Asia', geography: 'Asia Pacific', latitude: '1.283', longitude: '103.833', pairedRegion: 'eastasia' },
];

/** Normalises "Japan East" / "japaneast" to the region name, or undefined when Azure has no such region here. */
export function normalizeRegion(location: string): string | undefined {
  const compact = location.replaceAll(' ', '').toLowerCase();
  return azureRegions.find((region) => region.name === compact)?.name;
}
