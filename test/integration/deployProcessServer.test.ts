import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { DeploymentStepId } from '../../src/deployment/deploymentLedger';
import type { FaultRule } from '../emulator/control/faults';
import type { RequestLogEntry } from '../emulator/control/requestLog';
import type { HoldRule } from '../emulator/control/holds';
import { waitUntil } from '../support/waitUntil';
import { infrastructureTree, renderChildren, wizardApi } from './extensionTestContext';
import { ScriptedUserInput, type ScriptedAnswer } from './scriptedUserInput';
import { PASSPHRASE, PASSWORD } from './wizardScripts';
import { control, deploy, deploymentTestBed, filesUnder, groupId, IP_ADDRESS, NEW_ACCOUNT, NEW_GROUP, nicId, resource, resourceIds, SERVER, tokyo, tokyoProcessServers, toDeploy, vmId } from './deploymentScripts';

/** The running deployment's id, once the ledger has it. */
async function runningDeploymentId(): Promise<string> {
  const api = await wizardApi();
  return waitUntil('a running deployment in the ledger', () => api.deploymentRecords().find((record) => record.state === 'running')?.plan.deploymentId, { timeoutMs: 20_000 });
}

describe('Deploy and register a process server (real extension host, emulator)', function () {
  this.timeout(120_000);
  const seededResources = deploymentTestBed();

  it('creates every resource with its tags, registers through a protected parameter, and waits for the heartbeat', async () => {
    const before = (await control.requests()).at(-1)?.sequence ?? 0;
    const { outcome } = await deploy(toDeploy());
    assert.equal(outcome.deployment?.state, 'succeeded', outcome.deployment?.message);
    const deploymentId = outcome.deploymentId;

    const created = (await resourceIds()).filter((id) => !seededResources().includes(id));
    const expected = [
      groupId(NEW_GROUP),
      `${groupId(NEW_GROUP)}/providers/Microsoft.Storage/storageAccounts/${NEW_ACCOUNT}`,
      nicId(NEW_GROUP),
      vmId(NEW_GROUP),
      `${groupId(NEW_GROUP)}/providers/Microsoft.Compute/disks/${SERVER}-osdisk`,
      `${vmId(NEW_GROUP)}/runCommands/asr-failback-check-path`,
      `${vmId(NEW_GROUP)}/runCommands/asr-failback-register`,
    ].map((id) => id.toLowerCase());
    assert.deepEqual(created.filter((id) => !expected.includes(id)), [], 'nothing else was created');
    assert.deepEqual(expected.filter((id) => !created.includes(id)), [], 'everything planned was created');

    for (const id of [groupId(NEW_GROUP), nicId(NEW_GROUP), vmId(NEW_GROUP), `${groupId(NEW_GROUP)}/providers/Microsoft.Storage/storageAccounts/${NEW_ACCOUNT}`]) {
      const tags = (await resource(id))?.tags ?? {};
      assert.equal(tags['asr-failback:managed-by'], 'vscode-asr-failback', id);
      assert.equal(tags['asr-failback:deployment-id'], deploymentId, id);
      assert.equal(tags['asr-failback:process-server-ip'], IP_ADDRESS, id);
      assert.equal(tags['asr-failback:computer-name'], SERVER, id);
      assert.match(tags['asr-failback:vault'] ?? '', /\/rsv-failback-japaneast$/, id);
      assert.ok((tags['asr-failback:configuration-server'] ?? '') !== '', id);
    }
    const nic = (await resource(nicId(NEW_GROUP)))?.properties as { ipConfigurations: { properties: Record<string, unknown> }[] };
    const ipConfiguration = nic.ipConfigurations[0]?.properties ?? {};
    assert.equal(ipConfiguration['privateIPAddress'], IP_ADDRESS);
    assert.equal(ipConfiguration['privateIPAllocationMethod'], 'Static');
    assert.equal(ipConfiguration['publicIPAddress'], undefined, 'no public IP');
    const vm = (await resource(vmId(NEW_GROUP)))?.properties as {
      hardwareProfile: { vmSize: string };
      storageProfile: { imageReference: { sku: string }; osDisk: { managedDisk: { storageAccountType: string } } };
      diagnosticsProfile: { bootDiagnostics: Record<string, unknown> };
    };
    assert.equal(vm.hardwareProfile.vmSize, 'Standard_A8_v2');
    assert.equal(vm.storageProfile.imageReference.sku, '2016-Datacenter');
    assert.equal(vm.storageProfile.osDisk.managedDisk.storageAccountType, 'StandardSSD_LRS');
    const bootDiagnostics = vm.diagnosticsProfile.bootDiagnostics;
    assert.equal(bootDiagnostics['enabled'], true);
    assert.equal(bootDiagnostics['storageUri'], `https://${NEW_ACCOUNT}.blob.core.windows.net/`);

    const registrationRun = (await resource(`${vmId(NEW_GROUP)}/runCommands/asr-failback-register`))?.properties ?? {};
    assert.equal(registrationRun['protectedParameters'], undefined, 'Azure never returns protected parameters');
    assert.ok(!JSON.stringify(registrationRun).includes(PASSPHRASE), 'the passphrase is nowhere in the run command');
    const plain = (registrationRun['parameters'] as { name: string; value: string }[]).map((parameter) => parameter.name);
    assert.ok(plain.includes('ConfigurationServerAddress') && plain.includes('InstallerUrl') && !plain.includes('ConfigurationServerPassphrase'));

    const requests = await control.requests(before);
    const registrationPut = requests.find((request) => request.method === 'PUT' && request.path.endsWith('/runCommands/asr-failback-register'));
    const protectedSent = (registrationPut?.body as { properties?: { protectedParameters?: { name: string; value: string }[] } } | undefined)?.properties?.protectedParameters;
    assert.deepEqual(protectedSent?.map((parameter) => parameter.name), ['ConfigurationServerPassphrase'], 'the passphrase went as the one protected parameter');

    const servers = await tokyoProcessServers();
    const registered = servers.find((server) => server['ipAddress'] === IP_ADDRESS);
    assert.ok(registered !== undefined, 'the process server is in the fabric');
    assert.equal(registered['friendlyName'], SERVER);
    assert.ok(Date.now() - Date.parse(String(registered['lastHeartbeat'])) < 15 * 60 * 1000, 'with a recent heartbeat');
    const record = (await wizardApi()).deploymentRecords().find((candidate) => candidate.plan.deploymentId === deploymentId);
    assert.ok(record !== undefined);
    assert.equal(record.state, 'succeeded');
    assert.deepEqual([...record.completedSteps].sort(), ['heartbeat', 'networkInterface', 'pathCheck', 'providers', 'registration', 'resourceGroup', 'storageAccount', 'virtualMachine']);
  });

  it('shows the new VM as deploying under its configuration server, then as its registered process server, refreshing only that node', async () => {
    const tree = await infrastructureTree();
    const fabric = await tokyo();
    const changed: unknown[] = [];
    const listener = tree.onDidChangeTreeData?.((node) => changed.push(node));
    try {
      await control.hold({ kind: 'operation', method: 'PUT', path: '**/runCommands/asr-failback-register' });
      const deployment = deploy(toDeploy());
      // The node says what the deployment does now: the registration, held.
      const deploying = await waitUntil('the VM shown as deploying', async () => (await renderChildren(tree, fabric)).find((node) => node.label === SERVER && /Installing/.test(node.description)), { timeoutMs: 30_000 });
      assert.match(deploying.description, /^deploying \(Installing the process server and registering it with cs-tokyo-01\) · deployed in Azure by this extension$/);
      assert.equal(deploying.iconId, 'loading~spin');
      await control.releaseHold();
      assert.equal((await deployment).outcome.deployment?.state, 'succeeded');
      const registered = await waitUntil('the registered process server', async () => (await renderChildren(tree, await tokyo())).find((node) => node.label === SERVER && node.contextValue === 'asrFailback.processServer.deployed'), { timeoutMs: 30_000 });
      assert.match(registered.description, new RegExp(`^${IP_ADDRESS.replace(/\./g, '\\.')} · .*deployed in Azure by this extension`));
      assert.ok(changed.length > 0, 'the tree was told to refresh');
      const idOf = (node: unknown): unknown => (node as { id?: unknown } | undefined)?.id;
      assert.deepEqual([...new Set(changed.map(idOf))], [idOf(fabric)], 'only the configuration server was refreshed');
    } finally {
      listener?.dispose();
    }
  });

  it('creates the storage account and the NIC side by side, and the VM only after both', async () => {
    const before = (await control.requests()).at(-1)?.sequence ?? 0;
    await control.hold({ kind: 'operation', method: 'PUT', path: '**/storageAccounts/*' });
    const deployment = deploy(toDeploy());
    await waitUntil('the NIC created while the storage account is still held', async () => {
      const requests = await control.requests(before);
      return requests.some((request) => request.method === 'PUT' && request.path.endsWith(`/networkInterfaces/${SERVER}-nic`) && request.status === 201) ? true : undefined;
    }, { timeoutMs: 20_000 });
    assert.equal((await control.requests(before)).filter((request) => request.method === 'PUT' && request.path.includes('/virtualMachines/')).length, 0, 'the VM waits for the storage account');
    await control.releaseHold();
    assert.equal((await deployment).outcome.deployment?.state, 'succeeded');
  });

  it('retries a throttled request no sooner than the Retry-After Azure sent', async () => {
    const before = (await control.requests()).at(-1)?.sequence ?? 0;
    await control.addFault({ method: 'PUT', path: '**/virtualMachines/*', action: { kind: 'throttle', retryAfterSeconds: 1 }, count: 1 });
    const { outcome } = await deploy(toDeploy({ existingGroupAndAccount: true }));
    assert.equal(outcome.deployment?.state, 'succeeded', outcome.deployment?.message);
    const puts = (await control.requests(before)).filter((request) => request.method === 'PUT' && request.path.endsWith(`/virtualMachines/${SERVER}`));
    assert.deepEqual(puts.map((request) => request.status), [429, 201]);
    const [throttled, retried] = [puts.at(0), puts.at(1)];
    assert.ok(throttled !== undefined && retried !== undefined);
    assert.ok(Date.parse(retried.time) - Date.parse(throttled.time) >= 1000, 'the retry waited for Retry-After');
  });

  it('rolls back what a run created and leaves what existed before, when the VM fails as Azure reports it', async () => {
    await control.addFault({ method: 'PUT', path: '**/virtualMachines/*', action: { kind: 'lroFailure', code: 'OSProvisioningTimedOut', message: 'OS Provisioning for VM did not finish in the allotted time.' } });
    const { ui, outcome } = await deploy([...toDeploy({ existingGroupAndAccount: true }), { choose: 'Roll Back' }]);
    const choice = ui.prompts.find((prompt) => prompt.kind === 'choice');
    assert.match(choice?.text ?? '', /failed at "Creating the virtual machine ps-deploy-01/);
    assert.match(choice?.text ?? '', /OSProvisioningTimedOut/);
    assert.equal(outcome.deployment?.state, 'rolledBack');
    assert.equal(outcome.deployment.stoppedAt, 'virtualMachine');
    assert.deepEqual(await resourceIds(), seededResources(), 'exactly what the run created is gone; the group, the storage account and the other VM stay');
  });

  it('stops before registering when the network has no gateway, with the path table and the cause', async () => {
    const { ui, outcome } = await deploy([...toDeploy({ existingGroupAndAccount: true, network: 'vnet-isolated-japaneast' }), { choose: 'Keep' }]);
    assert.equal(outcome.deployment?.state, 'kept');
    assert.equal(outcome.deployment.stoppedAt, 'pathCheck');
    const choice = ui.prompts.find((prompt) => prompt.kind === 'choice');
    assert.match(choice?.text ?? '', /VPN\/ExpressRoute route/);
    assert.equal(await resource(`${vmId('rg-asr-ps-deploy')}/runCommands/asr-failback-register`), undefined, 'the registration did not start');
    assert.ok((await tokyoProcessServers()).every((server) => server['ipAddress'] !== '10.20.1.5'));
  });

  it('stops before registering when the configuration server does not answer on 443', async () => {
    await control.setConfigurationServerAnswersOnPort443('192.168.10.20', false);
    try {
      const { ui, outcome } = await deploy([...toDeploy({ existingGroupAndAccount: true }), { choose: 'Keep' }]);
      assert.equal(outcome.deployment?.state, 'kept');
      assert.equal(outcome.deployment.stoppedAt, 'pathCheck');
      assert.match(ui.prompts.find((prompt) => prompt.kind === 'choice')?.text ?? '', /network security group|on-premises firewall/);
      assert.equal(await resource(`${vmId('rg-asr-ps-deploy')}/runCommands/asr-failback-register`), undefined, 'the registration did not start');
    } finally {
      await control.setConfigurationServerAnswersOnPort443('192.168.10.20', true);
    }
  });

  it('resumes after a wrong passphrase with the right one, adopting what the first run created', async () => {
    const { ui, outcome } = await deploy([...toDeploy({ passphrase: 'Not-the-passphrase-0001' }), { choose: 'Keep' }]);
    assert.equal(outcome.deployment?.state, 'kept');
    assert.equal(outcome.deployment.stoppedAt, 'registration');
    assert.match(ui.prompts.find((prompt) => prompt.kind === 'choice')?.text ?? '', /passphrase is invalid/);
    const resumeUi = new ScriptedUserInput([{ pick: SERVER }, { choose: 'Resume' }, { input: PASSPHRASE }]);
    const resumed = await (await wizardApi()).resumeOrRollBack(resumeUi);
    assert.deepEqual(resumeUi.unused, []);
    assert.equal(resumed?.state, 'succeeded', resumed?.message);
    assert.ok((await tokyoProcessServers()).some((server) => server['ipAddress'] === IP_ADDRESS));
  });

  it('stops with a resumable message when no heartbeat comes in time, and resumes once it does', async () => {
    await vscode.workspace.getConfiguration('asrFailback.registration').update('heartbeatTimeoutMinutes', 0.002, vscode.ConfigurationTarget.Global);
    await control.hold({ kind: 'processServerRegistration' });
    const { ui, outcome } = await deploy([...toDeploy(), { choose: 'Keep' }]);
    assert.equal(outcome.deployment?.state, 'kept');
    assert.equal(outcome.deployment.stoppedAt, 'heartbeat');
    assert.match(ui.prompts.find((prompt) => prompt.kind === 'choice')?.text ?? '', /heartbeatTimeoutMinutes/);
    await control.releaseHold();
    const resumed = await (await wizardApi()).resumeOrRollBack(new ScriptedUserInput([{ pick: SERVER }, { choose: 'Resume' }]));
    assert.equal(resumed?.state, 'succeeded', resumed?.message);
  });

  it('keeps the password and the passphrase out of the logs, the state, the settings, messages, plans and the request log', async () => {
    const before = (await control.requests()).at(-1)?.sequence ?? 0;
    const planFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'asr-plan-')), 'plan.json');
    const answers = toDeploy({ passphrase: 'Not-the-passphrase-0001' });
    await deploy([...answers.slice(0, -1), { pick: /Save the plan as JSON/ }, { file: planFile }]);
    const fromPlan = new ScriptedUserInput([
      { file: planFile },
      { pick: /Use vnet-failover-japaneast anyway/ },
      { input: PASSWORD },
      { input: PASSWORD },
      { input: PASSPHRASE },
      { pick: 'Do not remember it' },
      { pick: /Deploy and register/ },
    ]);
    await control.addFault({ method: 'PUT', path: '**/networkInterfaces/*', action: { kind: 'error', status: 500, code: 'InternalServerError', message: 'Transient.' }, count: 1 });
    const outcome = await (await wizardApi()).addProcessServerFromPlan(fromPlan);
    assert.equal(outcome.deployment?.state, 'succeeded', outcome.deployment?.message);

    const { logDirectory, globalStorageDirectory } = (await wizardApi()).storageLocations();
    const userDirectory = path.dirname(path.dirname(globalStorageDirectory));
    const places: Record<string, string> = {
      'saved plan': fs.readFileSync(planFile, 'utf8'),
      'messages and prompts': JSON.stringify([fromPlan.prompts, outcome]),
      'request log': JSON.stringify(await control.requests(before)),
      'emulator state': JSON.stringify(await control.state()),
      "the extension's global state": JSON.stringify((await wizardApi()).globalState()),
      'the settings': JSON.stringify(vscode.workspace.getConfiguration('asrFailback')),
    };
    for (const file of filesUnder(logDirectory)) {
      places[`log ${file}`] = fs.readFileSync(file, 'utf8');
    }
    for (const file of [...filesUnder(userDirectory), ...filesUnder(globalStorageDirectory)].filter((candidate) => /(\.json|\.vscdb[^/]*)$/.test(candidate))) {
      places[`user data ${file}`] = fs.readFileSync(file).toString('latin1');
    }
    assert.ok(Object.keys(places).some((place) => place.startsWith('log ')), 'the output channel has a log file');
    assert.ok(Object.keys(places).some((place) => place.endsWith('settings.json')), 'the settings file was scanned');
    assert.match(places["the extension's global state"] ?? '', /asrFailback\.deployments/, "the ledger is in the extension's global state");
    for (const [place, text] of Object.entries(places)) {
      for (const secret of [PASSWORD, PASSPHRASE]) {
        assert.ok(!text.includes(secret), `a secret appears in ${place}`);
      }
    }
    const requests = await control.requests(before);
    const vmPut = requests.filter((request) => request.method === 'PUT' && request.path.endsWith(`/virtualMachines/${SERVER}`)).at(-1);
    assert.equal((vmPut?.body as { properties: { osProfile: { adminPassword?: string } } }).properties.osProfile.adminPassword, '***', 'the password went only in the VM request (redacted in the log)');
    const withPassword = requests.filter((request) => JSON.stringify(request.body ?? '').includes('adminPassword'));
    assert.deepEqual(withPassword.map((request) => request.path), [vmPut?.path]);
    const withProtected = requests.filter((request) => JSON.stringify(request.body ?? '').includes('protectedParameters":[{'));
    assert.deepEqual(withProtected.map((request) => request.path.split('/').at(-1)), ['asr-failback-register'], 'the passphrase went only as the registration\'s protected parameter');
  });

  it('recovers a deployment a crashed window left running: offered at start-up, rolled back', async () => {
    await control.hold({ kind: 'operation', method: 'PUT', path: '**/virtualMachines/*' });
    const api = await wizardApi();
    const deployment = deploy([...toDeploy(), { choose: 'Keep' }]);
    const deploymentId = await runningDeploymentId();
    await waitUntil('the VM create held', async () => ((await control.holds()).some((hold) => hold.pending.length > 0) ? true : undefined), { timeoutMs: 20_000 });
    assert.ok(api.cancelDeployment(deploymentId));
    assert.equal((await deployment).outcome.deployment?.state, 'kept');
    await control.releaseHold();
    // What a window that crashed here leaves: the record still running, its extension host gone.
    await api.markInterrupted(deploymentId, await exitedProcessId());
    const offerUi = new ScriptedUserInput([{ choose: 'Resume or Roll Back…' }, { pick: SERVER }, { choose: 'Roll Back' }]);
    await api.offerInterruptedDeployments(offerUi);
    assert.deepEqual(offerUi.unused, []);
    assert.match(offerUi.prompts[0]?.text ?? '', /interrupted by a window reload or a crash/);
    assert.deepEqual(await resourceIds(), seededResources(), 'everything the interrupted run created is gone');
    assert.equal(api.deploymentRecords().find((record) => record.plan.deploymentId === deploymentId)?.state, 'rolledBack');
  });
});

/** Whether a logged request is the one a step's fault slows down (same method, path ending as the fault's). */
function isSlowedRequest(request: RequestLogEntry, fault: FaultRule): boolean {
  const ending = (fault.path ?? '').split('/').at(-1)?.toLowerCase() ?? '';
  return request.method === fault.method && ending !== '' && request.path.toLowerCase().endsWith(`/${ending}`);
}

/** The id of a process that has exited (as a crashed extension host's has). */
async function exitedProcessId(): Promise<number> {
  const { spawn } = await import('node:child_process');
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore', env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
  await new Promise((resolve) => child.once('exit', resolve));
  assert.ok(child.pid !== undefined);
  return child.pid;
}

/** Per step: an injected failure rolled back, and a cancel resumed to the end. */
const stepFaults: readonly {
  readonly step: DeploymentStepId;
  readonly fault: FaultRule;
  /** What keeps the step running for a cancel: an LRO or a registration held, or else the fault's request slowed down. */
  readonly hold?: HoldRule;
  readonly label: RegExp;
}[] = [
  {
    step: 'providers',
    fault: { method: 'GET', path: '/subscriptions/*/providers/Microsoft.Network', action: { kind: 'error', status: 403, code: 'AuthorizationFailed', message: 'The client does not have authorization to perform action Microsoft.Network/register/action.' } },
    label: /Checking the resource providers/,
  },
  {
    step: 'resourceGroup',
    fault: { method: 'PUT', path: `/subscriptions/*/resourcegroups/${NEW_GROUP}`, action: { kind: 'error', status: 403, code: 'RequestDisallowedByPolicy', message: 'Resource was disallowed by policy.' } },
    label: /Creating the resource group/,
  },
  {
    step: 'storageAccount',
    fault: { method: 'PUT', path: '**/storageAccounts/*', action: { kind: 'lroFailure', code: 'StorageAccountOperationInProgress', message: 'An operation is currently performing on this storage account.' } },
    hold: { kind: 'operation', method: 'PUT', path: '**/storageAccounts/*' },
    label: /Creating the storage account/,
  },
  {
    step: 'networkInterface',
    fault: { method: 'PUT', path: '**/networkInterfaces/*', action: { kind: 'lroFailure', code: 'InternalServerError', message: 'An error occurred.' } },
    hold: { kind: 'operation', method: 'PUT', path: '**/networkInterfaces/*' },
    label: /Creating the network interface/,
  },
  {
    step: 'virtualMachine',
    fault: { method: 'PUT', path: '**/virtualMachines/*', action: { kind: 'lroFailure', code: 'AllocationFailed', message: 'Allocation failed. We do not have sufficient capacity for the requested VM size in this region.' } },
    hold: { kind: 'operation', method: 'PUT', path: '**/virtualMachines/*' },
    label: /Creating the virtual machine/,
  },
  {
    step: 'pathCheck',
    fault: { method: 'PUT', path: '**/runCommands/asr-failback-check-path', action: { kind: 'error', status: 409, code: 'OperationNotAllowed', message: 'The operation is not allowed.' } },
    hold: { kind: 'operation', method: 'PUT', path: '**/runCommands/asr-failback-check-path' },
    label: /Checking the path/,
  },
  {
    step: 'registration',
    fault: { method: 'PUT', path: '**/runCommands/asr-failback-register', action: { kind: 'lroFailure', code: 'VMAgentStatusCommunicationError', message: 'VM has reported a failure when processing extension.' } },
    hold: { kind: 'operation', method: 'PUT', path: '**/runCommands/asr-failback-register' },
    label: /Installing the process server/,
  },
  {
    step: 'heartbeat',
    fault: { method: 'GET', path: '**/replicationFabrics/*', action: { kind: 'error', status: 403, code: 'AuthorizationFailed', message: 'The client does not have authorization to read the fabric.' } },
    hold: { kind: 'processServerRegistration' },
    label: /Waiting for the process server/,
  },
];

describe('Deploy: every step, failed and cancelled (real extension host, emulator)', function () {
  this.timeout(120_000);
  const seededResources = deploymentTestBed();

  for (const { step, fault, hold, label } of stepFaults) {
    it(`${step}: a failure names the step and Azure's error, and a rollback removes exactly what the run created`, async () => {
      const deployment = (async () => {
        if (step !== 'heartbeat') {
          await control.addFault(fault);
          return deploy([...toDeploy(), { choose: 'Roll Back' }]);
        }
        // The registration reads the fabric too: the fault comes once the registration has run and the process
        // server's appearance is held back, so that only the heartbeat's reads meet it.
        await control.hold({ kind: 'processServerRegistration' });
        const running = deploy([...toDeploy(), { choose: 'Roll Back' }]);
        const deploymentId = await runningDeploymentId();
        const api = await wizardApi();
        await waitUntil('the registration done', () => (api.deploymentRecords().find((record) => record.plan.deploymentId === deploymentId)?.completedSteps.includes('registration') === true ? true : undefined), { timeoutMs: 30_000 });
        await control.addFault({ ...fault, count: 1000 });
        return running;
      })();
      const { ui, outcome } = await deployment;
      await control.clearFaults();
      const choice = ui.prompts.find((prompt) => prompt.kind === 'choice');
      assert.ok(label.test(choice?.text ?? ''), `the message names the step: ${choice?.text ?? ''}`);
      const code = fault.action.kind === 'lroFailure' || fault.action.kind === 'error' ? (fault.action.code ?? '') : '';
      assert.ok(choice?.text.includes(code), `and Azure's code ${code}: ${choice?.text ?? ''}`);
      assert.equal(outcome.deployment?.stoppedAt, step);
      assert.equal(outcome.deployment.state, 'rolledBack', JSON.stringify(outcome.deployment.rollback));
      assert.deepEqual(await resourceIds(), seededResources(), 'after the rollback Azure holds exactly what it held before');
    });

    it(`${step}: a cancel stops it at once, and a resume completes the deployment`, async () => {
      const api = await wizardApi();
      const before = (await control.requests()).at(-1)?.sequence ?? 0;
      const slow = hold === undefined ? await control.addFault({ ...fault, action: { kind: 'latency', ms: 60_000 } }) : undefined;
      if (hold !== undefined) {
        await control.hold(hold);
      }
      const deployment = deploy([...toDeploy(), { choose: 'Keep' }]);
      const deploymentId = await runningDeploymentId();
      await waitUntil(`${step} under way`, async () => {
        if (step === 'heartbeat') {
          return api.deploymentRecords().find((record) => record.plan.deploymentId === deploymentId)?.completedSteps.includes('registration') === true ? true : undefined;
        }
        if (hold !== undefined) {
          return (await control.holds()).some((active) => active.pending.length > 0) ? true : undefined;
        }
        return (await control.requests(before)).some((request) => isSlowedRequest(request, fault)) ? true : undefined;
      }, { timeoutMs: 30_000 });
      // Steps that run side by side (the providers and the resource group; the storage account and the NIC): the cancel
      // must find only the held one running, or it stops both and names the first of them.
      const siblings: Partial<Record<DeploymentStepId, DeploymentStepId>> = { resourceGroup: 'providers', storageAccount: 'networkInterface', networkInterface: 'storageAccount' };
      const sibling = siblings[step];
      if (sibling !== undefined) {
        await waitUntil(`${sibling} done beside the held ${step}`, () => (api.deploymentRecords().find((record) => record.plan.deploymentId === deploymentId)?.completedSteps.includes(sibling) === true ? true : undefined), { timeoutMs: 30_000 });
      }
      assert.ok(api.cancelDeployment(deploymentId), 'the deployment runs in this window');
      const { ui, outcome } = await deployment;
      assert.equal(outcome.deployment?.state, 'kept');
      assert.equal(outcome.deployment.stoppedAt, step);
      assert.match(ui.prompts.find((prompt) => prompt.kind === 'choice')?.text ?? '', /was cancelled at/);
      if (slow !== undefined) {
        const slowed = await waitUntil('the slowed request abandoned', async () => {
          const requests = (await control.requests(before)).filter((request) => isSlowedRequest(request, fault));
          return requests.length > 0 && requests.every((request) => request.abandoned === true) ? requests : undefined;
        }, { timeoutMs: 10_000 });
        assert.ok(slowed.length > 0, 'the request in flight was aborted on the wire');
      }
      const afterCancel = (await control.requests()).at(-1)?.sequence ?? 0;
      await control.releaseHold();
      await control.clearFaults();
      const polls = (await control.requests(afterCancel)).filter((request) => /\/(operations|operationResults|asyncoperations)\//i.test(request.path));
      assert.deepEqual(polls.map((request) => request.path), [], 'no poll after the cancel');
      const secrets: ScriptedAnswer[] = [
        ...(['providers', 'resourceGroup', 'storageAccount', 'networkInterface', 'virtualMachine'].includes(step) ? [{ input: PASSWORD }] : []),
        ...(step === 'heartbeat' ? [] : [{ input: PASSPHRASE }]),
      ];
      const resumeUi = new ScriptedUserInput([{ pick: SERVER }, { choose: 'Resume' }, ...secrets]);
      const resumed = await api.resumeOrRollBack(resumeUi);
      assert.deepEqual(resumeUi.unused, []);
      assert.equal(resumed?.state, 'succeeded', resumed?.message);
      assert.ok((await tokyoProcessServers()).some((server) => server['ipAddress'] === IP_ADDRESS));
    });
  }
});
