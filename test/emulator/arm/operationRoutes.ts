/** The URLs clients poll for long-running operations (Azure-AsyncOperation and Location). */
import type { ArmRoute } from './router';
import type { ArmServices } from './services';

/** Routes for `.../locations/{loc}/operations/{id}`, `.../operationResults/{id}`, storage's `asyncoperations` and `/subscriptions/{s}/operationresults/{id}`. */
export function operationRoutes(services: ArmServices): ArmRoute[] {
  const { operations } = services;
  const providerScope = '/subscriptions/{subscriptionId}/providers/{namespace}/locations/{location}';
  return [
    {
      method: 'GET',
      template: `${providerScope}/operations/{operationId}`,
      apiVersions: 'operations',
      handler: (context) => operations.statusResponse(context.params['operationId']),
    },
    {
      method: 'GET',
      template: `${providerScope}/operationResults/{operationId}`,
      apiVersions: 'operations',
      handler: (context) => operations.locationResponse(context.params['operationId'], context),
    },
    {
      method: 'GET',
      template: `${providerScope}/asyncoperations/{operationId}`,
      apiVersions: 'operations',
      handler: (context) => operations.locationResponse(context.params['operationId'], context),
    },
    {
      method: 'GET',
      template: '/subscriptions/{subscriptionId}/operationresults/{operationId}',
      apiVersions: 'operations',
      handler: (context) => operations.locationResponse(context.params['operationId'], context),
    },
  ];
}
