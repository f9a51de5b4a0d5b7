import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { DeploymentPlan } from '../../src/deployment/deploymentPlan';
import type { RequestLogEntry } from '../emulator/control/requestLog';
import { configurationServerNode, emulatorControl, wizardApi } from './extensionTestContext';
import { waitUntil } from '../support/waitUntil';
import { ScriptedUserInput, type ScriptedAnswer } from './scriptedUserInput';
import { PASSPHRASE, PASSWORD, SIZE_TO_PORTS, TOKYO_TO_SUBNET } from './wizardScripts';


const api = wizardApi;

/** The Tokyo configuration server's tree node, as a right-click hands it to the command. */
function tokyoConfigurationServer(): Promise<unknown> {
  return configurationServerNode('Contoso Production', 'rsv-failback-japaneast', 'cs-tokyo-01');
}


/** The answers from the subscription to the credentials, for the demo's failover network in Japan East. */
const throughCredentials: readonly ScriptedAnswer[] = [
  ...TOKYO_TO_SUBNET,
  { input: 'ps-failback-01', rejectedWith: /already exists in resource group rg-asr-ps-deploy/ },
  { input: 'ps-failback-02' },
  { input: 'asradmin' },
  { input: PASSWORD },
  { input: PASSWORD },
];

/** The answers after the credentials, to the summary, with the Azure-side checks of the static IP address. */
const throughSummary: readonly ScriptedAnswer[] = [
  { pick: 'contosoasrcachejpe01' },
  { input: '10.10.2.10', rejectedWith: /10\.10\.2\.10 is already in use in snet-process-server/ },
  { input: '10.10.2.4', rejectedWith: /Free addresses nearby: 10\.10\.2\.5/ },
  { input: '10.10.2.3', rejectedWith: /reserve/i },
  { input: '10.10.3.5', rejectedWith: /10\.10\.2\.0\/27/ },
  { input: '10.10.2.5' },
  ...SIZE_TO_PORTS,
  { input: PASSPHRASE },
  { pick: 'Do not remember it' },
  { pick: /Save the plan as JSON/ },
];

/** Fails with the error's own message unless `promise` ends as the user's cancellation. */
async function rejectsAsCancelled(promise: Promise<unknown>): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof Error);
    assert.equal(error.name, 'UserCancelledError', error.message);
    return true;
  });
}

function temporaryPlanFile(): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'asr-plan-')), 'plan.json');
}

/** Requests that would change something in Azure: none may be sent before the final confirmation. */
function changes(requests: readonly RequestLogEntry[]): string[] {
  return requests
    .filter((request) => request.path.startsWith('/subscriptions') && request.method !== 'GET' && request.method !== 'HEAD')
    .filter((request) => !/\/(CheckIPAddressAvailability|checkNameAvailability)$/i.test(request.path))
    .map((request) => `${request.method} ${request.path}`);
}

describe('Add Process Server in Azure: the guided flow (scripted answers, real extension host, emulator)', () => {
  const control = emulatorControl();
  let before = 0;

  beforeEach(async () => {
    await control.resetState();
    await control.clearFaults();
    before = (await control.requests()).at(-1)?.sequence ?? 0;
  });

  afterEach(async () => {
    assert.deepEqual(changes(await control.requests(before)), [], 'nothing was created or changed in Azure');
  });

  it('goes forward through every step from a right-click on a configuration server, and saves a plan without secrets', async () => {
    const planFile = temporaryPlanFile();
    const ui = new ScriptedUserInput([...throughCredentials, ...throughSummary, { file: planFile }]);
    const context = await (await api()).addProcessServer(await tokyoConfigurationServer(), ui);
    assert.deepEqual(ui.unused, []);
    assert.equal(context.configurationServer?.fabric.friendlyName, 'cs-tokyo-01');
    assert.equal(context.subscription?.name, 'Contoso Production');
    assert.deepEqual(context.resourceGroup, { name: 'rg-asr-ps-deploy', isNew: false, location: 'japaneast' });
    assert.equal(context.location?.name, 'japaneast');
    assert.equal(context.virtualNetwork?.name, 'vnet-failover-japaneast');
    assert.equal(context.subnet?.addressPrefix, '10.10.2.0/27');
    assert.equal(context.serverName, 'ps-failback-02');
    assert.equal(context.adminUsername, 'asradmin');

    const titles = new Set(ui.prompts.map((prompt) => prompt.title));
    assert.deepEqual([...titles], ['Add Process Server in Azure']);
    const steps = ui.prompts.map((prompt) => prompt.step);
    assert.equal(steps[0], 1);
    assert.ok(steps.every((step, index) => index === 0 || step - (steps[index - 1] ?? 0) <= 1), 'the step number counts up');
    assert.ok(ui.prompts.every((prompt) => prompt.totalSteps >= prompt.step));
    assert.equal(ui.prompts.at(-1)?.step, ui.prompts.at(-1)?.totalSteps, 'the summary is the last step');
    const maskedPrompts = ui.prompts.filter((prompt) => prompt.password).map((prompt) => prompt.text.split(' ')[0]);
    assert.deepEqual(maskedPrompts, ['Administrator', 'Administrator', 'Connection'], 'the password, its confirmation and the passphrase are masked');
    const warnings = ui.prompts.find((prompt) => prompt.text.includes('already serves'));
    assert.match(warnings?.text ?? '', /ps-failback-01/, 'the network already served is named with its process server');
    const ipPrompt = ui.prompts.find((prompt) => prompt.text.startsWith('Static private IP address'));
    assert.equal(ipPrompt?.initial, '10.10.2.5', "the subnet's first free address is suggested (10.10.2.4 is taken)");
    const sizePrompt = ui.prompts.find((prompt) => prompt.text.startsWith('The VM size'));
    assert.equal(sizePrompt?.labels[0], 'Standard_A8_v2', 'the size the portal deploys comes first');
    const imagePrompt = ui.prompts.find((prompt) => prompt.text.startsWith('The image'));
    assert.ok(imagePrompt?.labels.some((label) => label.startsWith('Site Recovery process server image')), 'Japan East publishes the Site Recovery image');

    const saved = fs.readFileSync(planFile, 'utf8');
    assert.ok(!saved.includes(PASSWORD) && !saved.includes(PASSPHRASE), 'the plan holds no password or passphrase');
    const plan = JSON.parse(saved) as DeploymentPlan;
    assert.equal(plan.deploymentId, context.deploymentId);
    assert.deepEqual(
      plan.resources.map((resource) => `${resource.create ? 'create' : 'use'} ${resource.type} ${resource.name}`),
      [
        'use Microsoft.Resources/resourceGroups rg-asr-ps-deploy',
        'use Microsoft.Storage/storageAccounts contosoasrcachejpe01',
        'create Microsoft.Network/networkInterfaces ps-failback-02-nic',
        'create Microsoft.Compute/virtualMachines ps-failback-02',
      ],
    );
    const vm = plan.resources.at(-1);
    assert.equal(vm?.tags['asr-failback:managed-by'], 'vscode-asr-failback');
    assert.equal(vm.tags['asr-failback:process-server-ip'], '10.10.2.5');
    assert.equal(vm.tags['asr-failback:deployment-id'], plan.deploymentId);
    assert.equal(vm.tags['asr-failback:vault'], 'c0a1b2c3-d4e5-4f60-8a7b-9c0d1e2f3a4b/rg-asr-japaneast/rsv-failback-japaneast');
    assert.ok(Object.values(vm.tags).every((value) => value.length <= 256), 'every tag value fits Azure\'s limit');
    const storageProfile = vm.properties['storageProfile'] as { osDisk: { managedDisk: { storageAccountType: string } } };
    assert.equal(storageProfile.osDisk.managedDisk.storageAccountType, 'StandardSSD_LRS', 'Standard_A8_v2 takes no Premium SSD');
    assert.deepEqual(plan.configurationServer.address, '192.168.10.20');
    assert.equal(plan.processServer.dataTransferPort, 9443);
  });

  it('asks for the configuration server first from the Command Palette', async () => {
    const ui = new ScriptedUserInput([{ pick: 'cs-tokyo-01' }, ...throughCredentials, ...throughSummary, { file: temporaryPlanFile() }]);
    const context = await (await api()).addProcessServer(undefined, ui);
    assert.deepEqual(ui.unused, []);
    assert.equal(context.configurationServer?.vault.name, 'rsv-failback-japaneast');
    const first = ui.prompts.at(0);
    assert.ok(first !== undefined && first.labels.includes('cs-tokyo-01'));
    assert.ok(!first.labels.includes('appliance-tokyo-rcm'), 'a replication appliance needs no process server in Azure');
  });

  it('goes back across several steps keeping the answers, but never the password', async () => {
    const ui = new ScriptedUserInput([
      ...throughCredentials.slice(0, 6), // to the subnet
      { input: 'ps-failback-03' },
      { input: 'asradmin' },
      { input: PASSWORD },
      'back', // from the confirmation to the password
      'back', // to the user name
      'back', // to the server name
      'back', // to the subnet
      { pick: 'default' },
      { input: 'ps-failback-03' },
      { input: 'asradmin' },
      { input: PASSWORD },
      { input: PASSWORD },
      { pick: 'contosoasrcachejpe01' },
      { input: '10.10.1.20' },
      'cancel',
    ]);
    await rejectsAsCancelled((await api()).addProcessServer(await tokyoConfigurationServer(), ui));
    assert.deepEqual(ui.unused, []);
    const context = { subnet: ui.prompts.some((prompt) => prompt.text.includes('(10.10.1.0/24)')) ? { name: 'default' } : undefined };
    assert.equal(context.subnet?.name, 'default', 'the static IP step asked within the subnet picked on the way back');
    const serverNamePrompts = ui.prompts.filter((prompt) => prompt.text.startsWith('Name of the process server'));
    assert.deepEqual(serverNamePrompts.map((prompt) => prompt.initial), ['ps-failback-01', 'ps-failback-03', 'ps-failback-03'], 'the typed name is offered again, on the way back and forward again');
    const subnetPrompts = ui.prompts.filter((prompt) => prompt.text.startsWith('The subnet of'));
    assert.equal(subnetPrompts.length, 2);
    assert.match(subnetPrompts[1]?.initial ?? '', /\/subnets\/snet-process-server$/, 'the subnet picked first is active on the way back');
    const passwordPrompts = ui.prompts.filter((prompt) => prompt.password);
    assert.ok(passwordPrompts.every((prompt) => prompt.initial === undefined), 'a password is never offered again');
  });

  it('asks Azure for the images of the region at the region step and for the IP suggestion at the subnet step', async () => {
    // The server name (the step after the subnet) is typed only once both reads have reached Azure; had they waited
    // for their own steps (image, static IP), which come later, the wait would never end.
    let paths: string[] = [];
    const readsStartedEarly = async (): Promise<void> => {
      await waitUntil(
        'the image-version reads and the IP availability check',
        async () => {
          paths = (await control.requests(before)).map((request) => request.path);
          const imageReads = paths.filter((path) => /\/vmimage\/offers\/[^/]+\/skus\/[^/]+\/versions$/i.test(path));
          const ipChecks = paths.filter((path) => /\/checkIPAddressAvailability$/i.test(path));
          return imageReads.length >= 1 && ipChecks.length >= 1 ? true : undefined;
        },
        { timeoutMs: 10_000 },
        () => paths.join(', '),
      );
    };
    const ui = new ScriptedUserInput([...TOKYO_TO_SUBNET, { input: 'ps-failback-02', whenReady: readsStartedEarly }, 'cancel']);
    await rejectsAsCancelled((await api()).addProcessServer(await tokyoConfigurationServer(), ui));
    assert.deepEqual(ui.unused, []);
  });

  const everyAnswer = [...throughCredentials, ...throughSummary];
  for (let answered = 0; answered < everyAnswer.length; answered += 1) {
    it(`cancels after ${String(answered)} answer(s) with nothing created`, async () => {
      const ui = new ScriptedUserInput([...everyAnswer.slice(0, answered), 'cancel']);
      await rejectsAsCancelled((await api()).addProcessServer(await tokyoConfigurationServer(), ui));
      assert.deepEqual(ui.unused, []);
    });
  }

  describe('a saved plan, opened again', () => {
    /** Saves the forward flow's plan and returns its file. */
    async function savedPlan(): Promise<string> {
      const planFile = temporaryPlanFile();
      await (await api()).addProcessServer(await tokyoConfigurationServer(), new ScriptedUserInput([...throughCredentials, ...throughSummary, { file: planFile }]));
      return planFile;
    }

    it('re-runs the checks, asks only for the two secrets, and reaches the same summary', async () => {
      const planFile = await savedPlan();
      const againFile = temporaryPlanFile();
      const ui = new ScriptedUserInput([
        { file: planFile },
        { pick: /Use vnet-failover-japaneast anyway/ }, // the network is still served: confirmed again
        { input: PASSWORD },
        { input: PASSWORD },
        { input: PASSPHRASE },
        { pick: 'Do not remember it' },
        { pick: /Save the plan as JSON/ },
        { file: againFile },
      ]);
      const context = await (await api()).addProcessServerFromPlan(ui);
      assert.deepEqual(ui.unused, []);
      const asked = ui.prompts.filter((prompt) => prompt.kind === 'input').map((prompt) => prompt.text.split(' (')[0]);
      assert.deepEqual(asked, ['Administrator password', 'Administrator password again, to confirm it', 'Connection passphrase of the configuration server. On it, run %ProgramData%\\ASR\\home\\svsystems\\bin\\genpassphrase.exe -v to show it']);
      const first = JSON.parse(fs.readFileSync(planFile, 'utf8')) as DeploymentPlan;
      const again = JSON.parse(fs.readFileSync(againFile, 'utf8')) as DeploymentPlan;
      assert.deepEqual({ ...again, createdAt: '' }, { ...first, createdAt: '' }, 'the same plan, the same deployment id');
      assert.equal(context.deploymentId, first.deploymentId);
    });

    it('says what no longer holds, and asks nothing', async () => {
      const planFile = await savedPlan();
      const plan = JSON.parse(fs.readFileSync(planFile, 'utf8')) as DeploymentPlan;
      fs.writeFileSync(planFile, JSON.stringify({ ...plan, processServer: { ...plan.processServer, staticIpAddress: '10.10.2.10', name: 'ps-failback-01' } }));
      const ui = new ScriptedUserInput([{ file: planFile }]);
      await assert.rejects((await api()).addProcessServerFromPlan(ui), /no longer holds: 10\.10\.2\.10 is already in use .* A VM named ps-failback-01 already exists/);
      assert.deepEqual(ui.prompts, [], 'nothing was asked');
    });

    it('refuses a file that is not a plan, saying what to do', async () => {
      const planFile = temporaryPlanFile();
      fs.writeFileSync(planFile, JSON.stringify({ version: 1, deploymentId: 'x' }));
      await assert.rejects((await api()).addProcessServerFromPlan(new ScriptedUserInput([{ file: planFile }])), /lacks subscriptionId, tenantId, .*save the plan again/);
      fs.writeFileSync(planFile, 'not json');
      await assert.rejects((await api()).addProcessServerFromPlan(new ScriptedUserInput([{ file: planFile }])), /is not a deployment plan: it is not JSON/);
    });
  });
});
