import assert from 'node:assert/strict';
import { ComputeManagementClient, type VirtualMachineRunCommandInstanceView } from '@azure/arm-compute';
import { loadSeedFiles } from '../arm/seed';
import { fixturePath } from '../server';
import { demo, startHarness, type EmulatorHarness } from './harness';
import { createIsolatedVm, pathCheckResultOf, pathCheckRunCommand, registrationRunCommand, type RunCommandBody } from './registrationRunCommands';

const group = 'rg-asr-ps-deploy';
const vmName = 'ps-failback-01';
const tokyo = { ipAddress: '192.168.10.20', hostName: 'cs-tokyo-01.contoso.local', passphrase: 'Tokyo-CS-demo-passphrase-01' };
/** Seeded with `answersOnPort443: false`: its on-premises firewall drops 443. */
const osaka = { ipAddress: '192.168.20.15', passphrase: 'Osaka-CS-demo-passphrase-01' };

describe('Emulator: the simulated path check and the registration script arguments', () => {
  let harness: EmulatorHarness;
  let compute: ComputeManagementClient;

  before(async () => {
    const seed = loadSeedFiles([fixturePath('demo.json')]);
    seed.configurationServers = (seed.configurationServers ?? []).map((server) => (server.ipAddress === osaka.ipAddress ? { ...server, answersOnPort443: false } : server));
    harness = await startHarness({ seedFiles: [], seeds: [seed] });
    compute = new ComputeManagementClient(harness.credential, demo.production, harness.modularOptions);
  });
  after(async () => {
    await harness.emulator.stop();
  });
  afterEach(async () => {
    await harness.emulator.control.resetState();
  });

  async function run(body: RunCommandBody, vm = vmName): Promise<VirtualMachineRunCommandInstanceView> {
    await compute.virtualMachineRunCommands.createOrUpdate(group, vm, 'asr-failback', body, harness.poll);
    const result = await compute.virtualMachineRunCommands.getByVirtualMachine(group, vm, 'asr-failback', { expand: 'instanceView' });
    assert.ok(result.instanceView, 'the run command has an instance view');
    return result.instanceView;
  }

  it('reports every check ok from a VM behind a gateway, by IP address and by host name (any case), in the exact result line', async () => {
    const byAddress = await run(pathCheckRunCommand(tokyo.ipAddress));
    assert.equal(byAddress.executionState, 'Succeeded');
    assert.equal(byAddress.exitCode, 0);
    const lastLine = (byAddress.output ?? '').trimEnd().split('\r\n').at(-1);
    assert.equal(
      lastLine,
      'ASR-FAILBACK-PATH-CHECK {"nameResolution":{"ok":true,"addresses":["192.168.10.20"],"message":"192.168.10.20 is an IP address: no name to resolve."},'
        + '"configurationServerPort":{"port":443,"ok":true,"message":"TCP connection to 192.168.10.20:443 succeeded."},'
        + '"dataTransferPort":{"port":9443,"ok":true,"message":"Windows Firewall allows inbound TCP 9443: rule \'Simulated by the emulator\'."}}',
    );

    const byName = pathCheckResultOf((await run(pathCheckRunCommand('CS-Tokyo-01.Contoso.local'))).output ?? '');
    assert.deepEqual(byName.nameResolution, { ok: true, addresses: [tokyo.ipAddress], message: 'CS-Tokyo-01.Contoso.local resolves to 192.168.10.20.' });
    assert.equal(byName.configurationServerPort.ok, true);
  });

  it('reports the configuration server port not ok from a VM whose virtual network has no VPN/ExpressRoute gateway', async () => {
    const isolatedVm = await createIsolatedVm(harness, compute, group);
    const view = await run(pathCheckRunCommand(tokyo.hostName), isolatedVm);
    assert.equal(view.exitCode, 0, 'a check that finds a problem still ends with 0');
    const result = pathCheckResultOf(view.output ?? '');
    assert.equal(result.nameResolution.ok, true);
    assert.deepEqual(result.configurationServerPort, {
      port: 443,
      ok: false,
      message: 'No answer from cs-tokyo-01.contoso.local:443 within 5 s: check the site-to-site VPN or ExpressRoute and the on-premises firewall.',
    });
    assert.equal(result.dataTransferPort.ok, true);
  });

  it('reports a port other than 443 as refused by the configuration server', async () => {
    const result = pathCheckResultOf((await run(pathCheckRunCommand(tokyo.ipAddress, { ConfigurationServerPort: '8443' }))).output ?? '');
    assert.equal(result.configurationServerPort.port, 8443);
    assert.equal(result.configurationServerPort.ok, false);
    assert.match(result.configurationServerPort.message, /actively refused it 192\.168\.10\.20:8443$/);
  });

  it('reports the name not resolved, and the port untested, for an unknown host name', async () => {
    const view = await run(pathCheckRunCommand('cs-nowhere.contoso.local'));
    assert.equal(view.exitCode, 0);
    const result = pathCheckResultOf(view.output ?? '');
    assert.deepEqual(result.nameResolution, { ok: false, addresses: [], message: 'Resolving cs-nowhere.contoso.local failed: No such host is known' });
    assert.deepEqual(result.configurationServerPort, { port: 443, ok: false, message: 'Not tested: cs-nowhere.contoso.local did not resolve.' });
  });

  it('fails the path check itself (exit 1) only when its arguments do not bind', async () => {
    const view = await run(pathCheckRunCommand(tokyo.ipAddress, { DataTransferPort: 'many' }));
    assert.equal(view.executionState, 'Failed');
    assert.equal(view.exitCode, 1);
    assert.match(view.error ?? '', /Cannot process argument transformation on parameter 'DataTransferPort'/);
  });

  it('a configuration server seeded as not answering on 443: path check not ok, registration exit 2', async () => {
    const check = pathCheckResultOf((await run(pathCheckRunCommand(osaka.ipAddress))).output ?? '');
    assert.equal(check.nameResolution.ok, true);
    assert.equal(check.configurationServerPort.ok, false);
    assert.match(check.configurationServerPort.message, /^No answer from 192\.168\.20\.15:443 within 5 s/);
    const registration = await run(registrationRunCommand(osaka.ipAddress, osaka.passphrase));
    assert.equal(registration.executionState, 'Failed');
    assert.equal(registration.exitCode, 2);
    assert.match(registration.error ?? '', /^ERROR: Unable to connect to the configuration server 192\.168\.20\.15:443/);
  });

  it('closes and reopens port 443 of a configuration server at run time (test control), until a state reset', async () => {
    const control = harness.emulator.control;
    await control.setConfigurationServerAnswersOnPort443(tokyo.hostName, false);
    assert.equal((await control.state()).configurationServers.find((server) => server.ipAddress === tokyo.ipAddress)?.answersOnPort443, false);
    const closed = pathCheckResultOf((await run(pathCheckRunCommand(tokyo.ipAddress))).output ?? '');
    assert.equal(closed.configurationServerPort.ok, false);
    assert.equal((await run(registrationRunCommand(tokyo.ipAddress, tokyo.passphrase))).exitCode, 2);

    await control.setConfigurationServerAnswersOnPort443(tokyo.ipAddress, true);
    assert.equal(pathCheckResultOf((await run(pathCheckRunCommand(tokyo.ipAddress))).output ?? '').configurationServerPort.ok, true);
    assert.equal((await run(registrationRunCommand(tokyo.ipAddress, tokyo.passphrase))).exitCode, 0);

    await control.setConfigurationServerAnswersOnPort443(tokyo.ipAddress, false);
    await control.resetState();
    assert.equal((await control.state()).configurationServers.find((server) => server.ipAddress === tokyo.ipAddress)?.answersOnPort443, true, 'a reset goes back to the seed');
    await assert.rejects(control.setConfigurationServerAnswersOnPort443('192.0.2.1', false), /404/);
  });

  it('refuses a missing or non-https installer URL and an unknown environment type with exit 1, before any download', async () => {
    for (const [changes, error] of [
      [{ InstallerUrl: undefined }, /^ERROR: The installer URL \(InstallerUrl\) must be an absolute https URL/],
      [{ InstallerUrl: 'http://aka.ms/unifiedinstaller' }, /^ERROR: The installer URL \(InstallerUrl\) must be an absolute https URL/],
      [{ EnvironmentType: 'HyperV' }, /The argument "HyperV" does not belong to the set "VMware,NonVMware" specified by the ValidateSet attribute/],
      [{ InstallLocationSwitch: 'InstallFolder' }, /does not belong to the set "InstallLocation,InstallDrive"/],
      [{ ProcessServerIpAddress: undefined }, /^ERROR: The process server IP address \(ProcessServerIpAddress\) '' is not an IPv4 address/],
    ] as const) {
      const view = await run(registrationRunCommand(tokyo.ipAddress, tokyo.passphrase, changes));
      assert.equal(view.exitCode, 1, JSON.stringify(changes));
      assert.match(view.error ?? '', error);
      assert.doesNotMatch(view.output ?? '', /Downloading/);
    }
  });

  it('registers with EnvironmentType in any case (PowerShell ValidateSet) and never prints the installer URL query (a SAS)', async () => {
    const sasUrl = 'https://contosoasrcachejpe01.blob.core.windows.net/installers/MicrosoftAzureSiteRecoveryUnifiedSetup.exe?sv=2024-11-04&sp=r&sig=c2VjcmV0';
    const body = registrationRunCommand(tokyo.ipAddress, tokyo.passphrase, { EnvironmentType: 'nonvmware', InstallerUrl: undefined });
    const view = await run({ ...body, protectedParameters: [...(body.protectedParameters ?? []), { name: 'InstallerUrl', value: sasUrl }] });
    assert.equal(view.exitCode, 0);
    assert.match(view.output ?? '', /Downloading Unified Setup from https:\/\/contosoasrcachejpe01\.blob\.core\.windows\.net\/installers\/MicrosoftAzureSiteRecoveryUnifiedSetup\.exe\.\.\./);
    assert.match(view.output ?? '', /Process server registration succeeded\./);
    const everything = JSON.stringify(view) + JSON.stringify(await harness.emulator.control.requests());
    assert.ok(!everything.includes('sig=c2VjcmV0'), 'the SAS is in no output and no log');
    assert.ok(!everything.includes(tokyo.passphrase), 'nor is the passphrase');
  });
});
