import assert from 'node:assert/strict';
import { ComputeManagementClient } from '@azure/arm-compute';
import { NetworkManagementClient } from '@azure/arm-network';
import { ResourceManagementClient } from '@azure/arm-resources';
import { StorageManagementClient } from '@azure/arm-storage';
import { demo, rejectionOf, startHarness, type EmulatorHarness } from './harness';
import { deploymentTags, processServerImage, processServerVm, staticNic, subnetIdOf, windowsServerImage } from './deployFixtures';

const processServerSubnet = subnetIdOf(demo.production, 'rg-network-japaneast', 'vnet-failover-japaneast', 'snet-process-server');
const deployedNicId = `/subscriptions/${demo.production}/resourceGroups/rg-asr-ps-deploy/providers/Microsoft.Network/networkInterfaces/ps-failback-01-nic`;
const storageAccount = { location: 'japaneast', kind: 'StorageV2', sku: { name: 'Standard_LRS' }, tags: deploymentTags } as const;

describe('Emulator: the process-server deployment path (what the extension sends, in its order)', () => {
  let harness: EmulatorHarness;
  let resources: ResourceManagementClient;
  let storage: StorageManagementClient;
  let network: NetworkManagementClient;
  let compute: ComputeManagementClient;

  before(async () => {
    harness = await startHarness();
    resources = new ResourceManagementClient(harness.credential, demo.production, harness.modularOptions);
    storage = new StorageManagementClient(harness.credential, demo.production, harness.modularOptions);
    network = new NetworkManagementClient(harness.credential, demo.production, harness.modularOptions);
    compute = new ComputeManagementClient(harness.credential, demo.production, harness.modularOptions);
  });
  after(async () => {
    await harness.emulator.stop();
  });
  afterEach(async () => {
    await harness.emulator.control.resetState();
    await harness.emulator.control.updateSettings({ lroDurationsMs: { '*': 30 } });
  });

  it('refuses what CRP refuses: a NIC of another VM, a NIC in another region, an image not in the region, a size not offered', async () => {
    const inUse = await rejectionOf(compute.virtualMachines.createOrUpdate('rg-asr-ps-deploy', 'ps-second', processServerVm('ps-second', 'japaneast', deployedNicId), harness.poll));
    assert.deepEqual([inUse.statusCode, inUse.code], [400, 'NicInUse']);
    assert.match(inUse.message, /ps-failback-01-nic is used by existing resource .*virtualMachines\/ps-failback-01\./);
    const otherRegion = await rejectionOf(compute.virtualMachines.createOrUpdate('rg-asr-ps-deploy', 'ps-we', processServerVm('ps-we', 'westeurope', deployedNicId), harness.poll));
    assert.deepEqual([otherRegion.statusCode, otherRegion.code], [400, 'InvalidResourceReference']);
    assert.match(otherRegion.message, /both resources are in the same region/);
    const noImage = await rejectionOf(compute.virtualMachines.createOrUpdate('rg-asr-ps-deploy', 'ps-wus', processServerVm('ps-wus', 'westus', deployedNicId), harness.poll));
    assert.deepEqual([noImage.statusCode, noImage.code], [404, 'PlatformImageNotFound']);
    assert.match(noImage.message, new RegExp(`^The platform image '${processServerImage.publisher}:${processServerImage.offer}:`));
    const noSize = await rejectionOf(compute.virtualMachines.createOrUpdate('rg-asr-ps-deploy', 'ps-z', processServerVm('ps-z', 'japaneast', deployedNicId, { vmSize: 'Standard_Z99' }), harness.poll));
    assert.deepEqual([noSize.statusCode, noSize.code], [400, 'InvalidParameter']);
    assert.match(noSize.message, /^The value Standard_Z99 provided for the VM size is not valid\. The valid sizes in the current region are: Standard_A4_v2,Standard_A8_v2,/);
  });

  it('checks bootDiagnostics.storageUri against the storage accounts as CRP does (common error messages)', async () => {
    const nic = await network.networkInterfaces.createOrUpdate('rg-asr-ps-deploy', 'ps-diag-nic', staticNic('japaneast', processServerSubnet, '10.10.2.20'), harness.poll);
    const create = (storageUri: string): ReturnType<ComputeManagementClient['virtualMachines']['createOrUpdate']> =>
      compute.virtualMachines.createOrUpdate('rg-asr-ps-deploy', 'ps-diag', processServerVm('ps-diag', 'japaneast', nic.id ?? '', { storageUri }), harness.poll);
    const malformed = await rejectionOf(create('https://example.com/diagnostics'));
    assert.deepEqual([malformed.statusCode, malformed.code, malformed.message], [400, 'InvalidParameter', 'The URI https://example.com/diagnostics does not look to be correct blob URI.']);
    const unknown = await rejectionOf(create('https://nosuchaccount01.blob.core.windows.net/'));
    assert.deepEqual([unknown.statusCode, unknown.code], [404, 'StorageAccountNotFound']);
    assert.equal(unknown.message, "Storage account 'nosuchaccount01' not found. Ensure storage account is not deleted and belongs to the same Azure location as the VM.");
    await storage.storageAccounts.create('rg-asr-ps-deploy', 'psdiagjapanwest', { ...storageAccount, location: 'japanwest' }, harness.poll);
    assert.equal((await rejectionOf(create('https://psdiagjapanwest.blob.core.windows.net/'))).code, 'StorageAccountNotFound', 'an account in another region');
    const fabrikam = new StorageManagementClient(harness.credential, demo.fabrikam, harness.modularOptions);
    await fabrikam.storageAccounts.create('rg-fabrikam-asr', 'fabrikamdiag01', storageAccount, harness.poll);
    const otherSubscription = await rejectionOf(create('https://fabrikamdiag01.blob.core.windows.net/'));
    assert.deepEqual([otherSubscription.code, otherSubscription.message], ['StorageAccountSubscriptionMismatch', `Storage account fabrikamdiag01 doesn't belong to subscription ${demo.production}.`]);
    const vm = await create('https://contosoasrcachejpe01.blob.core.windows.net/');
    assert.equal(vm.diagnosticsProfile?.bootDiagnostics?.storageUri, 'https://contosoasrcachejpe01.blob.core.windows.net/');
    const managed = await compute.virtualMachines.createOrUpdate('rg-asr-ps-deploy', 'ps-managed-diag', {
      ...processServerVm('ps-managed-diag', 'japaneast', (await network.networkInterfaces.createOrUpdate('rg-asr-ps-deploy', 'ps-managed-diag-nic', staticNic('japaneast', processServerSubnet, '10.10.2.21'), harness.poll)).id ?? ''),
      diagnosticsProfile: { bootDiagnostics: { enabled: true } },
    }, harness.poll);
    assert.equal(managed.provisioningState, 'Succeeded', 'without a storageUri boot diagnostics use a managed storage account');
  });

  it('deploys, adopts what exists and rolls back as the extension does; the OS disk follows the VM, the detached NIC stays', async () => {
    const group = await resources.resourceGroups.createOrUpdate('rg-ps-new', { location: 'japaneast', tags: deploymentTags });
    assert.equal(group.tags?.['asr-failback:managed-by'], 'vscode-asr-failback');
    const account = await storage.storageAccounts.create('rg-ps-new', 'psnewdiag01', storageAccount, harness.poll);
    const blobEndpoint = account.primaryEndpoints?.blob ?? '';
    assert.equal(blobEndpoint, 'https://psnewdiag01.blob.core.windows.net/');
    const nic = await network.networkInterfaces.createOrUpdate('rg-ps-new', 'ps-new-nic', staticNic('japaneast', processServerSubnet, '10.10.2.22'), harness.poll);
    const body = processServerVm('ps-new', 'japaneast', nic.id ?? '', { storageUri: blobEndpoint });
    const vm = await compute.virtualMachines.createOrUpdate('rg-ps-new', 'ps-new', body, harness.poll);
    const disk = await compute.disks.get('rg-ps-new', 'ps-new_OsDisk');
    assert.deepEqual([disk.managedBy, disk.id], [vm.id, vm.storageProfile?.osDisk?.managedDisk?.id], 'the OS disk resource named by osDisk.name');
    assert.deepEqual(disk.tags, deploymentTags, "the VM's tags, copied when the disk is created with it");

    await harness.emulator.control.clearRequests();
    await network.networkInterfaces.createOrUpdate('rg-ps-new', 'ps-new-nic', staticNic('japaneast', processServerSubnet, '10.10.2.22'), harness.poll);
    await compute.virtualMachines.createOrUpdate('rg-ps-new', 'ps-new', { ...body, tags: { ...deploymentTags, 'asr-failback:deployment-id': 'second' } }, harness.poll);
    const puts = (await harness.emulator.control.requests()).filter((entry) => entry.method === 'PUT');
    assert.deepEqual(puts.map((entry) => entry.status), [200, 200], 'a PUT of what exists is an update');
    assert.deepEqual((await compute.disks.get('rg-ps-new', 'ps-new_OsDisk')).tags, deploymentTags, 'later VM tag changes do not reach the disk');

    const command = await compute.virtualMachineRunCommands.createOrUpdate('rg-ps-new', 'ps-new', 'check', { location: 'japaneast', source: { script: 'hostname' } }, harness.poll);
    assert.equal(command.provisioningState, 'Succeeded');
    const expanded = await compute.virtualMachines.get('rg-ps-new', 'ps-new', { expand: 'instanceView' });
    assert.ok(expanded.instanceView?.statuses?.some((status) => status.code === 'PowerState/running'));

    await compute.virtualMachines.delete('rg-ps-new', 'ps-new', harness.poll);
    assert.equal((await rejectionOf(compute.disks.get('rg-ps-new', 'ps-new_OsDisk'))).code, 'ResourceNotFound', 'osDisk.deleteOption Delete');
    const kept = await network.networkInterfaces.get('rg-ps-new', 'ps-new-nic');
    assert.equal(kept.virtualMachine, undefined, 'deleteOption Detach: the NIC stays, released');
    await resources.resourceGroups.delete('rg-ps-new', harness.poll);
    assert.equal((await rejectionOf(network.networkInterfaces.get('rg-ps-new', 'ps-new-nic'))).code, 'ResourceGroupNotFound');
    const remaining = (await harness.emulator.control.state()).resources.filter((resource) => resource.id.toLowerCase().includes('/resourcegroups/rg-ps-new'));
    assert.deepEqual(remaining, [], 'deleting the group deleted the NIC and the storage account in it');
  });

  it('takes each long-running operation from its own lroDurationsMs key', async () => {
    const durationMs = 250;
    const timed = async (key: string, operation: () => Promise<unknown>): Promise<number> => {
      await harness.emulator.control.updateSettings({ lroDurationsMs: { '*': 0, [key]: durationMs } });
      const started = Date.now();
      await operation();
      return Date.now() - started;
    };
    const steps: [string, () => Promise<unknown>][] = [
      ['microsoft.storage/storageaccounts', () => storage.storageAccounts.create('rg-asr-ps-deploy', 'pstimeddiag01', storageAccount, harness.poll)],
      ['microsoft.network/networkinterfaces', () => network.networkInterfaces.createOrUpdate('rg-asr-ps-deploy', 'ps-timed-nic', staticNic('japaneast', processServerSubnet, '10.10.2.23'), harness.poll)],
      ['microsoft.compute/virtualmachines', async () => {
        const nic = await network.networkInterfaces.get('rg-asr-ps-deploy', 'ps-timed-nic');
        return compute.virtualMachines.createOrUpdate('rg-asr-ps-deploy', 'ps-timed', processServerVm('ps-timed', 'japaneast', nic.id ?? '', { image: windowsServerImage }), harness.poll);
      }],
      ['microsoft.compute/virtualmachines/runcommands', () => compute.virtualMachineRunCommands.createOrUpdate('rg-asr-ps-deploy', 'ps-timed', 'check', { location: 'japaneast', source: { script: 'hostname' } }, harness.poll)],
      ['microsoft.network/networkinterfaces/effectiveroutetable', () => network.networkInterfaces.getEffectiveRouteTable('rg-asr-ps-deploy', 'ps-timed-nic', harness.poll)],
      ['microsoft.compute/virtualmachines', () => compute.virtualMachines.delete('rg-asr-ps-deploy', 'ps-timed', harness.poll)],
      ['microsoft.network/networkinterfaces', () => network.networkInterfaces.delete('rg-asr-ps-deploy', 'ps-timed-nic', harness.poll)],
      ['microsoft.resources/resourcegroups', () => resources.resourceGroups.delete('rg-asr-ps-deploy', harness.poll)],
    ];
    for (const [key, operation] of steps) {
      // '*' is 0: an operation that took the duration can only have read its own key.
      assert.ok((await timed(key, operation)) >= durationMs, key);
    }
  });
});
