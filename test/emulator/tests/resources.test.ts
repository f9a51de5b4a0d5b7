import assert from 'node:assert/strict';
import { ResourceManagementClient } from '@azure/arm-resources';
import { SubscriptionClient } from '@azure/arm-resources-subscriptions';
import { collect, demo, rejectionOf, startHarness, type EmulatorHarness } from './harness';

describe('Emulator: Microsoft.Resources through the real SDK clients', () => {
  let harness: EmulatorHarness;
  let subscriptions: SubscriptionClient;
  let resources: ResourceManagementClient;

  before(async () => {
    harness = await startHarness({ settings: { pageSize: 2 } });
    subscriptions = new SubscriptionClient(harness.credential, harness.classicOptions);
    resources = new ResourceManagementClient(harness.credential, demo.production, harness.modularOptions);
  });
  after(async () => {
    await harness.emulator.stop();
  });
  afterEach(async () => {
    await harness.emulator.control.clearFaults();
    await harness.emulator.control.resetState();
  });

  it('lists the subscriptions of the token tenant across several pages', async () => {
    const list = await collect(subscriptions.subscriptions.list());
    assert.deepEqual(list.map((entry) => entry.subscriptionId).sort(), [demo.production, demo.disasterRecovery, demo.devTest].sort());
    const log = await harness.emulator.control.requests();
    const pages = log.filter((entry) => entry.method === 'GET' && entry.path === '/subscriptions');
    assert.equal(pages.length, 2, 'three subscriptions at page size 2 take two pages');
    assert.ok(pages.every((entry) => entry.apiVersion === '2022-12-01' && entry.status === 200));
  });

  it('lists tenants and locations, and gets one subscription', async () => {
    const tenants = await collect(subscriptions.tenants.list());
    assert.deepEqual(tenants.map((tenant) => tenant.tenantId), [demo.tenantId]);
    const locations = await collect(subscriptions.subscriptions.listLocations(demo.production));
    assert.ok(locations.some((location) => location.name === 'japaneast' && location.displayName === 'Japan East'));
    const subscription = await subscriptions.subscriptions.get(demo.devTest);
    assert.equal(subscription.state, 'Enabled');
    const missing = await rejectionOf(subscriptions.subscriptions.get('00000000-0000-0000-0000-000000000000'));
    assert.equal(missing.code, 'SubscriptionNotFound');
    assert.equal(missing.statusCode, 404);
  });

  it('creates, reads, tags and deletes a resource group; delete is an LRO that removes its contents', async () => {
    const created = await resources.resourceGroups.createOrUpdate('rg-emulator-test', { location: 'Japan East', tags: { purpose: 'test' } });
    assert.equal(created.location, 'japaneast');
    assert.equal(created.properties?.provisioningState, 'Succeeded');
    assert.equal((await resources.resourceGroups.checkExistence('rg-emulator-test')).body, true);
    const moved = await rejectionOf(resources.resourceGroups.createOrUpdate('rg-emulator-test', { location: 'westus' }));
    assert.equal(moved.code, 'InvalidResourceGroupLocation');
    const invalid = await rejectionOf(resources.resourceGroups.createOrUpdate('bad name!', { location: 'westus' }));
    assert.equal(invalid.code, 'InvalidResourceGroup');

    const before = await collect(resources.resources.listByResourceGroup('rg-asr-ps-deploy'));
    assert.equal(before.length, 3, 'the deploying process server: VM, NIC and OS disk');
    await resources.resourceGroups.delete('rg-asr-ps-deploy', harness.poll);
    assert.equal((await resources.resourceGroups.checkExistence('rg-asr-ps-deploy')).body, false);
    const state = await harness.emulator.control.state();
    assert.ok(!state.resources.some((resource) => resource.id.toLowerCase().includes('/resourcegroups/rg-asr-ps-deploy/')));
    const gone = await rejectionOf(resources.resourceGroups.get('rg-asr-ps-deploy'));
    assert.equal(gone.code, 'ResourceGroupNotFound');
    const deleteEntry = (await harness.emulator.control.requests()).find((entry) => entry.method === 'DELETE');
    assert.equal(deleteEntry?.status, 202);
  });

  it('lists resources by tag filter across pages', async () => {
    const tagged = await collect(
      resources.resources.list({ filter: "tagName eq 'asr-failback:managed-by' and tagValue eq 'vscode-asr-failback'" }),
    );
    assert.deepEqual(tagged.map((resource) => resource.type).sort(), [
      'Microsoft.Compute/disks',
      'Microsoft.Compute/virtualMachines',
      'Microsoft.Network/networkInterfaces',
    ]);
    assert.ok(tagged.every((resource) => resource.tags === undefined), 'ARM leaves tags out of tag-name-and-value results');
    const byType = await collect(
      resources.resources.list({ filter: "resourceType eq 'Microsoft.Compute/virtualMachines'", expand: 'provisioningState' }),
    );
    const vm = byType.find((resource) => resource.name === 'ps-failback-01');
    assert.equal(vm?.tags?.['asr-failback:managed-by'], 'vscode-asr-failback', 'other filters keep the tags');
    assert.equal(vm.provisioningState, 'Succeeded', '$expand=provisioningState adds it');
    const unexpanded = await collect(resources.resources.list({ filter: "resourceType eq 'Microsoft.Compute/virtualMachines'" }));
    assert.equal(unexpanded.find((resource) => resource.name === 'ps-failback-01')?.provisioningState, undefined);
    const groups = await collect(resources.resourceGroups.list({ filter: "tagName eq 'asr-failback:managed-by'" }));
    assert.deepEqual(groups.map((group) => group.name), ['rg-asr-ps-deploy']);
    const badFilter = await rejectionOf(collect(resources.resources.list({ filter: 'tagName ne 1' })));
    assert.equal(badFilter.code, 'InvalidFilterInQueryString');
  });

  it('filters the generic lists by resourceGroup, name and substringof, alone or substringof with resourceType (Resources - List $filter)', async () => {
    const names = async (items: AsyncIterable<{ name?: string }>): Promise<string[]> => (await collect(items)).map((resource) => resource.name ?? '').sort();
    assert.deepEqual(await names(resources.resources.list({ filter: "resourceGroup eq 'RG-ASR-PS-DEPLOY'" })), ['ps-failback-01', 'ps-failback-01-nic', 'ps-failback-01_OsDisk_1']);
    assert.deepEqual(await names(resources.resources.list({ filter: "name eq 'nsg-process-server'" })), ['nsg-process-server']);
    assert.deepEqual(await names(resources.resources.list({ filter: "substringof('failedover', name)" })), ['nic-failedover-app01', 'nic-failedover-db01', 'nic-failedover-web01']);
    assert.deepEqual(
      await names(resources.resources.list({ filter: "substringof('FAILBACK', name) and resourceType eq 'Microsoft.Compute/virtualMachines'" })),
      ['ps-failback-01'],
      'rsv-failback-japaneast matches the substring but not the type',
    );
    assert.deepEqual(await names(resources.resources.list({ filter: "substringof('vnet-', name) or substringof('vgw-', name)" })), ['vgw-onprem-tokyo', 'vnet-failover-japaneast', 'vnet-isolated-japaneast']);
    assert.equal((await names(resources.resources.list({ filter: "substringof('network', resourceGroup)" }))).length, 7);
    assert.deepEqual(await names(resources.resources.listByResourceGroup('rg-asr-ps-deploy', { filter: "substringof('nic', name)" })), ['ps-failback-01-nic']);
    assert.deepEqual(await names(resources.resources.listByResourceGroup('rg-asr-ps-deploy', { filter: "resourceGroup eq 'rg-network-japaneast'" })), []);
    const undocumented = [
      "resourceGroup eq 'rg-asr-ps-deploy' and resourceType eq 'Microsoft.Compute/virtualMachines'",
      "tagName eq 'asr-failback:managed-by' and resourceType eq 'Microsoft.Compute/virtualMachines'",
      "substringof('failback', name) or resourceType eq 'Microsoft.Compute/virtualMachines'",
      "substringof('failback', name) and location eq 'japaneast'",
      "substringof('japaneast', location)",
      "resourceGroup eq 'rg-asr-ps-deploy",
      "startswith(name, 'ps')",
    ];
    for (const filter of undocumented) {
      const refused = await rejectionOf(collect(resources.resources.list({ filter })));
      assert.deepEqual([refused.code, refused.statusCode], ['InvalidFilterInQueryString', 400], filter);
    }
  });

  it('reports and changes resource provider registration', async () => {
    const devResources = new ResourceManagementClient(harness.credential, demo.devTest, harness.modularOptions);
    const before = await devResources.providers.get('Microsoft.RecoveryServices');
    assert.equal(before.registrationState, 'NotRegistered');
    // The test holds the transition (a test control), so Registering is a state it controls, not a race.
    const hold = await harness.emulator.control.hold({ kind: 'providerRegistration' });
    const registering = await devResources.providers.register('Microsoft.RecoveryServices');
    assert.equal(registering.registrationState, 'Registering');
    assert.equal((await devResources.providers.get('Microsoft.RecoveryServices')).registrationState, 'Registering');
    assert.equal(await harness.emulator.control.releaseHold(hold.id), 1, 'the registration was pending');
    assert.equal((await devResources.providers.get('Microsoft.RecoveryServices')).registrationState, 'Registered');
    const unknown = await rejectionOf(devResources.providers.get('Microsoft.Nothing'));
    assert.equal(unknown.code, 'InvalidResourceNamespace');
  });
});
