import assert from 'node:assert/strict';
import { ComputeManagementClient } from '@azure/arm-compute';
import { NetworkManagementClient, type EffectiveRoute } from '@azure/arm-network';
import { demo, rejectionOf, startHarness, type EmulatorHarness } from './harness';
import { processServerVm, staticNic, subnetIdOf, windowsServerImage } from './deployFixtures';

/** A route as a compact row: source, state, prefixes, next hop type and addresses. */
function row(route: EffectiveRoute): string {
  return `${route.source ?? ''} ${route.state ?? ''} ${(route.addressPrefix ?? []).join(',')} ${route.nextHopType ?? ''} ${(route.nextHopIpAddress ?? []).join(',')}`.trim();
}

/** The default system routes after the VnetLocal and gateway routes (virtual-networks-udr-overview.md, spec example order). */
const systemDefaults = ['Default Active 0.0.0.0/0 Internet', 'Default Active 10.0.0.0/8 None', 'Default Active 100.64.0.0/10 None', 'Default Active 172.16.0.0/12 None'];

describe('Emulator: NIC effective routes (networkInterfaces/effectiveRouteTable) through the real SDK client', () => {
  let harness: EmulatorHarness;
  let network: NetworkManagementClient;
  let compute: ComputeManagementClient;

  before(async () => {
    harness = await startHarness();
    network = new NetworkManagementClient(harness.credential, demo.production, harness.modularOptions);
    compute = new ComputeManagementClient(harness.credential, demo.production, harness.modularOptions);
  });
  after(async () => {
    await harness.emulator.stop();
  });
  afterEach(async () => {
    await harness.emulator.control.resetState();
  });

  it('lists the system routes and the VPN gateway route to on-premises as an LRO (202 + Location, then the table)', async () => {
    const table = await network.networkInterfaces.getEffectiveRouteTable('rg-asr-ps-deploy', 'ps-failback-01-nic', harness.poll);
    assert.deepEqual(table.value.map(row), [
      'Default Active 10.10.0.0/16 VnetLocal',
      'VirtualNetworkGateway Active 192.168.0.0/16 VirtualNetworkGateway 10.10.255.30',
      ...systemDefaults,
      'Default Invalid 192.168.0.0/16 None',
    ], 'the Tokyo CS 192.168.10.20 goes through the gateway: its route overrides the None route of the same prefix');
    const log = await harness.emulator.control.requests();
    assert.equal(log.find((entry) => entry.method === 'POST' && entry.path.endsWith('/effectiveRouteTable'))?.status, 202);
    assert.ok(log.some((entry) => entry.method === 'GET' && /\/providers\/Microsoft\.Network\/locations\/japaneast\/operationResults\//.test(entry.path)));
  });

  it('lists the ExpressRoute gateway route of Fabrikam and none for a network without a gateway', async () => {
    const fabrikamNetwork = new NetworkManagementClient(harness.credential, demo.fabrikam, harness.modularOptions);
    const fabrikamCompute = new ComputeManagementClient(harness.credential, demo.fabrikam, harness.modularOptions);
    const fabrikamSubnet = subnetIdOf(demo.fabrikam, 'rg-fabrikam-asr', 'vnet-fabrikam-japanwest', 'default');
    const fabrikamNic = await fabrikamNetwork.networkInterfaces.createOrUpdate('rg-fabrikam-asr', 'nic-ps-fabrikam', staticNic('japanwest', fabrikamSubnet, '10.50.1.10'), harness.poll);
    await fabrikamCompute.virtualMachines.createOrUpdate('rg-fabrikam-asr', 'ps-fabrikam', processServerVm('ps-fabrikam', 'japanwest', fabrikamNic.id ?? '', { image: windowsServerImage }), harness.poll);
    const fabrikam = await fabrikamNetwork.networkInterfaces.getEffectiveRouteTable('rg-fabrikam-asr', 'nic-ps-fabrikam', harness.poll);
    assert.deepEqual(fabrikam.value.map(row), [
      'Default Active 10.50.0.0/16 VnetLocal',
      'VirtualNetworkGateway Active 10.200.0.0/16 VirtualNetworkGateway 10.50.255.30',
      ...systemDefaults,
      'Default Active 192.168.0.0/16 None',
    ], 'the Fabrikam CS 10.200.0.10 goes through the ExpressRoute gateway (the longer prefix wins over 10.0.0.0/8)');

    const isolatedSubnet = subnetIdOf(demo.production, 'rg-network-japaneast', 'vnet-isolated-japaneast', 'default');
    const isolatedNic = await network.networkInterfaces.createOrUpdate('rg-network-japaneast', 'nic-isolated-ps', staticNic('japaneast', isolatedSubnet, '10.20.1.10'), harness.poll);
    await compute.virtualMachines.createOrUpdate('rg-asr-ps-deploy', 'ps-isolated', processServerVm('ps-isolated', 'japaneast', isolatedNic.id ?? ''), harness.poll);
    const isolated = await network.networkInterfaces.getEffectiveRouteTable('rg-network-japaneast', 'nic-isolated-ps', harness.poll);
    assert.deepEqual(isolated.value.map(row), ['Default Active 10.20.0.0/16 VnetLocal', ...systemDefaults, 'Default Active 192.168.0.0/16 None']);
  });

  it('answers only for a NIC attached to a running VM (diagnose-network-routing-problem.md)', async () => {
    const unattached = await rejectionOf(network.networkInterfaces.getEffectiveRouteTable('rg-network-japaneast', 'nic-failedover-app01', harness.poll));
    assert.deepEqual([unattached.statusCode, unattached.code], [400, 'NicNotAttachedToRunningVm']);
    assert.match(unattached.message, /nic-failedover-app01 is not attached to a virtual machine\.$/);
    await compute.virtualMachines.deallocate('rg-asr-ps-deploy', 'ps-failback-01', harness.poll);
    const deallocated = await rejectionOf(network.networkInterfaces.getEffectiveRouteTable('rg-asr-ps-deploy', 'ps-failback-01-nic', harness.poll));
    assert.equal(deallocated.code, 'NicNotAttachedToRunningVm');
    assert.match(deallocated.message, /virtualMachines\/ps-failback-01, which is deallocated\.$/);
    const missing = await rejectionOf(network.networkInterfaces.getEffectiveRouteTable('rg-asr-ps-deploy', 'no-such-nic', harness.poll));
    assert.deepEqual([missing.statusCode, missing.code], [404, 'ResourceNotFound']);
  });

  it('takes the next hop from bgpSettings and leaves a gateway route inside the VNet address space Invalid', async () => {
    const gatewayId = `/subscriptions/${demo.production}/resourceGroups/rg-network-japaneast/providers/Microsoft.Network/virtualNetworkGateways/vgw-onprem-tokyo`;
    const seeded = await startHarness({ seeds: [{ onPremisesNetworks: [{ virtualNetworkGatewayId: gatewayId, localNetworkAddressSpace: { addressPrefixes: ['10.10.128.0/17'] } }] }] });
    try {
      const gateway = (await seeded.emulator.control.state()).resources.find((resource) => resource.id === gatewayId);
      assert.ok(gateway?.properties !== undefined);
      await seeded.emulator.control.putResource({ ...gateway, properties: { ...gateway.properties, bgpSettings: { asn: 65515, bgpPeeringAddress: '10.10.255.29', peerWeight: 0 } } });
      const seededNetwork = new NetworkManagementClient(seeded.credential, demo.production, seeded.modularOptions);
      const table = await seededNetwork.networkInterfaces.getEffectiveRouteTable('rg-asr-ps-deploy', 'ps-failback-01-nic', seeded.poll);
      assert.deepEqual(table.value.map(row).slice(0, 3), [
        'Default Active 10.10.0.0/16 VnetLocal',
        'VirtualNetworkGateway Active 192.168.0.0/16 VirtualNetworkGateway 10.10.255.29',
        'VirtualNetworkGateway Invalid 10.10.128.0/17 VirtualNetworkGateway 10.10.255.29',
      ]);
    } finally {
      await seeded.emulator.stop();
    }
  });
});
