import assert from 'node:assert/strict';
import { ComputeManagementClient, type VirtualMachine } from '@azure/arm-compute';
import { NetworkManagementClient } from '@azure/arm-network';
import { collect, demo, rejectionOf, startHarness, type EmulatorHarness } from './harness';

const password = 'Emulator-Test-Pa55word!';
const processServerImage = { publisher: 'MicrosoftAzureSiteRecovery', offer: 'Process-Server', sku: 'Windows-2012-R2-Datacenter', version: 'latest' };

function vmBody(location: string, nicId: string, overrides: { computerName?: string; adminPassword?: string; image?: typeof processServerImage } = {}): VirtualMachine {
  return {
    location,
    tags: { 'asr-failback:managed-by': 'vscode-asr-failback' },
    hardwareProfile: { vmSize: 'Standard_A8_v2' },
    storageProfile: { imageReference: overrides.image ?? processServerImage, osDisk: { createOption: 'FromImage', managedDisk: { storageAccountType: 'Premium_LRS' }, deleteOption: 'Delete' } },
    osProfile: { computerName: overrides.computerName ?? 'psfailback02', adminUsername: 'asradmin', adminPassword: overrides.adminPassword ?? password },
    networkProfile: { networkInterfaces: [{ id: nicId, primary: true }] },
  };
}

describe('Emulator: Microsoft.Compute through the real SDK client', () => {
  let harness: EmulatorHarness;
  let compute: ComputeManagementClient;
  let network: NetworkManagementClient;

  before(async () => {
    harness = await startHarness();
    compute = new ComputeManagementClient(harness.credential, demo.production, harness.modularOptions);
    network = new NetworkManagementClient(harness.credential, demo.production, harness.modularOptions);
  });
  after(async () => {
    await harness.emulator.stop();
  });

  it('lists marketplace images per region: the process server image only where it is published', async () => {
    const publishers = (await compute.virtualMachineImages.listPublishers('japaneast')).map((entry) => entry.name);
    assert.ok(publishers.includes('MicrosoftAzureSiteRecovery'));
    assert.ok(!(await compute.virtualMachineImages.listPublishers('westus')).some((entry) => entry.name === 'MicrosoftAzureSiteRecovery'));
    const offers = await compute.virtualMachineImages.listOffers('japaneast', 'MicrosoftAzureSiteRecovery');
    assert.deepEqual(offers.map((entry) => entry.name), ['Process-Server']);
    const skus = await compute.virtualMachineImages.listSkus('japaneast', 'MicrosoftAzureSiteRecovery', 'Process-Server');
    assert.deepEqual(skus.map((entry) => entry.name), ['Windows-2012-R2-Datacenter']);
    const versions = await compute.virtualMachineImages.list('japaneast', 'MicrosoftAzureSiteRecovery', 'Process-Server', 'Windows-2012-R2-Datacenter');
    assert.deepEqual(versions.map((entry) => entry.name), ['1.0.0', '1.0.1']);
    const image = await compute.virtualMachineImages.get('japaneast', 'MicrosoftAzureSiteRecovery', 'Process-Server', 'Windows-2012-R2-Datacenter', '1.0.1');
    assert.equal(image.osDiskImage?.operatingSystem, 'Windows');
    const missing = await rejectionOf(compute.virtualMachineImages.listOffers('westus', 'MicrosoftAzureSiteRecovery'));
    assert.equal(missing.statusCode, 404);
  });

  it('reports resource SKUs with regional restrictions and vCPU usages per family', async () => {
    const skus = await collect(compute.resourceSkus.list({ filter: "location eq 'northeurope'" }));
    const a8 = skus.find((sku) => sku.name === 'Standard_A8_v2');
    assert.equal(a8?.restrictions?.[0]?.reasonCode, 'NotAvailableForSubscription');
    assert.equal(a8.capabilities?.find((capability) => capability.name === 'vCPUs')?.value, '8');
    const usages = await collect(compute.usage.list('japaneast'));
    const av2 = usages.find((usage) => usage.name.value === 'standardAv2Family');
    assert.deepEqual([av2?.currentValue, av2?.limit], [8, 40]);
  });

  it('creates a VM as an LRO with its managed OS disk, reports instance view and power state, never returns the password', async () => {
    const nic = await network.networkInterfaces.createOrUpdate('rg-network-japaneast', 'nic-isolated-ps', {
      location: 'japaneast',
      ipConfigurations: [{ name: 'ipconfig1', subnet: { id: `/subscriptions/${demo.production}/resourceGroups/rg-network-japaneast/providers/Microsoft.Network/virtualNetworks/vnet-isolated-japaneast/subnets/default` }, privateIPAllocationMethod: 'Static', privateIPAddress: '10.20.1.10' }],
    }, harness.poll);
    const vm = await compute.virtualMachines.createOrUpdate('rg-asr-ps-deploy', 'ps-isolated', vmBody('japaneast', nic.id ?? ''), harness.poll);
    assert.equal(vm.provisioningState, 'Succeeded');
    assert.equal(vm.osProfile?.adminPassword, undefined);
    const view = await compute.virtualMachines.instanceView('rg-asr-ps-deploy', 'ps-isolated');
    assert.ok(view.statuses?.some((status) => status.code === 'PowerState/running'));
    const expanded = await compute.virtualMachines.get('rg-asr-ps-deploy', 'ps-isolated', { expand: 'instanceView' });
    assert.equal(expanded.instanceView?.computerName, 'psfailback02');
    const disks = await collect(compute.disks.listByResourceGroup('rg-asr-ps-deploy'));
    const osDisk = disks.find((disk) => disk.managedBy === vm.id);
    assert.equal(osDisk?.id, vm.storageProfile?.osDisk?.managedDisk?.id);
    const log = await harness.emulator.control.requests();
    assert.ok(!JSON.stringify(log).includes(password), 'the password never reaches the request log');
    const put = log.find((entry) => entry.method === 'PUT' && entry.path.endsWith('/ps-isolated'));
    assert.equal(((put?.body as { properties: { osProfile: { adminPassword: string } } }).properties.osProfile.adminPassword), '***');
  });

  it('rejects bad OS profiles, unavailable sizes and quota excess with CRP codes', async () => {
    const nicId = `/subscriptions/${demo.production}/resourceGroups/rg-network-japaneast/providers/Microsoft.Network/networkInterfaces/nic-failedover-app01`;
    const weak = await rejectionOf(compute.virtualMachines.createOrUpdate('rg-asr-ps-deploy', 'ps-weak', vmBody('japaneast', nicId, { adminPassword: 'Password1' }), harness.poll));
    assert.equal(weak.code, 'InvalidParameter');
    assert.ok(!weak.message.includes('Password1'));
    const badName = await rejectionOf(compute.virtualMachines.createOrUpdate('rg-asr-ps-deploy', 'ps-name', vmBody('japaneast', nicId, { computerName: 'process-server-failback' }), harness.poll));
    assert.equal(badName.code, 'InvalidParameter');
    assert.match(badName.message, /15 characters/);
    const drCompute = new ComputeManagementClient(harness.credential, demo.disasterRecovery, harness.modularOptions);
    const sku = await rejectionOf(drCompute.virtualMachines.createOrUpdate('rg-dr-vaults', 'ps-ne', vmBody('northeurope', nicId), harness.poll));
    assert.equal(sku.code, 'SkuNotAvailable');
    const devNetwork = new NetworkManagementClient(harness.credential, demo.devTest, harness.modularOptions);
    const devNic = await devNetwork.networkInterfaces.createOrUpdate('rg-devtest', 'nic-dev', {
      location: 'westus2',
      ipConfigurations: [{ name: 'ipconfig1', subnet: { id: `/subscriptions/${demo.devTest}/resourceGroups/rg-devtest/providers/Microsoft.Network/virtualNetworks/vnet-devtest/subnets/default` }, privateIPAllocationMethod: 'Dynamic' }],
    }, harness.poll);
    assert.equal(devNic.ipConfigurations?.[0]?.privateIPAddress, '10.40.0.4');
    const devCompute = new ComputeManagementClient(harness.credential, demo.devTest, harness.modularOptions);
    const quota = await rejectionOf(devCompute.virtualMachines.createOrUpdate('rg-devtest', 'ps-dev', vmBody('westus2', devNic.id ?? '', { image: { publisher: 'MicrosoftWindowsServer', offer: 'WindowsServer', sku: '2019-Datacenter', version: 'latest' } }), harness.poll));
    assert.equal(quota.code, 'OperationNotAllowed');
    assert.match(quota.message, /exceeding approved standardAv2Family Cores quota.*Current Limit: 4/);
  });

  it('deallocates and starts a VM (power state in the instance view); a deallocated VM refuses run commands', async () => {
    await compute.virtualMachines.deallocate('rg-asr-ps-deploy', 'ps-isolated', harness.poll);
    const stopped = await compute.virtualMachines.instanceView('rg-asr-ps-deploy', 'ps-isolated');
    assert.ok(stopped.statuses?.some((status) => status.code === 'PowerState/deallocated'));
    const refused = await rejectionOf(compute.virtualMachines.runCommand('rg-asr-ps-deploy', 'ps-isolated', { commandId: 'RunPowerShellScript', script: ['hostname'] }, harness.poll));
    assert.equal(refused.code, 'OperationNotAllowed');
    await compute.virtualMachines.start('rg-asr-ps-deploy', 'ps-isolated', harness.poll);
    const running = await compute.virtualMachines.instanceView('rg-asr-ps-deploy', 'ps-isolated');
    assert.ok(running.statuses?.some((status) => status.code === 'PowerState/running'));
  });

  it('deletes a VM as an LRO: the VM and its delete-option OS disk disappear, the NIC is released', async () => {
    const vm = await compute.virtualMachines.get('rg-asr-ps-deploy', 'ps-isolated');
    await compute.virtualMachines.delete('rg-asr-ps-deploy', 'ps-isolated', harness.poll);
    assert.equal((await rejectionOf(compute.virtualMachines.get('rg-asr-ps-deploy', 'ps-isolated'))).code, 'ResourceNotFound');
    const diskName = vm.storageProfile?.osDisk?.name ?? '';
    assert.equal((await rejectionOf(compute.disks.get('rg-asr-ps-deploy', diskName))).code, 'ResourceNotFound');
    const nic = await network.networkInterfaces.get('rg-network-japaneast', 'nic-isolated-ps');
    assert.equal(nic.virtualMachine, undefined);
  });
});
