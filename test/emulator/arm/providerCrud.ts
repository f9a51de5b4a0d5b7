/** The ARM patterns every resource provider repeats: list per subscription and resource group, PUT/DELETE as LROs. */
import type { ApiVersionFamilyName } from './apiVersions';
import type { OperationStart } from './operations';
import { pagedList } from './paging';
import { render, requireResource, setProvisioningState } from './resourceHelpers';
import { providerResourceId } from './resourceIds';
import type { ArmRoute } from './router';
import type { ArmServices } from './services';
import { lroDurationFor } from './settings';
import type { ArmRequestContext, ArmResource, ArmResponse } from './types';

/** A top-level resource type of a provider, e.g. Microsoft.Network/virtualNetworks. */
export interface ResourceKind {
  readonly namespace: string;
  /** Collection segment, e.g. `virtualNetworks`. */
  readonly collection: string;
  readonly apiVersions: ApiVersionFamilyName;
}

/** `Microsoft.Network/virtualNetworks`. */
export function fullType(kind: ResourceKind): string {
  return `${kind.namespace}/${kind.collection}`;
}

/** `/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/{ns}/{collection}/{name}`. */
export function itemTemplate(kind: ResourceKind, nameParameter: string): string {
  return `/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/${kind.namespace}/${kind.collection}/{${nameParameter}}`;
}

/** The id of the resource a request addresses (`nameParameter` names the template parameter). */
export function addressedId(kind: ResourceKind, context: ArmRequestContext, nameParameter: string): string {
  return providerResourceId(
    context.params['subscriptionId'],
    context.params['resourceGroupName'],
    kind.namespace,
    `${kind.collection}/${context.params[nameParameter]}`,
  );
}

/** The stored resource a request addresses, or ARM's 404 (ResourceGroupNotFound / ResourceNotFound). */
export function addressedResource(services: ArmServices, kind: ResourceKind, context: ArmRequestContext, nameParameter: string): ArmResource {
  return requireResource(services.state, addressedId(kind, context, nameParameter), {
    subscriptionId: context.params['subscriptionId'],
    resourceGroupName: context.params['resourceGroupName'],
    type: fullType(kind),
    name: context.params[nameParameter],
  });
}

/** GET list per subscription and per resource group, and GET of one item (rendered by `view`). */
export function readRoutes(services: ArmServices, kind: ResourceKind, nameParameter: string, view: (resource: ArmResource) => ArmResource = render): ArmRoute[] {
  const { state, settings } = services;
  const type = fullType(kind);
  return [
    {
      method: 'GET',
      template: `/subscriptions/{subscriptionId}/providers/${type}`,
      apiVersions: kind.apiVersions,
      handler: (context) => {
        const subscriptionId = state.requireSubscription(context.params['subscriptionId']).subscriptionId;
        state.requireRegistered(subscriptionId, kind.namespace);
        return pagedList(context, settings, type, state.ofType(type, subscriptionId).map(view));
      },
    },
    {
      method: 'GET',
      template: `/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/${type}`,
      apiVersions: kind.apiVersions,
      handler: (context) => {
        const subscriptionId = context.params['subscriptionId'];
        const resourceGroupName = context.params['resourceGroupName'];
        state.requireResourceGroup(subscriptionId, resourceGroupName);
        return pagedList(context, settings, type, state.ofType(type, subscriptionId, resourceGroupName).map(view));
      },
    },
    {
      method: 'GET',
      template: itemTemplate(kind, nameParameter),
      apiVersions: kind.apiVersions,
      handler: (context) => ({ status: 200, body: view(addressedResource(services, kind, context, nameParameter)) }),
    },
  ];
}

/** What {@link startPut} stores and completes. */
export interface PutOperation {
  readonly resource: ArmResource;
  readonly existed: boolean;
  readonly namespace: string;
  /** provisioningState while the operation runs (Network: Updating; Compute: Creating/Updating). */
  readonly inProgressState: string;
  /** Extra work when the operation succeeds; an ArmError thrown here fails it. */
  readonly onSucceeded?: () => void;
  /** Resource type for the LRO duration (default: the resource's type). */
  readonly durationType?: string;
  /** Answer body (default: the rendered resource). */
  readonly view?: (resource: ArmResource) => ArmResource;
}

/** Stores the resource in its in-progress state and answers 201/200 with Azure-AsyncOperation. */
export function startPut(services: ArmServices, context: ArmRequestContext, put: PutOperation): ArmResponse {
  const { state, operations, settings } = services;
  setProvisioningState(put.resource, put.inProgressState);
  state.put(put.resource);
  const start: OperationStart = {
    context,
    namespace: put.namespace,
    location: put.resource.location ?? 'global',
    durationMs: lroDurationFor(settings, put.durationType ?? put.resource.type),
    complete: () => {
      put.onSucceeded?.();
      setProvisioningState(put.resource, 'Succeeded');
      return undefined;
    },
    onFailure: () => {
      setProvisioningState(put.resource, 'Failed');
    },
  };
  const record = operations.start(start);
  const view = put.view ?? render;
  return { status: put.existed ? 200 : 201, body: view(put.resource), headers: operations.asyncOperationHeaders(record, start) };
}

/** Marks the resource Deleting and answers 202 with Azure-AsyncOperation and Location; it disappears when the operation ends. */
export function startDelete(services: ArmServices, context: ArmRequestContext, resource: ArmResource, namespace: string, onDeleted?: () => void): ArmResponse {
  const { state, operations, settings } = services;
  const previousState = resource.properties?.['provisioningState'];
  setProvisioningState(resource, 'Deleting');
  const start: OperationStart = {
    context,
    namespace,
    location: resource.location ?? 'global',
    durationMs: lroDurationFor(settings, resource.type),
    complete: () => {
      state.deleteTree(resource.id);
      onDeleted?.();
      return undefined;
    },
    onFailure: () => {
      setProvisioningState(resource, typeof previousState === 'string' ? previousState : 'Succeeded');
    },
  };
  const record = operations.start(start);
  return { status: 202, headers: { ...operations.asyncOperationHeaders(record, start), ...operations.locationHeaders(record, start) } };
}

/** DELETE of an item: 204 when it does not exist (as ARM answers), else {@link startDelete}. */
export function deleteRoute(services: ArmServices, kind: ResourceKind, nameParameter: string, beforeDelete?: (resource: ArmResource) => void): ArmRoute {
  return {
    method: 'DELETE',
    template: itemTemplate(kind, nameParameter),
    apiVersions: kind.apiVersions,
    handler: (context) => {
      services.state.requireResourceGroup(context.params['subscriptionId'], context.params['resourceGroupName']);
      const resource = services.state.get(addressedId(kind, context, nameParameter));
      if (resource === undefined) {
        return { status: 204 };
      }
      beforeDelete?.(resource);
      return startDelete(services, context, resource, kind.namespace);
    },
  };
}
