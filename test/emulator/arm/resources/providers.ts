/** Microsoft.Resources resource providers: registration state per subscription (GET, list, register, unregister). */
import { apiVersionFamilies } from '../apiVersions';
import { ArmError } from '../errors';
import { pagedList } from '../paging';
import type { ArmRoute } from '../router';
import type { ArmServices } from '../services';
import type { SeedProviderRegistration } from '../seed';
import { azureRegions } from './locations';

type RegistrationState = SeedProviderRegistration['registrationState'];

const regionDisplayNames = azureRegions.map((region) => region.displayName);

/** The namespaces the emulated cloud knows, with their resource types and api-versions. */
const providerCatalog: Partial<Record<string, { namespace: string; resourceTypes: { resourceType: string; apiVersions: readonly string[] }[] }>> = {
  'microsoft.network': {
    namespace: 'Microsoft.Network',
    resourceTypes: ['virtualNetworks', 'virtualNetworks/subnets', 'networkInterfaces', 'networkSecurityGroups', 'virtualNetworkGateways'].map((resourceType) => ({
      resourceType,
      apiVersions: apiVersionFamilies.network.versions,
    })),
  },
  'microsoft.compute': {
    namespace: 'Microsoft.Compute',
    resourceTypes: [
      ...['virtualMachines', 'virtualMachines/runCommands', 'locations/publishers', 'locations/usages'].map((resourceType) => ({
        resourceType,
        apiVersions: apiVersionFamilies.compute.versions,
      })),
      { resourceType: 'disks', apiVersions: apiVersionFamilies.computeDisks.versions },
      { resourceType: 'skus', apiVersions: apiVersionFamilies.computeSkus.versions },
    ],
  },
  'microsoft.storage': {
    namespace: 'Microsoft.Storage',
    resourceTypes: [{ resourceType: 'storageAccounts', apiVersions: apiVersionFamilies.storage.versions }],
  },
  'microsoft.recoveryservices': {
    namespace: 'Microsoft.RecoveryServices',
    resourceTypes: [
      { resourceType: 'vaults', apiVersions: apiVersionFamilies.recoveryServicesVaults.versions },
      { resourceType: 'vaults/replicationFabrics', apiVersions: apiVersionFamilies.siteRecovery.versions },
    ],
  },
};

/** Routes for `/subscriptions/{s}/providers[/{namespace}[/register|/unregister]]`. */
export function providerRoutes(services: ArmServices): ArmRoute[] {
  const { state, settings } = services;

  function render(subscriptionId: string, key: string): Record<string, unknown> {
    const entry = providerCatalog[key];
    if (entry === undefined) {
      throw new ArmError(404, 'InvalidResourceNamespace', `The resource namespace '${key}' is invalid.`);
    }
    return {
      id: `/subscriptions/${subscriptionId}/providers/${entry.namespace}`,
      namespace: entry.namespace,
      registrationState: state.registrationState(subscriptionId, entry.namespace),
      registrationPolicy: 'RegistrationRequired',
      resourceTypes: entry.resourceTypes.map((type) => ({ resourceType: type.resourceType, locations: regionDisplayNames, apiVersions: [...type.apiVersions].reverse() })),
    };
  }

  function transition(action: 'register' | 'unregister'): ArmRoute {
    return {
      method: 'POST',
      template: `/subscriptions/{subscriptionId}/providers/{namespace}/${action}`,
      apiVersions: 'resourceManager',
      handler: (context) => {
        const subscriptionId = state.requireSubscription(context.params['subscriptionId']).subscriptionId;
        const key = (context.params['namespace']).toLowerCase();
        const namespace = providerCatalog[key]?.namespace;
        if (namespace === undefined) {
          throw new ArmError(404, 'InvalidResourceNamespace', `The resource namespace '${context.params['namespace']}' is invalid.`);
        }
        const [during, after]: [RegistrationState, RegistrationState] =
          action === 'register' ? ['Registering', 'Registered'] : ['Unregistering', 'Unregistered'];
        if (state.registrationState(subscriptionId, namespace) !== after) {
          state.setRegistrationState(subscriptionId, namespace, during);
          services.schedule(
            settings.providerRegistrationDelayMs,
            () => {
              state.setRegistrationState(subscriptionId, namespace, after);
            },
            { kind: 'providerRegistration', description: `${namespace} becomes ${after} in ${subscriptionId}` },
          );
        }
        return { status: 200, body: render(subscriptionId, key) };
      },
    };
  }

  return [
    {
      method: 'GET',
      template: '/subscriptions/{subscriptionId}/providers',
      apiVersions: 'resourceManager',
      handler: (context) => {
        const subscriptionId = state.requireSubscription(context.params['subscriptionId']).subscriptionId;
        return pagedList(context, settings, 'providers', Object.keys(providerCatalog).map((key) => render(subscriptionId, key)));
      },
    },
    {
      method: 'GET',
      template: '/subscriptions/{subscriptionId}/providers/{namespace}',
      apiVersions: 'resourceManager',
      handler: (context) => {
        const subscriptionId = state.requireSubscription(context.params['subscriptionId']).subscriptionId;
        return { status: 200, body: render(subscriptionId, (context.params['namespace']).toLowerCase()) };
      },
    },
    transition('register'),
    transition('unregister'),
  ];
}
