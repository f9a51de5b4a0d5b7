/** Microsoft.Compute virtualMachineImages per region: publishers, offers, skus, versions and one version. */
import { ArmError } from '../errors';
import { normalizeRegion } from '../resources/locations';
import type { ArmRoute } from '../router';
import type { ArmServices } from '../services';
import type { ArmRequestContext } from '../types';
import { offersIn, type ImageOffer } from './catalog';

const base = '/subscriptions/{subscriptionId}/providers/Microsoft.Compute/locations/{location}/publishers';

function artifactNotFound(): ArmError {
  return new ArmError(404, 'NotFound', 'Artifact: VMImage was not found.');
}

function region(services: ArmServices, context: ArmRequestContext): string {
  services.state.requireSubscription(context.params['subscriptionId']);
  const location = normalizeRegion(context.params['location']);
  if (location === undefined) {
    throw new ArmError(404, 'NoRegisteredProviderFound', `No registered resource provider found for location '${context.params['location']}' and API version '${context.apiVersion}' for type 'locations/publishers'.`);
  }
  return location;
}

function matching(services: ArmServices, context: ArmRequestContext, depth: 'publisher' | 'offer' | 'sku'): ImageOffer[] {
  const { publisherName, offer, skus } = context.params;
  const offers = offersIn(region(services, context)).filter(
    (entry) =>
      entry.publisher.toLowerCase() === publisherName.toLowerCase() &&
      (depth === 'publisher' || entry.offer.toLowerCase() === offer.toLowerCase()) &&
      (depth !== 'sku' || entry.sku.toLowerCase() === skus.toLowerCase()),
  );
  if (offers.length === 0) {
    throw artifactNotFound();
  }
  return offers;
}

function resourceEntry(context: ArmRequestContext, location: string, path: string, name: string): Record<string, string> {
  return { id: `/Subscriptions/${context.params['subscriptionId']}/Providers/Microsoft.Compute/Locations/${location}/Publishers/${path}`, name, location };
}

/** Routes for the image catalog (arrays, not paged, as Compute answers). */
export function virtualMachineImageRoutes(services: ArmServices): ArmRoute[] {
  return [
    {
      method: 'GET',
      template: base,
      apiVersions: 'compute',
      handler: (context) => {
        const location = region(services, context);
        const publishers = [...new Set(offersIn(location).map((offer) => offer.publisher))];
        return { status: 200, body: publishers.map((publisher) => resourceEntry(context, location, publisher, publisher)) };
      },
    },
    {
      method: 'GET',
      template: `${base}/{publisherName}/artifacttypes/vmimage/offers`,
      apiVersions: 'compute',
      handler: (context) => {
        const location = region(services, context);
        const offers = [...new Set(matching(services, context, 'publisher').map((entry) => entry.offer))];
        return { status: 200, body: offers.map((offer) => resourceEntry(context, location, `${context.params['publisherName']}/ArtifactTypes/VMImage/Offers/${offer}`, offer)) };
      },
    },
    {
      method: 'GET',
      template: `${base}/{publisherName}/artifacttypes/vmimage/offers/{offer}/skus`,
      apiVersions: 'compute',
      handler: (context) => {
        const location = region(services, context);
        const { publisherName, offer } = context.params;
        return {
          status: 200,
          body: matching(services, context, 'offer').map((entry) => resourceEntry(context, location, `${publisherName}/ArtifactTypes/VMImage/Offers/${offer}/Skus/${entry.sku}`, entry.sku)),
        };
      },
    },
    {
      method: 'GET',
      template: `${base}/{publisherName}/artifacttypes/vmimage/offers/{offer}/skus/{skus}/versions`,
      apiVersions: 'compute',
      handler: (context) => {
        const location = region(services, context);
        const { publisherName, offer, skus } = context.params;
        const versions = matching(services, context, 'sku').flatMap((entry) => entry.versions);
        return {
          status: 200,
          body: versions.map((version) => resourceEntry(context, location, `${publisherName}/ArtifactTypes/VMImage/Offers/${offer}/Skus/${skus}/Versions/${version}`, version)),
        };
      },
    },
    {
      method: 'GET',
      template: `${base}/{publisherName}/artifacttypes/vmimage/offers/{offer}/skus/{skus}/versions/{version}`,
      apiVersions: 'compute',
      handler: (context) => {
        const location = region(services, context);
        const { publisherName, offer, skus, version } = context.params;
        if (!matching(services, context, 'sku').some((entry) => entry.versions.includes(version))) {
          throw artifactNotFound();
        }
        return {
          status: 200,
          body: {
            ...resourceEntry(context, location, `${publisherName}/ArtifactTypes/VMImage/Offers/${offer}/Skus/${skus}/Versions/${version}`, version),
            properties: {
              osDiskImage: { operatingSystem: 'Windows', sizeInGb: 127 },
              dataDiskImages: [],
              automaticOSUpgradeProperties: { automaticOSUpgradeSupported: false },
              hyperVGeneration: 'V1',
              architecture: 'x64',
              imageDeprecationStatus: { imageState: 'Active' },
            },
          },
        };
      },
    },
  ];
}
