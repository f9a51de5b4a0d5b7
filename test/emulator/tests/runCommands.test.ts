import assert from 'node:assert/strict';
import { ComputeManagementClient } from '@azure/arm-compute';
import { SiteRecoveryManagementClient, type VMwareDetails } from '@azure/arm-recoveryservices-siterecovery';
import { demo, rejectionOf, startHarness, type EmulatorHarness } from './harness';
import { createIsolatedVm, registrationRunCommand, tokyoFabric, tokyoProcessServers } from './registrationRunCommands';

const passphrase = 'Tokyo-CS-demo-passphrase-01';
const group = 'rg-asr-ps-deploy';
const vmName = 'ps-failback-01';

describe('Emulator: run commands and the simulated process-server registration', () => {
  let harness: EmulatorHarness;
  let compute: ComputeManagementClient;
  let siteRecovery: SiteRecoveryManagementClient;

  async function processServerIps(): Promise<string[]> {
    return (await tokyoProcessServers(siteRecovery)).map((server) => server.ipAddress ?? '');
  }

  before(async () => {
    harness = await startHarness({ settings: { registrationDelayMs: 300 } });
    compute = new ComputeManagementClient(harness.credential, demo.production, harness.modularOptions);
    siteRecovery = new SiteRecoveryManagementClient(harness.credential, demo.production, harness.classicOptions);
  });
  after(async () => {
    await harness.emulator.stop();
  });
  afterEach(async () => {
    await harness.emulator.control.resetState();
  });

  /** The work the test's holds keep pending now (control endpoint; a test control). */
  async function heldWork(): Promise<string[]> {
    return (await harness.emulator.control.holds()).flatMap((hold) => hold.pending);
  }

  it('registers the VM as a process server: the run command succeeds, then the PS appears in the fabric', async () => {
    // The test holds the registration's follow-up, so "not yet in the fabric" is a state it controls, not a race.
    const hold = await harness.emulator.control.hold({ kind: 'processServerRegistration' });
    const created = await compute.virtualMachineRunCommands.createOrUpdate(group, vmName, 'register-ps', registrationRunCommand('192.168.10.20', passphrase), harness.poll);
    assert.equal(created.provisioningState, 'Succeeded');
    const result = await compute.virtualMachineRunCommands.getByVirtualMachine(group, vmName, 'register-ps', { expand: 'instanceView' });
    assert.equal(result.instanceView?.executionState, 'Succeeded');
    assert.equal(result.instanceView.exitCode, 0);
    assert.match(result.instanceView.output ?? '', /registration succeeded/);
    assert.ok(result.instanceView.startTime instanceof Date && result.instanceView.endTime instanceof Date);
    assert.ok(!(await processServerIps()).includes('10.10.2.10'), 'the PS does not appear when the run command ends');
    assert.deepEqual(await heldWork(), ['process server 10.10.2.10 appears under configuration server cs-tokyo-01.contoso.local']);
    assert.equal(await harness.emulator.control.releaseHold(hold.id), 1);
    const fabric = await siteRecovery.replicationFabrics.get(tokyoFabric.vaultName, tokyoFabric.resourceGroupName, tokyoFabric.name);
    const details = fabric.properties?.customDetails as VMwareDetails;
    const server = details.processServers?.find((entry) => entry.ipAddress === '10.10.2.10');
    assert.equal(server?.friendlyName, 'psfailback01');
    assert.equal(server.machineCount, '0');
    assert.equal(server.health, 'Normal');
    assert.ok(Date.now() - (server.lastHeartbeat?.getTime() ?? 0) < 5000);
    assert.equal(details.processServerCount, '3');
  });

  it('never returns protected parameters: not in GET, not in the instance view, not in the request log', async () => {
    await compute.virtualMachineRunCommands.createOrUpdate(group, vmName, 'register-ps', registrationRunCommand('cs-tokyo-01.contoso.local', passphrase), harness.poll);
    const plain = await compute.virtualMachineRunCommands.getByVirtualMachine(group, vmName, 'register-ps');
    const expanded = await compute.virtualMachineRunCommands.getByVirtualMachine(group, vmName, 'register-ps', { expand: 'instanceView' });
    assert.equal(plain.protectedParameters, undefined);
    assert.equal(plain.instanceView, undefined);
    assert.equal(expanded.instanceView?.exitCode, 0, 'the CS host name works as well as its IP');
    for (const text of [JSON.stringify(plain), JSON.stringify(expanded), JSON.stringify(await harness.emulator.control.requests()), JSON.stringify(await harness.emulator.control.state())]) {
      assert.ok(!text.includes(passphrase));
    }
  });

  it('fails with the setup tool output on a wrong passphrase and never registers', async () => {
    // With registrations held, a registration the failed run would have started is visible as held work.
    await harness.emulator.control.hold({ kind: 'processServerRegistration' });
    await compute.virtualMachineRunCommands.createOrUpdate(group, vmName, 'register-ps', registrationRunCommand('192.168.10.20', 'not-the-passphrase'), harness.poll);
    const result = await compute.virtualMachineRunCommands.getByVirtualMachine(group, vmName, 'register-ps', { expand: 'instanceView' });
    assert.equal(result.instanceView?.executionState, 'Failed');
    assert.equal(result.instanceView.exitCode, 3, "the script ends with Unified Setup's exit code");
    assert.match(result.instanceView.error ?? '', /^ERROR: Unified Setup exited with code 3/);
    assert.match(result.instanceView.output ?? '', /The passphrase is invalid/, 'the setup log tail says why');
    assert.deepEqual(await heldWork(), [], 'the failed run started no registration');
    assert.equal(await harness.emulator.control.releaseHold(), 0);
    assert.ok(!(await processServerIps()).includes('10.10.2.10'));
  });

  it('fails as unreachable on port 443 without a VPN/ExpressRoute gateway, or on another port', async () => {
    const isolatedVm = await createIsolatedVm(harness, compute, group);
    await compute.virtualMachineRunCommands.createOrUpdate(group, isolatedVm, 'register-ps', registrationRunCommand('192.168.10.20', passphrase), harness.poll);
    const isolated = await compute.virtualMachineRunCommands.getByVirtualMachine(group, isolatedVm, 'register-ps', { expand: 'instanceView' });
    assert.equal(isolated.instanceView?.executionState, 'Failed');
    assert.equal(isolated.instanceView.exitCode, 2);
    assert.match(isolated.instanceView.error ?? '', /Unable to connect to the configuration server 192\.168\.10\.20:443/);

    await compute.virtualMachineRunCommands.createOrUpdate(group, vmName, 'register-ps', registrationRunCommand('192.168.10.20', passphrase, { ConfigurationServerPort: '9443' }), harness.poll);
    const wrongPort = await compute.virtualMachineRunCommands.getByVirtualMachine(group, vmName, 'register-ps', { expand: 'instanceView' });
    assert.equal(wrongPort.instanceView?.executionState, 'Failed');
    assert.equal(wrongPort.instanceView.exitCode, 2);
    assert.match(wrongPort.instanceView.error ?? '', /192\.168\.10\.20:9443: No connection could be made because the target machine actively refused it/);
  });

  it('runs two managed run commands on one VM at the same time (run-command-managed.md: parallel execution)', async () => {
    // Both stay executing until the test releases them; submitted() is each one's accepted PUT.
    const hold = await harness.emulator.control.hold({ kind: 'operation', method: 'PUT', path: '**/runCommands/*' });
    const first = compute.virtualMachineRunCommands.createOrUpdate(group, vmName, 'first', { location: 'japaneast', source: { script: 'Start-Sleep 1' } }, harness.poll);
    const second = compute.virtualMachineRunCommands.createOrUpdate(group, vmName, 'second', { location: 'japaneast', source: { script: 'hostname' } }, harness.poll);
    let released: number;
    try {
      await Promise.all([first.submitted(), second.submitted()]);
      const views = await Promise.all(['first', 'second'].map((name) => compute.virtualMachineRunCommands.getByVirtualMachine(group, vmName, name, { expand: 'instanceView' })));
      assert.deepEqual(views.map((view) => view.instanceView?.executionState), ['Running', 'Running'], 'both execute at once');
      assert.equal((await heldWork()).length, 2, 'both PUTs were accepted and are running');
    } finally {
      released = await harness.emulator.control.releaseHold(hold.id);
    }
    assert.equal(released, 2, 'the hold kept both executing');
    assert.deepEqual([(await first).provisioningState, (await second).provisioningState], ['Succeeded', 'Succeeded']);
    const ended = await Promise.all(['first', 'second'].map((name) => compute.virtualMachineRunCommands.getByVirtualMachine(group, vmName, name, { expand: 'instanceView' })));
    assert.deepEqual(ended.map((view) => view.instanceView?.executionState), ['Succeeded', 'Succeeded']);
  });

  it('refuses a second runCommand action while one runs on the VM: 409 Conflict (run-command.md: one script at a time)', async () => {
    // The first action stays executing until the test releases it; submitted() is its accepted POST.
    const hold = await harness.emulator.control.hold({ kind: 'operation', method: 'POST', path: '**/virtualMachines/*/runCommand' });
    const first = compute.virtualMachines.runCommand(group, vmName, { commandId: 'RunPowerShellScript', script: ['Start-Sleep 1'] }, harness.poll);
    let released: number;
    try {
      await first.submitted();
      // submitted(): the POST's own answer (had it been accepted, the hold would keep it running as well).
      const second = await rejectionOf(compute.virtualMachines.runCommand(group, vmName, { commandId: 'RunPowerShellScript', script: ['hostname'] }, harness.poll).submitted());
      assert.equal(second.code, 'Conflict');
      assert.equal(second.statusCode, 409);
      assert.match(second.message, /^Run command extension execution is in progress\. Please wait for completion before invoking a run command\.$/);
    } finally {
      released = await harness.emulator.control.releaseHold(hold.id);
    }
    assert.equal(released, 1, 'only the first action was executing');
    assert.equal((await first).value?.[0]?.code, 'ComponentStatus/StdOut/succeeded');
    const third = await compute.virtualMachines.runCommand(group, vmName, { commandId: 'RunPowerShellScript', script: ['hostname'] }, harness.poll);
    assert.equal(third.value?.[0]?.code, 'ComponentStatus/StdOut/succeeded', 'once the first has finished, another action is accepted');
  });

  it('refuses both forms on a stopped or deallocated VM with 409 OperationNotAllowed, and accepts them once it runs again', async () => {
    const managed = (name: string): Promise<unknown> => compute.virtualMachineRunCommands.createOrUpdate(group, vmName, name, { location: 'japaneast', source: { script: 'hostname' } }, harness.poll);
    const action = (): Promise<unknown> => compute.virtualMachines.runCommand(group, vmName, { commandId: 'RunPowerShellScript', script: ['hostname'] }, harness.poll);
    await managed('before-stop');
    for (const stop of [(): Promise<unknown> => compute.virtualMachines.powerOff(group, vmName, harness.poll), (): Promise<unknown> => compute.virtualMachines.deallocate(group, vmName, harness.poll)]) {
      await stop();
      const refusedPut = await rejectionOf(managed('while-stopped'));
      assert.deepEqual([refusedPut.statusCode, refusedPut.code, refusedPut.message], [409, 'OperationNotAllowed', 'Cannot modify extensions in the VM when the VM is not running.']);
      const refusedDelete = await rejectionOf(compute.virtualMachineRunCommands.delete(group, vmName, 'before-stop', harness.poll));
      assert.equal(refusedDelete.code, 'OperationNotAllowed');
      const refusedAction = await rejectionOf(action());
      assert.deepEqual([refusedAction.statusCode, refusedAction.code, refusedAction.message], [409, 'OperationNotAllowed', 'The operation requires the VM to be running (or set to run).']);
    }
    const stopped = await compute.virtualMachines.instanceView(group, vmName);
    assert.ok(stopped.statuses?.some((status) => status.code === 'PowerState/deallocated'));
    await compute.virtualMachines.start(group, vmName, harness.poll);
    assert.equal(((await managed('after-start')) as { provisioningState?: string }).provisioningState, 'Succeeded');
    await compute.virtualMachineRunCommands.delete(group, vmName, 'before-stop', harness.poll);
    assert.equal((await compute.virtualMachines.runCommand(group, vmName, { commandId: 'RunPowerShellScript', script: ['hostname'] }, harness.poll)).value?.[0]?.code, 'ComponentStatus/StdOut/succeeded');
  });

  it('runs the runCommand action: 202 + Location, then StdOut/StdErr statuses', async () => {
    const result = await compute.virtualMachines.runCommand(group, vmName, { commandId: 'RunPowerShellScript', script: ['Get-Service obengine'] }, harness.poll);
    assert.deepEqual(result.value?.map((status) => status.code), ['ComponentStatus/StdOut/succeeded', 'ComponentStatus/StdErr/succeeded']);
    const post = (await harness.emulator.control.requests()).find((entry) => entry.method === 'POST' && entry.path.endsWith('/runCommand'));
    assert.equal(post?.status, 202);
    const badCommand = await rejectionOf(compute.virtualMachines.runCommand(group, vmName, { commandId: 'NoSuchCommand' }, harness.poll));
    assert.equal(badCommand.code, 'InvalidParameter');
  });
});
