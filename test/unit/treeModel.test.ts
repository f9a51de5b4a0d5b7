import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { portalResourceUrl, resourceManagerScope } from '../../src/azure/cloudEnvironment';
import { isSubscriptionSelected } from '../../src/azure/subscriptionFilter';
import { isSameProcessServer, managedProcessServerVms } from '../../src/deployment/managedProcessServerVm';
import {
  COMPUTER_NAME_TAG,
  CONFIGURATION_SERVER_TAG,
  MANAGED_BY_TAG,
  MANAGED_BY_VALUE,
  PROCESS_SERVER_IP_TAG,
  VAULT_TAG,
  vaultTagValue,
  virtualNetworkIdFromTag,
  virtualNetworkTagValue,
} from '../../src/deployment/resourceTags';
import { toSiteRecoveryFabric, toVaultInfo } from '../../src/siteRecovery/fabricMapping';
import type { Fabric, Vault } from '../../src/siteRecovery/sdkTypes';
import { relativeTime } from '../../src/util/relativeTime';

const fixtures = path.resolve(__dirname, '..', '..', '..', 'test', 'emulator', 'fixtures');
interface SeedResource {
  id: string;
  type: string;
  name: string;
  location?: string;
  tags?: Record<string, string>;
  properties: Record<string, unknown>;
}
const seed = (file: string): SeedResource[] =>
  (JSON.parse(fs.readFileSync(path.join(fixtures, file), 'utf8')) as { resources: SeedResource[] }).resources;

describe('Site Recovery fabric mapping', () => {
  const vaultResource = seed('demo.json').find((resource) => resource.name === 'rsv-failback-japaneast');
  const vault = toVaultInfo(vaultResource as unknown as Vault);

  it('reads a vault id into subscription, resource group and name', () => {
    assert.equal(vault.subscriptionId, 'c0a1b2c3-d4e5-4f60-8a7b-9c0d1e2f3a4b');
    assert.equal(vault.resourceGroup, 'rg-asr-japaneast');
    assert.equal(vault.name, 'rsv-failback-japaneast');
  });

  it('maps a classic configuration server with its process servers, counts as numbers and health', () => {
    const fabric = seed('demo.json').find(
      (resource) => resource.type.endsWith('replicationFabrics') && resource.properties.friendlyName === 'cs-tokyo-01',
    );
    const mapped = toSiteRecoveryFabric(fabric as unknown as Fabric, vault);
    assert.equal(mapped.kind, 'configurationServer');
    assert.equal(mapped.ipAddress, '192.168.10.20');
    const scaleOut = mapped.processServers.find((server) => server.friendlyName === 'ps-tokyo-scaleout-01');
    assert.ok(scaleOut);
    assert.equal(scaleOut.machineCount, 23);
    assert.equal(scaleOut.health, 'Normal');
  });

  it('maps the REST spec example fabric (HyperVSite) as a kind the extension does not act on', () => {
    const fabric = seed('rest-spec-examples.json').find((resource) => resource.type.endsWith('replicationFabrics'));
    const mapped = toSiteRecoveryFabric(fabric as unknown as Fabric, vault);
    assert.equal(mapped.kind, 'other');
    assert.equal(mapped.instanceType, 'HyperVSite');
    assert.equal(mapped.friendlyName, 'cloud1');
    assert.deepEqual(mapped.processServers, []);
  });
});

describe('Recognising the VMs this extension deployed', () => {
  const fabricId = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.RecoveryServices/vaults/v/replicationFabrics/f';
  const fabricTags = { [VAULT_TAG]: vaultTagValue('/subscriptions/s/resourceGroups/rg/providers/Microsoft.RecoveryServices/vaults/v'), [CONFIGURATION_SERVER_TAG]: 'f' };
  const vm = (name: string, tags: Record<string, string>, type = 'Microsoft.Compute/virtualMachines') => ({
    id: `/subscriptions/s/resourceGroups/rg-ps/providers/${type}/${name}`,
    name,
    type,
    location: 'japaneast',
    tags,
  });

  it('keeps only VMs carrying the managed-by tag and a configuration server', () => {
    const found = managedProcessServerVms([
      vm('ours', { [MANAGED_BY_TAG]: MANAGED_BY_VALUE, ...fabricTags }),
      vm('someone-elses', { ...fabricTags }),
      vm('wrong-value', { [MANAGED_BY_TAG]: 'other-tool', ...fabricTags }),
      vm('a-nic', { [MANAGED_BY_TAG]: MANAGED_BY_VALUE, ...fabricTags }, 'Microsoft.Network/networkInterfaces'),
    ]);
    assert.deepEqual(found.map((entry) => entry.name), ['ours']);
    assert.equal(found[0]?.resourceGroup, 'rg-ps');
    assert.equal(found[0]?.configurationServerId, fabricId);
  });

  it('matches a reported process server by the address and computer name the deployment wrote, never by the VM name', () => {
    const [deployed] = managedProcessServerVms([
      vm('ps-failback-01', {
        [MANAGED_BY_TAG]: MANAGED_BY_VALUE,
        ...fabricTags,
        [PROCESS_SERVER_IP_TAG]: '10.10.2.10',
        [COMPUTER_NAME_TAG]: 'psfailback01',
      }),
    ]);
    assert.ok(deployed);
    assert.equal(deployed.privateIpAddress, '10.10.2.10');
    assert.ok(isSameProcessServer(deployed, { ipAddress: '10.10.2.10', friendlyName: 'psfailback01' }));
    assert.ok(isSameProcessServer(deployed, { ipAddress: '10.10.2.10', friendlyName: 'PSFAILBACK01.contoso.local' }), 'a reported FQDN');
    assert.ok(!isSameProcessServer(deployed, { ipAddress: '10.10.2.11', friendlyName: 'psfailback01' }), 'another address');
    assert.ok(!isSameProcessServer(deployed, { ipAddress: '10.10.2.10', friendlyName: 'ps-onprem-07' }), 'the same address elsewhere');
    assert.ok(!isSameProcessServer(deployed, { ipAddress: undefined, friendlyName: 'ps-failback-01' }), 'the VM name alone is no match');
  });

  it('writes ids in tag values that fit Azure\'s 256 characters, and reads them back whole', () => {
    const longest = (length: number): string => 'x'.repeat(length);
    const vaultId = `/subscriptions/${'0'.repeat(36)}/resourceGroups/${longest(90)}/providers/Microsoft.RecoveryServices/vaults/${longest(50)}`;
    const networkId = `/subscriptions/${'0'.repeat(36)}/resourceGroups/${longest(90)}/providers/Microsoft.Network/virtualNetworks/${longest(64)}`;
    assert.ok(vaultTagValue(vaultId).length <= 256 && virtualNetworkTagValue(networkId).length <= 256);
    const [found] = managedProcessServerVms([vm('ps', { [MANAGED_BY_TAG]: MANAGED_BY_VALUE, [VAULT_TAG]: vaultTagValue(vaultId), [CONFIGURATION_SERVER_TAG]: longest(64) })]);
    assert.ok(found);
    assert.equal(found.configurationServerId, `${vaultId}/replicationFabrics/${longest(64)}`);
    assert.equal(virtualNetworkIdFromTag('0'.repeat(36), virtualNetworkTagValue(networkId)), networkId);
    assert.equal(virtualNetworkIdFromTag('s', 'not-a-pair'), undefined);
  });

  it('matches nothing to a VM whose tags carry no address', () => {
    const [untagged] = managedProcessServerVms([vm('ps-failback-01', { [MANAGED_BY_TAG]: MANAGED_BY_VALUE, ...fabricTags })]);
    assert.ok(untagged);
    assert.ok(!isSameProcessServer(untagged, { ipAddress: '10.10.2.10', friendlyName: 'ps-failback-01' }));
  });
});

describe('Subscription filter', () => {
  const subscription = { tenantId: 'T1', subscriptionId: 'S1' };
  it('shows everything when nothing is selected', () => {
    assert.ok(isSubscriptionSelected([], subscription));
  });
  it('matches tenant/subscription and bare subscription entries, case-insensitively', () => {
    assert.ok(isSubscriptionSelected(['t1/s1'], subscription));
    assert.ok(isSubscriptionSelected(['s1'], subscription));
    assert.ok(!isSubscriptionSelected(['t2/s1'], subscription));
    assert.ok(!isSubscriptionSelected(['t1/s2'], subscription));
  });
});

describe('Relative time', () => {
  const now = new Date('2026-11-25T12:00:00Z');
  it('says how long ago a heartbeat was, in the user language', () => {
    assert.equal(relativeTime(new Date('2026-11-25T11:55:00Z'), now, 'en'), '5 minutes ago');
    assert.equal(relativeTime(new Date('2026-11-25T09:00:00Z'), now, 'en'), '3 hours ago');
    assert.equal(relativeTime(new Date('2026-11-25T11:55:00Z'), now, 'ja'), '5 分前');
  });
});

describe('Portal links', () => {
  it("uses the cloud's own portal and the resource id", () => {
    const cloud = {
      name: 'AzureChinaCloud',
      resourceManagerEndpointUrl: 'https://management.chinacloudapi.cn/',
      activeDirectoryEndpointUrl: 'https://login.chinacloudapi.cn/',
      portalUrl: 'https://portal.azure.cn/',
      isCustomCloud: false,
    };
    assert.equal(
      portalResourceUrl(cloud, 'tenant-1', '/subscriptions/s/resourceGroups/rg/providers/Microsoft.RecoveryServices/vaults/v'),
      'https://portal.azure.cn/#@tenant-1/resource/subscriptions/s/resourceGroups/rg/providers/Microsoft.RecoveryServices/vaults/v',
    );
    assert.equal(resourceManagerScope(cloud), 'https://management.chinacloudapi.cn/.default');
  });
});
