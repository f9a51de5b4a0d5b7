import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { DeploymentPlan } from '../../src/deployment/deploymentPlan';
import type { AddProcessServerOutcome } from '../../src/commands/addProcessServer';
import type { ArmResource } from '../emulator/arm/types';
import { byLabel, emulatorControl, infrastructureTree, renderChildren, wizardApi } from './extensionTestContext';
import { ScriptedUserInput, type ScriptedAnswer } from './scriptedUserInput';
import { PASSPHRASE, TOKYO_TO_SUBNET, tokyoServerToPassphrase } from './wizardScripts';

const PASSWORD = 'DevTest#Failback2026';

/** Runs the wizard from a right-click on cs-tokyo-01 with `ui`'s answers. */
async function startWizard(ui: ScriptedUserInput): Promise<AddProcessServerOutcome> {
  const tree = await infrastructureTree();
  let nodes = await renderChildren(tree);
  for (const label of ['Contoso Production', 'rsv-failback-japaneast']) {
    nodes = await renderChildren(tree, byLabel(nodes, label).node);
  }
  return (await wizardApi()).addProcessServer(byLabel(nodes, 'cs-tokyo-01').node, ui);
}

/** Runs the wizard to its end; every answer must be used. */
async function runWizard(answers: readonly ScriptedAnswer[]): Promise<{ ui: ScriptedUserInput; context: AddProcessServerOutcome }> {
  const ui = new ScriptedUserInput(answers);
  const context = await startWizard(ui);
  assert.deepEqual(ui.unused, [], 'every scripted answer was used');
  return { ui, context };
}

/** Runs the wizard until the script's last answer, a cancel. */
async function runUntilCancelled(answers: readonly ScriptedAnswer[]): Promise<ScriptedUserInput> {
  const ui = new ScriptedUserInput(answers);
  await assert.rejects(startWizard(ui), (error: unknown) => {
    assert.ok(error instanceof Error);
    assert.equal(error.name, 'UserCancelledError', error.message);
    return true;
  });
  assert.deepEqual(ui.unused, []);
  return ui;
}

/** The prompt whose text starts with `start`; fails the test when there is none. */
function promptStarting(ui: ScriptedUserInput, start: string): ScriptedUserInput['prompts'][number] {
  const prompt = ui.prompts.find((candidate) => candidate.text.startsWith(start));
  assert.ok(prompt, `a prompt "${start}…" was shown`);
  return prompt;
}

/** To the server name, in the Dev/Test subscription's network in West US 2 (no gateway, little quota). */
const devTestToCredentials: readonly ScriptedAnswer[] = [
  { pick: 'Contoso Dev/Test (no vaults)' },
  { pick: /Create new resource group/ },
  { input: 'rg-devtest', rejectedWith: /A resource group named rg-devtest already exists/ },
  { input: 'rg-devtest.', rejectedWith: /cannot end with a period/ },
  { input: 'rg-asr-ps-devtest' },
  { pick: 'West US 2' },
  { pick: 'vnet-devtest' },
  { pick: /Use vnet-devtest anyway/ },
  { pick: 'default' },
  { input: 'ps-devtest-failback', rejectedWith: /at most 15 characters/ },
  { input: 'ps-devtest-01' },
  { input: 'admin', rejectedWith: /./ },
  { input: 'asradmin' },
  { input: 'short', rejectedWith: /./ },
  { input: PASSWORD },
  { input: 'Something-else#2026', rejectedWith: /./ },
  { input: PASSWORD },
];

describe('Add Process Server in Azure: Azure-side checks against the emulator', () => {
  const control = emulatorControl();

  beforeEach(async () => {
    await control.resetState();
    await control.clearFaults();
  });

  it('checks a new resource group, storage name, quota, image offer, installer blob, addresses and ports, and plans what it creates', async () => {
    const planFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'asr-plan-')), 'plan.json');
    const { ui, context } = await runWizard([
      ...devTestToCredentials,
      { pick: /Create new storage account/ },
      { input: 'contoso', rejectedWith: /The storage account name contoso is taken/ },
      { input: 'Asr_Cache', rejectedWith: /lowercase/ },
      { input: 'asrpsdevtest01' },
      { input: '10.40.0.7', rejectedWith: /./ },
      { input: '10.40.0.6' },
      { pick: 'Standard_A8_v2', rejectedWith: /Standard_A8_v2 needs 8 vCPUs, but only 6 of the .* quota \(6\) are free in West US 2: 2 more are needed/ },
      { pick: 'Standard_A4_v2' },
      { pick: 'Windows Server 2016-Datacenter' },
      { pick: /^An installer I placed/ },
      { input: 'UnifiedSetup.exe', rejectedWith: /container/ },
      { input: 'installers/MicrosoftAzureSiteRecoveryUnifiedSetup.exe' },
      { input: 'cs tokyo', rejectedWith: /IPv4 address or the host name/ },
      { input: 'cs-tokyo-01.contoso.local' },
      { input: '70000', rejectedWith: /./ },
      { input: '443' },
      { input: '9443' },
      { input: PASSPHRASE },
      { pick: 'Do not remember it' },
      { pick: /Save the plan as JSON/ },
      { file: planFile },
    ]);
    assert.match(promptStarting(ui, 'Review what will be created').text, /nothing has been created yet/);
    const warning = ui.prompts.find((prompt) => prompt.text.includes('no VPN or ExpressRoute gateway'));
    assert.ok(warning, 'a network without a gateway is confirmed deliberately');
    assert.ok(
      !promptStarting(ui, 'The image').labels.some((label) => label.startsWith('Site Recovery')),
      'West US 2 does not publish the Site Recovery image, so it is not offered',
    );
    assert.equal(context.vmSize?.name, 'Standard_A4_v2');
    assert.ok(!promptStarting(ui, 'The VM size').labels.includes('Standard_B2s'), 'a size below 4 vCPUs and 8 GiB is not offered');
    const plan = JSON.parse(fs.readFileSync(planFile, 'utf8')) as DeploymentPlan;
    assert.deepEqual(
      plan.resources.map((resource) => `${resource.create ? 'create' : 'use'} ${resource.name}`),
      ['create rg-asr-ps-devtest', 'create asrpsdevtest01', 'create ps-devtest-01-nic', 'create ps-devtest-01'],
    );
    assert.ok(plan.resources.every((resource) => resource.tags['asr-failback:deployment-id'] === plan.deploymentId), 'everything it creates is tagged');
    assert.deepEqual(plan.processServer.installerSource, { kind: 'storageBlob', container: 'installers', blobName: 'MicrosoftAzureSiteRecoveryUnifiedSetup.exe' });
    assert.equal(plan.resources[0]?.location, 'westus2', 'a new resource group is made in the chosen region');
  });

  it('says so when an Azure-side check cannot run, and lets the user try again', async () => {
    await control.addFault({
      method: 'GET',
      path: '/subscriptions/*/resourceGroups/*/providers/Microsoft.Network/virtualNetworks/*/CheckIPAddressAvailability',
      count: 2, // the suggestion's check, then the user's (a 403 is not retried, as a 5xx would be)
      action: {
        kind: 'error',
        status: 403,
        code: 'AuthorizationFailed',
        message: "The client does not have authorization to perform action 'Microsoft.Network/virtualNetworks/read'.",
      },
    });
    const ui = await runUntilCancelled([
      ...devTestToCredentials,
      { pick: /Create new storage account/ },
      { input: 'asrpsdevtest02' },
      { input: '10.40.0.5', rejectedWith: /The check in Azure could not run: The client does not have authorization/ },
      { input: '10.40.0.5' },
      'cancel',
    ]);
    assert.equal(promptStarting(ui, 'Static private IP address').messages.length, 1, 'the failed check was shown, then the retry passed');
  });

  it('offers only the sizes a region offers the subscription (Standard_A8_v2 is restricted in North Europe)', async () => {
    const state = await control.state();
    const devTestNetwork = state.resources.find((resource) => resource.name === 'vnet-devtest');
    assert.ok(devTestNetwork);
    const northEurope: ArmResource = {
      ...devTestNetwork,
      id: devTestNetwork.id.replace('vnet-devtest', 'vnet-devtest-ne'),
      name: 'vnet-devtest-ne',
      location: 'northeurope',
      properties: JSON.parse(JSON.stringify(devTestNetwork.properties).replaceAll('vnet-devtest', 'vnet-devtest-ne')) as ArmResource['properties'],
    };
    await control.putResource(northEurope);
    const answers: ScriptedAnswer[] = [
      { pick: 'Contoso Dev/Test (no vaults)' },
      { pick: 'rg-devtest' },
      { pick: 'North Europe' },
      { pick: 'vnet-devtest-ne' },
      { pick: /Use vnet-devtest-ne anyway/ },
      { pick: 'default' },
      { input: 'ps-devtest-02' },
      { input: 'asradmin' },
      { input: PASSWORD },
      { input: PASSWORD },
      { pick: /Create new storage account/ },
      { input: 'asrpsdevtest03' },
      { input: '10.40.0.4' },
      'cancel', // at the size
    ];
    const ui = await runUntilCancelled(answers);
    const sizes = promptStarting(ui, 'The VM size').labels;
    assert.ok(sizes.includes('Standard_A4_v2'), sizes.join());
    assert.ok(!sizes.includes('Standard_A8_v2'), 'a size restricted in the region is not offered');
  });

  it('remembers the passphrase in SecretStorage only when asked, offers it next time, and forgets it when told', async () => {
    const toPassphrase = (suffix: string): ScriptedAnswer[] => [...TOKYO_TO_SUBNET, ...tokyoServerToPassphrase(`ps-failback-${suffix}`)];
    const summary: ScriptedAnswer[] = [{ pick: /Save the plan as JSON/ }, { file: path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'asr-plan-')), 'plan.json') }];
    const offered = (ui: ScriptedUserInput): boolean =>
      ui.prompts.some((prompt) => prompt.labels.includes('Use the passphrase remembered for this configuration server'));

    const first = await runWizard([...toPassphrase('11'), { input: PASSPHRASE }, { pick: /^Remember it/ }, ...summary]);
    assert.ok(!offered(first.ui), 'nothing was remembered before');
    const second = await runWizard([...toPassphrase('12'), { pick: 'Use the passphrase remembered for this configuration server' }, ...summary]);
    assert.ok(offered(second.ui), 'the remembered passphrase is offered');
    assert.ok(!second.ui.prompts.some((prompt) => prompt.text.startsWith('Connection passphrase')), 'and used without asking for it');
    assert.equal(second.context.rememberPassphrase, true);
    assert.ok(!('passphrase' in second.context) && !('adminPassword' in second.context), 'what the wizard hands out holds no secret');
    await runWizard([...toPassphrase('13'), { pick: 'Type the passphrase' }, { input: PASSPHRASE }, { pick: 'Do not remember it' }, ...summary]);
    const fourth = await runWizard([...toPassphrase('14'), { input: PASSPHRASE }, { pick: 'Do not remember it' }, ...summary]);
    assert.ok(!offered(fourth.ui), '"Do not remember it" forgot the passphrase');
  });

  it('refuses a server name whose NIC name is already taken in the resource group (the deployment would overwrite it)', async () => {
    const state = await control.state();
    const nic = state.resources.find((resource) => resource.name === 'ps-failback-01-nic');
    assert.ok(nic);
    const unattached: Record<string, unknown> = { ...(nic.properties as Record<string, unknown>) };
    delete unattached['virtualMachine'];
    await control.putResource({
      ...nic,
      id: nic.id.replace('ps-failback-01-nic', 'ps-orphan-nic'),
      name: 'ps-orphan-nic',
      properties: JSON.parse(JSON.stringify(unattached).replaceAll('ps-failback-01-nic', 'ps-orphan-nic').replaceAll('10.10.2.10', '10.10.2.20')) as ArmResource['properties'],
    });
    await runUntilCancelled([
      ...TOKYO_TO_SUBNET,
      { input: '-ps', rejectedWith: /The network interface -ps-nic is named after the server: .*must start with a letter or digit/ },
      { input: 'ps-orphan', rejectedWith: /A network interface named ps-orphan-nic already exists in resource group rg-asr-ps-deploy/ },
      'cancel',
    ]);
  });
});
