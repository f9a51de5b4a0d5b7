import assert from 'node:assert/strict';
import { RecoveryServicesClient } from '@azure/arm-recoveryservices';
import { SiteRecoveryManagementClient, type VMwareDetails, type InMageRcmFabricSpecificDetails } from '@azure/arm-recoveryservices-siterecovery';
import { fixturePath } from '../server';
import { collect, demo, rejectionOf, startHarness, type EmulatorHarness } from './harness';

const vaultGroup = 'rg-asr-japaneast';
const vaultName = 'rsv-failback-japaneast';

describe('Emulator: Recovery Services vaults and Site Recovery fabrics', () => {
  let harness: EmulatorHarness;

  before(async () => {
    harness = await startHarness({ seedFiles: [fixturePath('demo.json'), fixturePath('rest-spec-examples.json')], settings: { pageSize: 5 } });
  });
  after(async () => {
    await harness.emulator.stop();
  });

  it('lists vaults per subscription across pages; a subscription without vaults lists none', async () => {
    const client = new RecoveryServicesClient(harness.credential, demo.disasterRecovery, harness.modularOptions);
    const pages = [];
    for await (const page of client.vaults.listBySubscriptionId().byPage()) {
      pages.push(page.length);
    }
    assert.deepEqual(pages, [5, 5, 2]);
    const empty = new RecoveryServicesClient(harness.credential, demo.production, harness.modularOptions);
    assert.deepEqual((await collect(empty.vaults.listByResourceGroup('rg-network-japaneast'))).length, 0);
    const devTest = new RecoveryServicesClient(harness.credential, demo.devTest, harness.modularOptions);
    const unregistered = await rejectionOf(collect(devTest.vaults.listBySubscriptionId()));
    assert.equal(unregistered.code, 'MissingSubscriptionRegistration');
  });

  it('gets a vault and answers ResourceNotFound for a missing one', async () => {
    const client = new RecoveryServicesClient(harness.credential, demo.production, harness.modularOptions);
    const vault = await client.vaults.get(vaultGroup, vaultName);
    assert.equal(vault.location, 'japaneast');
    assert.equal(vault.sku?.name, 'Standard');
    const missing = await rejectionOf(client.vaults.get(vaultGroup, 'no-such-vault'));
    assert.equal(missing.code, 'ResourceNotFound');
  });

  it('creates a vault as an LRO and refuses to delete a vault that still has fabrics', async () => {
    const client = new RecoveryServicesClient(harness.credential, demo.production, harness.modularOptions);
    const created = await client.vaults.createOrUpdate(vaultGroup, 'rsv-new', { location: 'japaneast', sku: { name: 'Standard' } }, harness.poll);
    assert.equal(created.properties?.provisioningState, 'Succeeded');
    await client.vaults.delete(vaultGroup, 'rsv-new', harness.poll);
    assert.equal((await rejectionOf(client.vaults.get(vaultGroup, 'rsv-new'))).code, 'ResourceNotFound');
    const notEmpty = await rejectionOf(client.vaults.delete(vaultGroup, vaultName, harness.poll));
    assert.equal(notEmpty.code, 'ServiceResourceNotEmpty');
  });

  it('lists classic VMware configuration servers with their process servers, and a modernized InMageRcm appliance', async () => {
    const client = new SiteRecoveryManagementClient(harness.credential, demo.production, harness.classicOptions);
    const fabrics = await collect(client.replicationFabrics.list(vaultName, vaultGroup));
    const kinds = fabrics.map((fabric) => fabric.properties?.customDetails?.instanceType);
    assert.deepEqual(kinds, ['VMware', 'VMware', 'InMageRcm']);
    const classic = fabrics[0]?.properties?.customDetails as VMwareDetails;
    assert.equal(classic.hostName, 'cs-tokyo-01.contoso.local');
    assert.equal(classic.processServerCount, '2');
    assert.equal(classic.processServers?.[1]?.machineCount, '23');
    const heartbeat = classic.processServers.at(1)?.lastHeartbeat;
    assert.ok(heartbeat instanceof Date && Date.now() - heartbeat.getTime() < 10 * 60 * 1000, 'healthy servers show a recent heartbeat');
    const modern = fabrics[2]?.properties?.customDetails as InMageRcmFabricSpecificDetails;
    assert.equal(modern.processServers?.[0]?.ipAddresses?.[0], '192.168.10.50');
    const one = await client.replicationFabrics.get(vaultName, vaultGroup, fabrics[0]?.name ?? '');
    assert.equal(one.id, fabrics[0]?.id);
  });

  it('pages fabric lists and never returns a configuration server passphrase', async () => {
    const client = new SiteRecoveryManagementClient(harness.credential, demo.disasterRecovery, harness.classicOptions);
    const fabrics = await collect(client.replicationFabrics.list('rsv-dr-01', 'rg-dr-vaults'));
    assert.equal(fabrics.length, 7);
    const log = await harness.emulator.control.requests();
    assert.ok(log.filter((entry) => entry.path.endsWith('/replicationFabrics')).length >= 2);
    assert.ok(!JSON.stringify(fabrics).toLowerCase().includes('passphrase'));
  });

  it('serves the REST spec examples in their published shapes', async () => {
    const vaults = new RecoveryServicesClient(harness.credential, '77777777-b0c6-47a2-b37c-d8e65a629c18', harness.modularOptions);
    const names = (await collect(vaults.vaults.listBySubscriptionId())).map((vault) => vault.name);
    assert.deepEqual(names, ['patchtest', 'swaggerExample', 'today1']);
    const siteRecovery = new SiteRecoveryManagementClient(harness.credential, 'c183865e-6077-46f2-a3b1-deb0f4f4650a', harness.classicOptions);
    const fabric = await siteRecovery.replicationFabrics.get('vault1', 'resourceGroupPS1', 'cloud1');
    assert.equal(fabric.properties?.customDetails?.instanceType, 'HyperVSite');
    assert.equal(fabric.properties.internalIdentifier, '6d224fc6-f326-5d35-96de-fbf51efb3179');
  });
});
