import assert from 'node:assert/strict';
import { NetworkManagementClient } from '@azure/arm-network';
import { collect, demo, rejectionOf, startHarness, type EmulatorHarness } from './harness';

const group = 'rg-network-japaneast';
const vnet = 'vnet-failover-japaneast';
const subnetId = `/subscriptions/${demo.production}/resourceGroups/${group}/providers/Microsoft.Network/virtualNetworks/${vnet}/subnets/snet-process-server`;

function nicBody(address: string, subnet = subnetId): Parameters<NetworkManagementClient['networkInterfaces']['createOrUpdate']>[2] {
  return {
    location: 'japaneast',
    ipConfigurations: [{ name: 'ipconfig1', subnet: { id: subnet }, privateIPAllocationMethod: 'Static', privateIPAddress: address }],
  };
}

describe('Emulator: Microsoft.Network through the real SDK client', () => {
  let harness: EmulatorHarness;
  let network: NetworkManagementClient;

  before(async () => {
    harness = await startHarness();
    network = new NetworkManagementClient(harness.credential, demo.production, harness.modularOptions);
  });
  after(async () => {
    await harness.emulator.stop();
  });
  afterEach(async () => {
    await harness.emulator.control.resetState();
  });

  it('lists virtual networks with subnets and address prefixes; subnets show the IP configurations in them', async () => {
    const networks = await collect(network.virtualNetworks.list(group));
    assert.deepEqual(networks.map((entry) => entry.name), [vnet, 'vnet-isolated-japaneast']);
    assert.deepEqual(networks[0]?.addressSpace?.addressPrefixes, ['10.10.0.0/16']);
    const subnets = await collect(network.subnets.list(group, vnet));
    assert.deepEqual(subnets.map((subnet) => subnet.addressPrefix), ['10.10.1.0/24', '10.10.2.0/27', '10.10.255.0/27']);
    const gatewaySubnet = await network.subnets.get(group, vnet, 'GatewaySubnet');
    assert.equal(gatewaySubnet.ipConfigurations?.length, 1);
  });

  it('finds the VPN gateway of a network and none for an isolated one', async () => {
    const gateways = await collect(network.virtualNetworkGateways.list(group));
    assert.equal(gateways.length, 1);
    assert.equal(gateways[0]?.gatewayType, 'Vpn');
    assert.match(gateways[0]?.ipConfigurations?.[0]?.subnet?.id ?? '', /virtualNetworks\/vnet-failover-japaneast\/subnets\/GatewaySubnet$/);
    const isolated = await network.subnets.get(group, 'vnet-isolated-japaneast', 'default');
    assert.equal(isolated.ipConfigurations, undefined);
    const fabrikam = new NetworkManagementClient(harness.credential, demo.fabrikam, harness.modularOptions);
    const expressRoute = await collect(fabrikam.virtualNetworkGateways.list('rg-fabrikam-asr'));
    assert.equal(expressRoute[0]?.gatewayType, 'ExpressRoute');
  });

  it('checks IP availability: free, taken (with up to 5 suggestions) and platform-reserved', async () => {
    assert.equal((await network.virtualNetworks.checkIPAddressAvailability(group, vnet, '10.10.2.20')).available, true);
    const taken = await network.virtualNetworks.checkIPAddressAvailability(group, vnet, '10.10.2.4');
    assert.equal(taken.available, false);
    assert.deepEqual(taken.availableIPAddresses, ['10.10.2.5', '10.10.2.6', '10.10.2.7', '10.10.2.8', '10.10.2.9']);
    for (const reservedAddress of ['10.10.2.0', '10.10.2.3', '10.10.2.31']) {
      const reserved = await network.virtualNetworks.checkIPAddressAvailability(group, vnet, reservedAddress);
      assert.equal(reserved.available, false);
      assert.equal(reserved.isPlatformReserved, true);
    }
  });

  it('creates a NIC with a static IP as an LRO, then the address is taken; deletes it as an LRO', async () => {
    const nic = await network.networkInterfaces.createOrUpdate(group, 'nic-ps-test', nicBody('10.10.2.20'), harness.poll);
    assert.equal(nic.provisioningState, 'Succeeded');
    assert.equal(nic.ipConfigurations?.[0]?.privateIPAddress, '10.10.2.20');
    assert.equal(nic.ipConfigurations[0]?.privateIPAllocationMethod, 'Static');
    assert.equal((await network.virtualNetworks.checkIPAddressAvailability(group, vnet, '10.10.2.20')).available, false);
    const inUse = await rejectionOf(network.networkInterfaces.createOrUpdate(group, 'nic-ps-clash', nicBody('10.10.2.20'), harness.poll));
    assert.equal(inUse.code, 'PrivateIPAddressInUse');
    assert.equal(inUse.statusCode, 400);
    await network.networkInterfaces.delete(group, 'nic-ps-test', harness.poll);
    assert.equal((await network.virtualNetworks.checkIPAddressAvailability(group, vnet, '10.10.2.20')).available, true);
  });

  it('rejects a static IP outside the subnet, a reserved one, a missing subnet and a bad name with Azure codes', async () => {
    const outside = await rejectionOf(network.networkInterfaces.createOrUpdate(group, 'nic-a', nicBody('10.10.1.50'), harness.poll));
    assert.equal(outside.code, 'PrivateIPAddressNotInSubnet');
    const reserved = await rejectionOf(network.networkInterfaces.createOrUpdate(group, 'nic-b', nicBody('10.10.2.1'), harness.poll));
    assert.equal(reserved.code, 'PrivateIPAddressInReservedRange');
    const missing = await rejectionOf(network.networkInterfaces.createOrUpdate(group, 'nic-c', nicBody('10.10.2.20', `${subnetId}-nope`), harness.poll));
    assert.equal(missing.code, 'InvalidResourceReference');
    const badName = await rejectionOf(network.networkInterfaces.createOrUpdate(group, '-bad-', nicBody('10.10.2.21'), harness.poll));
    assert.equal(badName.code, 'InvalidResourceName');
    const noGroup = await rejectionOf(network.networkInterfaces.get('rg-none', 'nic'));
    assert.equal(noGroup.code, 'ResourceGroupNotFound');
  });

  it('creates a virtual network and subnet, refuses overlapping subnets and deleting a subnet in use', async () => {
    await network.virtualNetworks.createOrUpdate(group, 'vnet-new', { location: 'japaneast', addressSpace: { addressPrefixes: ['10.60.0.0/16'] }, subnets: [{ name: 'a', addressPrefix: '10.60.1.0/24' }] }, harness.poll);
    const subnet = await network.subnets.createOrUpdate(group, 'vnet-new', 'b', { addressPrefix: '10.60.2.0/24' }, harness.poll);
    assert.equal(subnet.addressPrefix, '10.60.2.0/24');
    const overlap = await rejectionOf(network.subnets.createOrUpdate(group, 'vnet-new', 'c', { addressPrefix: '10.60.2.128/25' }, harness.poll));
    assert.equal(overlap.code, 'NetcfgSubnetRangesOverlap');
    const outside = await rejectionOf(network.subnets.createOrUpdate(group, 'vnet-new', 'd', { addressPrefix: '10.70.0.0/24' }, harness.poll));
    assert.equal(outside.code, 'NetcfgSubnetRangeOutsideVnet');
    const inUse = await rejectionOf(network.subnets.delete(group, vnet, 'default', harness.poll));
    assert.equal(inUse.code, 'InUseSubnetCannotBeDeleted');
  });
});
