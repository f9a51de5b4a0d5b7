import assert from 'node:assert/strict';
import { ComputeManagementClient } from '@azure/arm-compute';
import { SiteRecoveryManagementClient, type FailoverProcessServerRequestProperties, type Fabric, type ProcessServer, type VMwareDetails } from '@azure/arm-recoveryservices-siterecovery';
import { waitUntil } from '../../support/waitUntil';
import { bearerHeader, demo, rawRequest, rejectionOf, startHarness, type EmulatorHarness } from './harness';
import { registrationRunCommand, tokyoFabric, tokyoProcessServers, unregistrationRunCommand } from './registrationRunCommands';

const tokyoFabricPath = `/subscriptions/${demo.production}/resourceGroups/${tokyoFabric.resourceGroupName}/providers/Microsoft.RecoveryServices/vaults/${tokyoFabric.vaultName}/replicationFabrics/${tokyoFabric.name}`;
const containerName = 'cloud_8c1d2e3f-4a5b-5c6d-8e7f-90a1b2c3d4e5';
/** cs-tokyo-01's own process server (14 machines, 28 pairs) and the scale-out one (23 machines, 46 pairs). */
const configurationServerPs = '5E5F0D1B-43C5-4D55-9B9C-0A1B2C3D4E5F';
const scaleOutPs = '8A7B6C5D-4E3F-4A2B-9C1D-0E1F2A3B4C5D';
const group = 'rg-asr-ps-deploy';
const vmName = 'ps-failback-01';
const vmAddress = '10.10.2.10';

describe('Emulator: switching process servers (reassociateGateway) and removing one (unregistration script)', () => {
  let harness: EmulatorHarness;
  let siteRecovery: SiteRecoveryManagementClient;
  let compute: ComputeManagementClient;

  async function counts(): Promise<Record<string, [string | undefined, string | undefined]>> {
    return Object.fromEntries((await tokyoProcessServers(siteRecovery)).map((server) => [server.ipAddress ?? '', [server.machineCount, server.replicationPairCount]]));
  }

  /** reassociateGateway through the SDK (vault first), on cs-tokyo-01's fabric unless another is named. */
  function switchMachines(properties: FailoverProcessServerRequestProperties, fabricName: string = tokyoFabric.name): Promise<Fabric> {
    return siteRecovery.replicationFabrics.beginReassociateGatewayAndWait(tokyoFabric.vaultName, tokyoFabric.resourceGroupName, fabricName, { properties: { containerName, ...properties } }, harness.poll);
  }

  async function runCommandResult(name: string): Promise<{ state?: string; exitCode?: number; output: string; error: string }> {
    const view = (await compute.virtualMachineRunCommands.getByVirtualMachine(group, vmName, name, { expand: 'instanceView' })).instanceView;
    return { state: view?.executionState, exitCode: view?.exitCode, output: view?.output ?? '', error: view?.error ?? '' };
  }

  /** Registers the demo VM (10.10.2.10) with cs-tokyo-01 and returns its process server id once it is in the fabric. */
  async function registerVm(): Promise<string> {
    await compute.virtualMachineRunCommands.createOrUpdate(group, vmName, 'register-ps', registrationRunCommand('192.168.10.20', 'Tokyo-CS-demo-passphrase-01'), harness.poll);
    let servers: ProcessServer[] = [];
    await waitUntil(
      'the registered process server 10.10.2.10 in the fabric',
      async () => {
        servers = await tokyoProcessServers(siteRecovery);
        return servers.some((server) => server.ipAddress === vmAddress) ? true : undefined;
      },
      { timeoutMs: 10_000 },
      () => servers.map((server) => server.ipAddress).join(', '),
    );
    return servers.find((server) => server.ipAddress === vmAddress)?.id ?? '';
  }

  before(async () => {
    harness = await startHarness({ settings: { registrationDelayMs: 100 } });
    siteRecovery = new SiteRecoveryManagementClient(harness.credential, demo.production, harness.classicOptions);
    compute = new ComputeManagementClient(harness.credential, demo.production, harness.modularOptions);
  });
  after(async () => {
    await harness.emulator.stop();
  });
  afterEach(async () => {
    await harness.emulator.control.resetState();
  });

  it('switches every machine of a process server to another (ServerLevel): 202, polled, then the fabric', async () => {
    await harness.emulator.control.clearRequests();
    const fabric = await switchMachines({ sourceProcessServerId: scaleOutPs, targetProcessServerId: configurationServerPs, vmsToMigrate: [], updateType: 'ServerLevel' });
    assert.equal(fabric.name, tokyoFabric.name, 'the result is the fabric');
    const returned = (fabric.properties?.customDetails as VMwareDetails).processServers?.map((server) => [server.ipAddress, server.machineCount, server.replicationPairCount]);
    assert.deepEqual(returned, [
      ['192.168.10.20', '37', '74'],
      ['192.168.10.31', '0', '0'],
    ]);
    assert.deepEqual(await counts(), { '192.168.10.20': ['37', '74'], '192.168.10.31': ['0', '0'] });

    const log = await harness.emulator.control.requests();
    const post = log.find((entry) => entry.method === 'POST' && entry.path.endsWith('/reassociateGateway'));
    assert.equal(post?.status, 202);
    assert.equal(post.apiVersion, '2023-06-01', "the SDK's api-version");
    assert.ok(log.some((entry) => entry.method === 'GET' && /\/vaults\/rsv-failback-japaneast\/replicationOperationStatus\/[0-9a-f-]+$/.test(entry.path)), 'polled at the vault');
    const result = log.find((entry) => entry.method === 'GET' && entry.path.startsWith(`${tokyoFabricPath}/operationresults/`));
    assert.equal(result?.status, 200, 'the result read at the Location');
  });

  it('answers 202 with Azure-AsyncOperation at the vault and Location at the fabric; both report the running operation', async () => {
    const hold = await harness.emulator.control.hold({ kind: 'operation', method: 'POST', path: '**/reassociateGateway' });
    const headers = await bearerHeader(harness);
    const accepted = await rawRequest(harness, 'POST', `${tokyoFabricPath}/reassociateGateway?api-version=2025-08-01`, {
      headers,
      body: { properties: { containerName, sourceProcessServerId: scaleOutPs, targetProcessServerId: configurationServerPs, vmsToMigrate: ['Vm1'], updateType: 'SystemLevel' } },
    });
    assert.equal(accepted.status, 202);
    assert.deepEqual(accepted.body, {});
    const statusUrl = new URL(String(accepted.headers['azure-asyncoperation']));
    const resultUrl = new URL(String(accepted.headers['location']));
    assert.match(statusUrl.pathname, /\/vaults\/rsv-failback-japaneast\/replicationOperationStatus\/[0-9a-f-]+$/);
    assert.ok(resultUrl.pathname.startsWith(`${tokyoFabricPath}/operationresults/`));
    assert.equal(statusUrl.searchParams.get('api-version'), '2025-08-01');
    const running = await rawRequest(harness, 'GET', statusUrl.pathname + statusUrl.search, { headers });
    assert.equal(running.body['status'], 'InProgress');
    assert.equal((await rawRequest(harness, 'GET', resultUrl.pathname + resultUrl.search, { headers })).status, 202);
    assert.deepEqual(await counts(), { '192.168.10.20': ['14', '28'], '192.168.10.31': ['23', '46'] }, 'nothing moves before the end');
    assert.equal(await harness.emulator.control.releaseHold(hold.id), 1);
    assert.equal((await rawRequest(harness, 'GET', statusUrl.pathname + statusUrl.search, { headers })).body['status'], 'Succeeded');
    const done = await rawRequest(harness, 'GET', resultUrl.pathname + resultUrl.search, { headers });
    assert.equal(done.status, 200);
    assert.equal(done.body['name'], tokyoFabric.name);
  });

  it('moves the listed machines (SystemLevel), their replication pairs in proportion', async () => {
    await switchMachines({ sourceProcessServerId: scaleOutPs, targetProcessServerId: configurationServerPs, vmsToMigrate: ['Vm1', 'Vm2', 'Vm1'], updateType: 'SystemLevel' });
    // Two distinct machines of 23 carry 4 of the 46 pairs.
    assert.deepEqual(await counts(), { '192.168.10.20': ['16', '32'], '192.168.10.31': ['21', '42'] });
  });

  it("refuses what the operation cannot do, in Site Recovery's error shape", async () => {
    const unknown = await rejectionOf(switchMachines({ sourceProcessServerId: 'NO-SUCH-PS', targetProcessServerId: configurationServerPs, updateType: 'ServerLevel' }));
    assert.deepEqual([unknown.statusCode, unknown.code], [400, 'BadRequest']);
    assert.match(unknown.message, /The process server NO-SUCH-PS is not registered with the configuration server cs-tokyo-01/);
    const same = await rejectionOf(switchMachines({ sourceProcessServerId: scaleOutPs, targetProcessServerId: scaleOutPs.toLowerCase(), updateType: 'ServerLevel' }));
    assert.match(same.message, /The source and target process servers are the same/);
    const noTarget = await rejectionOf(switchMachines({ sourceProcessServerId: scaleOutPs, updateType: 'ServerLevel' }));
    assert.match(noTarget.message, /targetProcessServerId/);
    const badType = await rejectionOf(switchMachines({ sourceProcessServerId: scaleOutPs, targetProcessServerId: configurationServerPs, updateType: 'VmLevel' }));
    assert.match(badType.message, /updateType/);
    const noMachines = await rejectionOf(switchMachines({ sourceProcessServerId: scaleOutPs, targetProcessServerId: configurationServerPs, vmsToMigrate: [], updateType: 'SystemLevel' }));
    assert.match(noMachines.message, /Choose between 1 and 23 of the machines/);
    const missingFabric = await rejectionOf(switchMachines({ sourceProcessServerId: scaleOutPs, targetProcessServerId: configurationServerPs, updateType: 'ServerLevel' }, 'no-such-fabric'));
    assert.deepEqual([missingFabric.statusCode, missingFabric.code, missingFabric.message], [404, 'NotFound', 'Fabric with name no-such-fabric could not be located.']);

    const raw = await rawRequest(harness, 'POST', `${tokyoFabricPath}/reassociateGateway?api-version=2023-06-01`, {
      headers: await bearerHeader(harness),
      body: { properties: { containerName, sourceProcessServerId: scaleOutPs, targetProcessServerId: scaleOutPs, updateType: 'ServerLevel' } },
    });
    const details = (raw.body.error as { details?: Record<string, string>[] } | undefined)?.details;
    assert.deepEqual(Object.keys(details?.[0] ?? {}), ['code', 'message', 'possibleCauses', 'recommendedAction'], "Site Recovery's own error in details[]");
    assert.deepEqual(await counts(), { '192.168.10.20': ['14', '28'], '192.168.10.31': ['23', '46'] }, 'nothing moved');
  });

  it('registers a process server with an SSL certificate valid for two years, no replication pairs, its service running', async () => {
    await registerVm();
    const server = (await tokyoProcessServers(siteRecovery)).find((entry) => entry.ipAddress === vmAddress);
    assert.equal(server?.replicationPairCount, '0');
    assert.equal(server.psServiceStatus, 'Running');
    assert.equal(server.sslCertExpiryRemainingDays, 730);
    const expiry = server.sslCertExpiryDate?.getTime() ?? 0;
    assert.ok(Math.abs(expiry - (Date.now() + 730 * 24 * 60 * 60 * 1000)) < 60_000);
  });

  it('runs the real unregistration script: exit 4 while the process server serves machines, then uninstalls and it leaves the fabric', async () => {
    const vmProcessServer = await registerVm();
    await switchMachines({ sourceProcessServerId: scaleOutPs, targetProcessServerId: vmProcessServer, vmsToMigrate: ['Vm1', 'Vm2', 'Vm3'], updateType: 'SystemLevel' });
    await compute.virtualMachineRunCommands.createOrUpdate(group, vmName, 'unregister-ps', unregistrationRunCommand(vmAddress), harness.poll);
    const refused = await runCommandResult('unregister-ps');
    assert.deepEqual([refused.state, refused.exitCode], ['Failed', 4]);
    assert.equal(refused.error, 'ERROR: The process server still has replication connections on its data transfer port 9443 from 3 address(es): it still serves replicated machines. Switch them to another process server first.\r\n');
    assert.equal(refused.output, 'Checking for replication connections on the data transfer port 9443...\r\n');

    await switchMachines({ sourceProcessServerId: vmProcessServer, targetProcessServerId: scaleOutPs, updateType: 'ServerLevel' });
    const hold = await harness.emulator.control.hold({ kind: 'processServerUnregistration' });
    await compute.virtualMachineRunCommands.createOrUpdate(group, vmName, 'unregister-ps', unregistrationRunCommand(vmAddress), harness.poll);
    const done = await runCommandResult('unregister-ps');
    assert.deepEqual([done.state, done.exitCode, done.error], ['Succeeded', 0, '']);
    const uninstalled = [...done.output.matchAll(/^'(.+)' uninstalled\.\r$/gm)].map((match) => match[1]);
    assert.deepEqual(uninstalled, [
      'Microsoft Azure Site Recovery Mobility Service/Master Target Server',
      'Microsoft Azure Site Recovery Configuration/Process Server',
      'Microsoft Azure Site Recovery Configuration/Process Server Dependencies',
      'Microsoft Azure Recovery Services Agent',
    ]);
    assert.match(done.output, /with msiexec\.exe \/qn \/x \{275197FC-14FD-4560-A5EB-38217F80CBD1\} \/L\+\*V "C:\\ProgramData\\ASRSetupLogs\\UnifiedAgentMSIUninstall\.log"\.\.\./);
    assert.match(done.output, /Done: 4 program\(s\) uninstalled, 0 not installed\./);
    assert.ok((await tokyoProcessServers(siteRecovery)).some((server) => server.ipAddress === vmAddress), 'still listed right after the run');
    assert.deepEqual((await harness.emulator.control.holds()).flatMap((entry) => entry.pending), ['process server 10.10.2.10 leaves configuration server cs-tokyo-01.contoso.local']);
    assert.equal(await harness.emulator.control.releaseHold(hold.id), 1);
    const fabric = await siteRecovery.replicationFabrics.get(tokyoFabric.vaultName, tokyoFabric.resourceGroupName, tokyoFabric.name);
    const details = fabric.properties?.customDetails as VMwareDetails;
    assert.deepEqual(details.processServers?.map((server) => server.ipAddress), ['192.168.10.20', '192.168.10.31']);
    assert.equal(details.processServerCount, '2');
    assert.deepEqual(await counts(), { '192.168.10.20': ['14', '28'], '192.168.10.31': ['23', '46'] }, 'the machines went back where they came from');
  });

  it('binds and checks the unregistration arguments as the script does; skips programs that are not installed', async () => {
    const run = async (args: Record<string, string | undefined>): Promise<{ state?: string; exitCode?: number; output: string; error: string }> => {
      await compute.virtualMachineRunCommands.createOrUpdate(group, vmName, 'unregister-ps', unregistrationRunCommand(vmAddress, args), harness.poll);
      return runCommandResult('unregister-ps');
    };
    assert.deepEqual(await run({ ProcessServerIpAddress: undefined }), {
      state: 'Failed',
      exitCode: 1,
      output: '',
      error: 'Cannot process command because of one or more missing mandatory parameters: ProcessServerIpAddress.\r\n',
    });
    assert.match((await run({ processserveripaddress: 'ps-failback-01' })).error, /^ERROR: The process server IP address \(ProcessServerIpAddress\) 'ps-failback-01' is not an IPv4 address\./);
    assert.match((await run({ ProcessServerIpAddress: '192.168.10.31' })).error, /^ERROR: 192\.168\.10\.31 \(ProcessServerIpAddress\) is not an IPv4 address of this VM \(10\.10\.2\.10\)/);
    assert.match((await run({ DataTransferPort: '70000' })).error, /^Cannot validate argument on parameter 'DataTransferPort'/);
    const nothing = await run({});
    assert.deepEqual([nothing.state, nothing.exitCode], ['Succeeded', 0], 'a VM that is no process server has nothing to uninstall');
    assert.equal((nothing.output.match(/' is not installed: skipped\./g) ?? []).length, 4);
    assert.match(nothing.output, /Done: 0 program\(s\) uninstalled, 4 not installed\.\r\n$/);
  });
});
