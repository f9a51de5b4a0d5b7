/** The emulated Compute catalog: VM sizes with their quota family, marketplace images per region, SKU restrictions. */
import { azureRegions } from '../resources/locations';

/** A VM size as resource SKUs and quota checks see it. */
export interface VmSize {
  readonly name: string;
  readonly vCpus: number;
  readonly memoryGb: number;
  /** Quota family, e.g. `standardAv2Family`. */
  readonly family: string;
  /** Regions where the size is NotAvailableForSubscription. */
  readonly restrictedIn: readonly string[];
}

/** Sizes offered in every region of the emulated cloud (Standard_A8_v2 is what the portal deploys for a process server). */
export const vmSizes: readonly VmSize[] = [
  { name: 'Standard_A4_v2', vCpus: 4, memoryGb: 8, family: 'standardAv2Family', restrictedIn: [] },
  { name: 'Standard_A8_v2', vCpus: 8, memoryGb: 16, family: 'standardAv2Family', restrictedIn: ['northeurope'] },
  { name: 'Standard_B2s', vCpus: 2, memoryGb: 4, family: 'standardBSFamily', restrictedIn: [] },
  { name: 'Standard_D4s_v3', vCpus: 4, memoryGb: 16, family: 'standardDSv3Family', restrictedIn: [] },
  { name: 'Standard_D8s_v3', vCpus: 8, memoryGb: 32, family: 'standardDSv3Family', restrictedIn: [] },
  { name: 'Standard_D8s_v5', vCpus: 8, memoryGb: 32, family: 'standardDSv5Family', restrictedIn: ['japanwest'] },
];

/** Display names of the quota families (usages' localizedValue). */
export const familyDisplayNames: Readonly<Record<string, string>> = {
  cores: 'Total Regional vCPUs',
  standardAv2Family: 'Standard Av2 Family vCPUs',
  standardBSFamily: 'Standard BS Family vCPUs',
  standardDSv3Family: 'Standard DSv3 Family vCPUs',
  standardDSv5Family: 'Standard DSv5 Family vCPUs',
};

/** A marketplace image offer: publisher/offer/sku with its versions and the regions that publish it. */
export interface ImageOffer {
  readonly publisher: string;
  readonly offer: string;
  readonly sku: string;
  readonly versions: readonly string[];
  readonly regions: readonly string[];
}

const everyRegion = azureRegions.map((region) => region.name);

/** Marketplace images. The Site Recovery process server image is published in some regions only (domain.md: unconfirmed it still is). */
export const imageOffers: readonly ImageOffer[] = [
  { publisher: 'MicrosoftWindowsServer', offer: 'WindowsServer', sku: '2012-R2-Datacenter', versions: ['9600.21620.231004', '9600.22030.240607'], regions: everyRegion },
  { publisher: 'MicrosoftWindowsServer', offer: 'WindowsServer', sku: '2016-Datacenter', versions: ['14393.7259.240811', '14393.7515.241104'], regions: everyRegion },
  { publisher: 'MicrosoftWindowsServer', offer: 'WindowsServer', sku: '2019-Datacenter', versions: ['17763.6293.240905', '17763.6532.241101'], regions: everyRegion },
  { publisher: 'MicrosoftWindowsServer', offer: 'WindowsServer', sku: '2022-datacenter-azure-edition', versions: ['20348.2700.240911', '20348.2849.241106'], regions: everyRegion },
  { publisher: 'MicrosoftAzureSiteRecovery', offer: 'Process-Server', sku: 'Windows-2012-R2-Datacenter', versions: ['1.0.0', '1.0.1'], regions: ['japaneast', 'westeurope', 'eastus'] },
];

/** The image offers available in a region. */
export function offersIn(location: string): ImageOffer[] {
  return imageOffers.filter((offer) => offer.regions.includes(location));
}
