/**
 * Microsoft.Compute virtual machines: PUT (validated like CRP: size, SKU availability, image, NIC, OS profile rules,
 * quota) creates the VM and its managed OS disk as an LRO; GET (with `$expand=instanceView`), instanceView, DELETE.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { ArmError, invalidParameter } from '../errors';
import type { OperationStart } from '../operations';
import { addressedId, addressedResource, itemTemplate, readRoutes, startDelete, startPut, type ResourceKind } from '../providerCrud';
import { liveProperties, propertiesOf, referencedId, render, requireBody, requireLocation, requireResourceName, tagsOf } from '../resourceHelpers';
import { parseResourceId, providerResourceId } from '../resourceIds';
import type { ArmRoute } from '../router';
import type { ArmServices } from '../services';
import { lroDurationFor } from '../settings';
import { isJsonObject, type ArmRequestContext, type ArmResource, type JsonObject } from '../types';
import { offersIn, vmSizes } from './catalog';
import { adminPasswordError, adminUsernameError, computerNameError } from './osProfileRules';
import { displayedPowerState, setPowerState, type PowerState } from './powerState';
import { requireQuota, sizeOf } from './quota';

/** The virtual machine resource kind (shared with run commands). */
export const virtualMachineKind: ResourceKind = { namespace: 'Microsoft.Compute', collection: 'virtualMachines', apiVersions: 'compute' };
const namePattern = /^[a-zA-Z0-9_]([a-zA-Z0-9_.-]{0,62}[a-zA-Z0-9_])?$/;
const nameRule = "64 characters long. It must begin with a word character, and it must end with a word character or with '_'. The name may contain word characters or '.', '-', '_'";

function objectAt(value: JsonObject, key: string): JsonObject {
  const child = value[key];
  return isJsonObject(child) ? child : {};
}

function stringAt(value: JsonObject, key: string): string | undefined {
  const child = value[key];
  return typeof child === 'string' ? child : undefined;
}

/** The instance view CRP reports for the VM's provisioning and power state. */
export function instanceViewOf(vm: ArmResource): JsonObject {
  const properties = propertiesOf(vm);
  const provisioning = stringAt(properties, 'provisioningState') ?? 'Succeeded';
  const power = displayedPowerState(vm);
  const time = stringAt(properties, 'timeCreated') ?? new Date().toISOString();
  return {
    computerName: stringAt(objectAt(properties, 'osProfile'), 'computerName'),
    osName: 'Windows Server 2012 R2 Datacenter',
    osVersion: '6.3.9600.0',
    hyperVGeneration: 'V1',
    vmAgent: {
      vmAgentVersion: '2.7.41491.1102',
      statuses: [{ code: 'ProvisioningState/succeeded', level: 'Info', displayStatus: 'Ready', message: 'GuestAgent is running and processing the extensions.', time }],
    },
    disks: [{ name: stringAt(objectAt(objectAt(properties, 'storageProfile'), 'osDisk'), 'name'), statuses: [{ code: 'ProvisioningState/succeeded', level: 'Info', displayStatus: 'Provisioning succeeded', time }] }],
    statuses: [
      { code: `ProvisioningState/${provisioning.toLowerCase()}`, level: provisioning === 'Failed' ? 'Error' : 'Info', displayStatus: `Provisioning ${provisioning.toLowerCase()}`, time },
      { code: `PowerState/${power}`, level: 'Info', displayStatus: `VM ${power}` },
    ],
  };
}

function renderVirtualMachine(vm: ArmResource, context: ArmRequestContext): ArmResource {
  const copy = render(vm);
  if (context.url.searchParams.get('$expand')?.toLowerCase() === 'instanceview') {
    liveProperties(copy)['instanceView'] = instanceViewOf(vm);
  }
  return copy;
}

/**
 * A boot diagnostics `storageUri` must be the blob endpoint of a storage account of this subscription in the VM's
 * region; CRP's codes and messages from "Understand common error messages" (includes/virtual-machines-common-error-
 * messages.md: InvalidParameter "The URI {0} does not look to be correct blob URI.", StorageAccountNotFound "Storage
 * account {0} not found. Ensure storage account is not deleted and belongs to the same Azure location as the VM.",
 * StorageAccountSubscriptionMismatch "Storage account {0} doesn't belong to subscription {1}."). Without a storageUri
 * boot diagnostics use a managed storage account and nothing is checked.
 */
function requireBootDiagnosticsStorage(services: ArmServices, subscriptionId: string, location: string, properties: JsonObject): void {
  const bootDiagnostics = objectAt(objectAt(properties, 'diagnosticsProfile'), 'bootDiagnostics');
  const storageUri = stringAt(bootDiagnostics, 'storageUri');
  if (bootDiagnostics['enabled'] !== true || storageUri === undefined) {
    return;
  }
  const accountName = /^https?:\/\/([a-z0-9]{3,24})\.blob\.core\.windows\.net\/?$/i.exec(storageUri)?.[1]?.toLowerCase();
  if (accountName === undefined) {
    throw invalidParameter(`The URI ${storageUri} does not look to be correct blob URI.`, 'bootDiagnostics.storageUri');
  }
  const account = services.state.filter((resource) => resource.type === 'Microsoft.Storage/storageAccounts' && resource.name === accountName).at(0);
  if (account !== undefined && parseResourceId(account.id)?.subscriptionId.toLowerCase() !== subscriptionId.toLowerCase()) {
    throw new ArmError(400, 'StorageAccountSubscriptionMismatch', `Storage account ${accountName} doesn't belong to subscription ${subscriptionId}.`);
  }
  if (account?.location !== location) {
    throw new ArmError(404, 'StorageAccountNotFound', `Storage account '${accountName}' not found. Ensure storage account is not deleted and belongs to the same Azure location as the VM.`);
  }
}

interface ValidatedRequest {
  readonly location: string;
  readonly vmSize: string;
  readonly vCpus: number;
  readonly imageReference: JsonObject;
  readonly nic: ArmResource;
}

function validateCreate(services: ArmServices, context: ArmRequestContext, body: JsonObject, vmId: string): ValidatedRequest {
  const { state } = services;
  const location = requireLocation(body, 'Microsoft.Compute/virtualMachines');
  const properties = propertiesOf(body);
  const osProfile = objectAt(properties, 'osProfile');
  const computerName = stringAt(osProfile, 'computerName') ?? context.params['vmName'];
  const errors = [
    computerNameError(computerName),
    adminUsernameError(stringAt(osProfile, 'adminUsername') ?? ''),
    adminPasswordError(stringAt(osProfile, 'adminPassword') ?? ''),
  ];
  const firstError = errors.find((error) => error !== undefined);
  if (firstError !== undefined) {
    throw firstError;
  }
  const vmSize = stringAt(objectAt(properties, 'hardwareProfile'), 'vmSize') ?? '';
  const size = sizeOf(vmSize);
  if (size === undefined) {
    throw invalidParameter(`The value ${vmSize} provided for the VM size is not valid. The valid sizes in the current region are: ${vmSizes.map((entry) => entry.name).join(',')}.`, 'vmSize');
  }
  if (size.restrictedIn.includes(location)) {
    throw new ArmError(
      409,
      'SkuNotAvailable',
      `The requested VM size for resource 'Following SKUs have failed for Capacity Restrictions: ${size.name}' is currently not available in location '${location}'. Please try another size or deploy to a different location or different zone. See https://aka.ms/azureskunotavailable for details.`,
    );
  }
  const imageReference = objectAt(objectAt(properties, 'storageProfile'), 'imageReference');
  const publisher = stringAt(imageReference, 'publisher') ?? '';
  const offer = stringAt(imageReference, 'offer') ?? '';
  const sku = stringAt(imageReference, 'sku') ?? '';
  const version = stringAt(imageReference, 'version') ?? '';
  const image = offersIn(location).find(
    (entry) => entry.publisher.toLowerCase() === publisher.toLowerCase() && entry.offer.toLowerCase() === offer.toLowerCase() && entry.sku.toLowerCase() === sku.toLowerCase(),
  );
  if (image === undefined || (version !== 'latest' && !image.versions.includes(version))) {
    throw new ArmError(
      404,
      'PlatformImageNotFound',
      `The platform image '${publisher}:${offer}:${sku}:${version}' is not available. Verify that all fields in the storage profile are correct. For more details about storage profile information, please refer to https://aka.ms/storageprofile`,
    );
  }
  const interfaces = objectAt(properties, 'networkProfile')['networkInterfaces'];
  const nicId = Array.isArray(interfaces) ? referencedId(interfaces[0]) : undefined;
  const nic = nicId === undefined ? undefined : state.get(nicId);
  if (nic === undefined || nic.location !== location) {
    throw new ArmError(400, 'InvalidResourceReference', `Resource ${nicId ?? 'networkInterfaces'} referenced by resource ${vmId} was not found. Please make sure that the referenced resource exists, and that both resources are in the same region.`);
  }
  const owner = referencedId(propertiesOf(nic)['virtualMachine']);
  if (owner !== undefined && owner.toLowerCase() !== vmId.toLowerCase() && state.get(owner) !== undefined) {
    throw new ArmError(400, 'NicInUse', `Network Interface ${nic.id} is used by existing resource ${owner}. In order to use it in another virtual machine, it must be dissociated from the resource.`);
  }
  requireBootDiagnosticsStorage(services, context.params['subscriptionId'], location, properties);
  requireQuota(state, context.params['subscriptionId'], location, size, vmId);
  return { location, vmSize: size.name, vCpus: size.vCpus, imageReference: { publisher, offer, sku, version, exactVersion: version === 'latest' ? image.versions.at(-1) : version }, nic };
}

function createVirtualMachine(services: ArmServices, context: ArmRequestContext): ReturnType<typeof startPut> {
  const { state } = services;
  const { subscriptionId, resourceGroupName, vmName } = context.params;
  state.requireResourceGroup(subscriptionId, resourceGroupName);
  state.requireRegistered(subscriptionId, 'Microsoft.Compute');
  requireResourceName(vmName, 'virtualMachines', namePattern, nameRule);
  const body = requireBody(context.body);
  const id = addressedId(virtualMachineKind, context, 'vmName');
  const existing = state.get(id);
  if (existing !== undefined) {
    const tags = tagsOf(body);
    if (tags !== undefined) {
      existing.tags = tags;
    }
    return startPut(services, context, { resource: existing, existed: true, namespace: 'Microsoft.Compute', inProgressState: 'Updating', view: (vm) => renderVirtualMachine(vm, context) });
  }
  const validated = validateCreate(services, context, body, id);
  const properties = propertiesOf(body);
  const osProfile = { ...objectAt(properties, 'osProfile') };
  delete osProfile['adminPassword'];
  const requestedOsDisk = objectAt(objectAt(properties, 'storageProfile'), 'osDisk');
  const diskName = stringAt(requestedOsDisk, 'name') ?? `${vmName}_OsDisk_1_${randomBytes(16).toString('hex')}`;
  const diskId = providerResourceId(subscriptionId, resourceGroupName, 'Microsoft.Compute', `disks/${diskName}`);
  const storageAccountType = stringAt(objectAt(requestedOsDisk, 'managedDisk'), 'storageAccountType') ?? 'Premium_LRS';
  const timeCreated = new Date().toISOString();
  const tags = tagsOf(body);
  const vm: ArmResource = {
    id,
    name: vmName,
    type: 'Microsoft.Compute/virtualMachines',
    location: validated.location,
    ...(tags === undefined ? {} : { tags }),
    properties: {
      vmId: randomUUID(),
      hardwareProfile: { vmSize: validated.vmSize },
      storageProfile: {
        imageReference: validated.imageReference,
        osDisk: {
          osType: 'Windows',
          name: diskName,
          createOption: 'FromImage',
          caching: stringAt(requestedOsDisk, 'caching') ?? 'ReadWrite',
          managedDisk: { storageAccountType, id: diskId },
          deleteOption: stringAt(requestedOsDisk, 'deleteOption') ?? 'Detach',
          diskSizeGB: 127,
        },
        dataDisks: [],
      },
      osProfile: { computerName: stringAt(osProfile, 'computerName') ?? vmName, ...osProfile, secrets: [], allowExtensionOperations: true, requireGuestProvisionSignal: true },
      networkProfile: objectAt(properties, 'networkProfile'),
      ...(isJsonObject(properties['diagnosticsProfile']) ? { diagnosticsProfile: properties['diagnosticsProfile'] } : {}),
      timeCreated,
    },
  };
  liveProperties(validated.nic)['virtualMachine'] = { id };
  return startPut(services, context, {
    resource: vm,
    existed: false,
    namespace: 'Microsoft.Compute',
    inProgressState: 'Creating',
    view: (stored) => renderVirtualMachine(stored, context),
    onSucceeded: () => {
      state.put({
        id: diskId,
        name: diskName,
        type: 'Microsoft.Compute/disks',
        location: validated.location,
        ...(tags === undefined ? {} : { tags }),
        managedBy: id,
        sku: { name: storageAccountType, tier: storageAccountType.startsWith('Premium') ? 'Premium' : 'Standard' },
        properties: {
          osType: 'Windows',
          hyperVGeneration: 'V1',
          creationData: { createOption: 'FromImage', imageReference: { id: `/Subscriptions/${subscriptionId}/Providers/Microsoft.Compute/Locations/${validated.location}/Publishers/${String(validated.imageReference['publisher'])}/ArtifactTypes/VMImage/Offers/${String(validated.imageReference['offer'])}/Skus/${String(validated.imageReference['sku'])}/Versions/${String(validated.imageReference['exactVersion'])}` } },
          diskSizeGB: 127,
          diskSizeBytes: 136367308800,
          uniqueId: randomUUID(),
          timeCreated,
          provisioningState: 'Succeeded',
          diskState: 'Attached',
          encryption: { type: 'EncryptionAtRestWithPlatformKey' },
          networkAccessPolicy: 'AllowAll',
          publicNetworkAccess: 'Enabled',
        },
      });
    },
  });
}

function deleteVirtualMachine(services: ArmServices, context: ArmRequestContext): ReturnType<typeof startDelete> | { status: number } {
  const { state } = services;
  state.requireResourceGroup(context.params['subscriptionId'], context.params['resourceGroupName']);
  const vm = state.get(addressedId(virtualMachineKind, context, 'vmName'));
  if (vm === undefined) {
    return { status: 204 };
  }
  const osDisk = objectAt(objectAt(propertiesOf(vm), 'storageProfile'), 'osDisk');
  const diskId = stringAt(objectAt(osDisk, 'managedDisk'), 'id');
  const interfaces = objectAt(propertiesOf(vm), 'networkProfile')['networkInterfaces'];
  const nicReferences = Array.isArray(interfaces) ? interfaces.filter(isJsonObject) : [];
  return startDelete(services, context, vm, 'Microsoft.Compute', () => {
    const disk = diskId === undefined ? undefined : state.get(diskId);
    if (disk !== undefined) {
      if (stringAt(osDisk, 'deleteOption') === 'Delete') {
        state.delete(disk.id);
      } else {
        delete disk['managedBy'];
        liveProperties(disk)['diskState'] = 'Unattached';
      }
    }
    for (const reference of nicReferences) {
      const nic = state.get(referencedId(reference) ?? '');
      if (nic === undefined) {
        continue;
      }
      if (stringAt(propertiesOf(reference), 'deleteOption') === 'Delete') {
        state.delete(nic.id);
      } else {
        delete liveProperties(nic)['virtualMachine'];
      }
    }
  });
}

/** POST start / powerOff / deallocate / restart: 202 + Azure-AsyncOperation and Location; the power state changes when it ends. */
function powerAction(services: ArmServices, action: 'start' | 'powerOff' | 'deallocate' | 'restart', target: PowerState): ArmRoute {
  return {
    method: 'POST',
    template: `${itemTemplate(virtualMachineKind, 'vmName')}/${action}`,
    apiVersions: 'compute',
    handler: (context) => {
      const vm = addressedResource(services, virtualMachineKind, context, 'vmName');
      const start: OperationStart = {
        context,
        namespace: 'Microsoft.Compute',
        location: vm.location ?? 'global',
        durationMs: lroDurationFor(services.settings, virtualMachineKind.namespace + '/virtualmachines/' + action.toLowerCase()),
        complete: () => {
          setPowerState(vm, target);
          return undefined;
        },
      };
      const record = services.operations.start(start);
      return { status: 202, headers: { ...services.operations.asyncOperationHeaders(record, start), ...services.operations.locationHeaders(record, start) } };
    },
  };
}

/** Routes for virtualMachines (CRUD, instanceView and power actions). */
export function virtualMachineRoutes(services: ArmServices): ArmRoute[] {
  const template = itemTemplate(virtualMachineKind, 'vmName');
  return [
    ...readRoutes(services, virtualMachineKind, 'vmName').filter((route) => route.template !== template),
    {
      method: 'GET',
      template,
      apiVersions: 'compute',
      handler: (context) => ({ status: 200, body: renderVirtualMachine(addressedResource(services, virtualMachineKind, context, 'vmName'), context) }),
    },
    {
      method: 'GET',
      template: `${template}/instanceView`,
      apiVersions: 'compute',
      handler: (context) => ({ status: 200, body: instanceViewOf(addressedResource(services, virtualMachineKind, context, 'vmName')) }),
    },
    { method: 'PUT', template, apiVersions: 'compute', handler: (context) => createVirtualMachine(services, context) },
    { method: 'DELETE', template, apiVersions: 'compute', handler: (context) => deleteVirtualMachine(services, context) },
    powerAction(services, 'start', 'running'),
    powerAction(services, 'restart', 'running'),
    powerAction(services, 'powerOff', 'stopped'),
    powerAction(services, 'deallocate', 'deallocated'),
  ];
}
