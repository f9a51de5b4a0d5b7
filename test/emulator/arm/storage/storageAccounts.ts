/**
 * Microsoft.Storage storage accounts: names unique across the whole emulated cloud (checkNameAvailability), create as
 * an LRO polled by Location, list per subscription and resource group, delete. A PUT of a name already used answers as
 * "Resolve errors for storage account names" (azure-resource-manager/troubleshooting/error-storage-account-name.md)
 * shows: StorageAccountInAnotherResourceGroup when the account is in another resource group of the same subscription,
 * StorageAccountAlreadyTaken when it is anywhere else; a PUT to the account's own id is an update.
 */
import { ArmError } from '../errors';
import type { OperationStart } from '../operations';
import { addressedId, itemTemplate, readRoutes, type ResourceKind } from '../providerCrud';
import { propertiesOf, render, requireBody, requireLocation, setProvisioningState, tagsOf } from '../resourceHelpers';
import { parseResourceId } from '../resourceIds';
import type { ArmRoute } from '../router';
import type { ArmServices } from '../services';
import { lroDurationFor } from '../settings';
import { isJsonObject, type ArmRequestContext, type ArmResource } from '../types';

/** The storage account resource kind (shared with ListServiceSas). */
export const storageAccountKind: ResourceKind = { namespace: 'Microsoft.Storage', collection: 'storageAccounts', apiVersions: 'storage' };
const accountType = 'Microsoft.Storage/storageAccounts';

/** Why a name cannot be used: undefined when it is free. */
function nameProblem(services: ArmServices, name: string): { reason: 'AccountNameInvalid' | 'AlreadyExists'; message: string; owner?: ArmResource } | undefined {
  if (!/^[a-z0-9]{3,24}$/.test(name)) {
    return {
      reason: 'AccountNameInvalid',
      message: `${name} is not a valid storage account name. Storage account name must be between 3 and 24 characters in length and use numbers and lower-case letters only.`,
    };
  }
  const owner = services.state.filter((resource) => resource.type === accountType && resource.name === name).at(0);
  if (owner !== undefined || services.state.storageAccountNamesTakenElsewhere.has(name)) {
    return { reason: 'AlreadyExists', message: `The storage account named ${name} is already taken.`, ...(owner === undefined ? {} : { owner }) };
  }
  return undefined;
}

function createAccount(services: ArmServices, context: ArmRequestContext): ReturnType<ArmRoute['handler']> {
  const { state, operations, settings } = services;
  const { subscriptionId, resourceGroupName, accountName } = context.params;
  state.requireResourceGroup(subscriptionId, resourceGroupName);
  state.requireRegistered(subscriptionId, storageAccountKind.namespace);
  const id = addressedId(storageAccountKind, context, 'accountName');
  const existing = state.get(id);
  const problem = existing === undefined ? nameProblem(services, accountName) : undefined;
  if (problem?.reason === 'AccountNameInvalid') {
    throw new ArmError(400, 'AccountNameInvalid', problem.message);
  }
  if (problem !== undefined) {
    // The owner cannot be in this resource group (the PUT would then address it: an update), so in this
    // subscription it is in another resource group.
    const sameSubscription = problem.owner !== undefined && parseResourceId(problem.owner.id)?.subscriptionId.toLowerCase() === subscriptionId.toLowerCase();
    throw sameSubscription
      ? new ArmError(409, 'StorageAccountInAnotherResourceGroup', `The account ${accountName} is already in another resource group in this subscription.`)
      : new ArmError(409, 'StorageAccountAlreadyTaken', problem.message);
  }
  const body = requireBody(context.body);
  const location = requireLocation(body, accountType);
  const sku = isJsonObject(body['sku']) && typeof body['sku']['name'] === 'string' ? body['sku']['name'] : '';
  if (!['Standard_LRS', 'Standard_GRS', 'Standard_RAGRS', 'Standard_ZRS', 'Premium_LRS', 'Premium_ZRS', 'Standard_GZRS', 'Standard_RAGZRS'].includes(sku)) {
    throw new ArmError(400, 'InvalidRequestPropertyValue', `The value '${sku}' is not allowed for property sku.name.`);
  }
  const endpoint = (service: string): string => `https://${accountName}.${service}.core.windows.net/`;
  const account: ArmResource = {
    id,
    name: accountName,
    type: accountType,
    location,
    kind: typeof body['kind'] === 'string' ? body['kind'] : 'StorageV2',
    sku: { name: sku, tier: sku.startsWith('Premium') ? 'Premium' : 'Standard' },
    tags: tagsOf(body) ?? {},
    properties: {
      ...propertiesOf(body),
      creationTime: existing?.properties?.['creationTime'] ?? new Date().toISOString(),
      primaryLocation: location,
      statusOfPrimary: 'available',
      supportsHttpsTrafficOnly: true,
      minimumTlsVersion: propertiesOf(body)['minimumTlsVersion'] ?? 'TLS1_2',
      primaryEndpoints: { blob: endpoint('blob'), queue: endpoint('queue'), table: endpoint('table'), file: endpoint('file'), dfs: endpoint('dfs'), web: `https://${accountName}.z11.web.core.windows.net/` },
    },
  };
  setProvisioningState(account, existing === undefined ? 'Creating' : 'ResolvingDNS');
  state.put(account);
  const start: OperationStart = {
    context,
    namespace: storageAccountKind.namespace,
    location,
    durationMs: lroDurationFor(settings, accountType),
    complete: () => {
      setProvisioningState(account, 'Succeeded');
      return render(account);
    },
    onFailure: () => {
      state.delete(id);
    },
  };
  const record = operations.start(start);
  return { status: 202, headers: operations.locationHeaders(record, start, 'asyncoperations') };
}

/** Routes for storageAccounts and checkNameAvailability. */
export function storageAccountRoutes(services: ArmServices): ArmRoute[] {
  const template = itemTemplate(storageAccountKind, 'accountName');
  return [
    ...readRoutes(services, storageAccountKind, 'accountName'),
    { method: 'PUT', template, apiVersions: 'storage', handler: (context) => createAccount(services, context) },
    {
      method: 'DELETE',
      template,
      apiVersions: 'storage',
      handler: (context) => {
        services.state.requireResourceGroup(context.params['subscriptionId'], context.params['resourceGroupName']);
        const existing = services.state.get(addressedId(storageAccountKind, context, 'accountName'));
        if (existing === undefined) {
          return { status: 204 };
        }
        services.state.delete(existing.id);
        return { status: 200 };
      },
    },
    {
      method: 'POST',
      template: '/subscriptions/{subscriptionId}/providers/Microsoft.Storage/checkNameAvailability',
      apiVersions: 'storage',
      handler: (context) => {
        services.state.requireSubscription(context.params['subscriptionId']);
        const body = requireBody(context.body);
        const name = typeof body['name'] === 'string' ? body['name'] : '';
        const problem = nameProblem(services, name);
        return { status: 200, body: problem === undefined ? { nameAvailable: true } : { nameAvailable: false, reason: problem.reason, message: problem.message } };
      },
    },
  ];
}
