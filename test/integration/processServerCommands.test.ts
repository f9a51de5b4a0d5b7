import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { ComputeManagementClient } from '@azure/arm-compute';
import { ClientSecretCredential } from '@azure/identity';
import { waitUntil } from '../support/waitUntil';
import { byLabel, renderChildren, infrastructureTree, wizardApi } from './extensionTestContext';
import { ScriptedUserInput } from './scriptedUserInput';
import { PASSPHRASE } from './wizardScripts';
import { control, deploy, deploymentTestBed, groupId, IP_ADDRESS, NEW_ACCOUNT, NEW_GROUP, nicId, resource, resourceIds, SERVER, SUBSCRIPTION, tokyo, tokyoProcessServers, toDeploy, vmId } from './deploymentScripts';

/** The process server's node under cs-tokyo-01, as a right-click hands it to a command. */
async function processServerNode(label: string): Promise<unknown> {
  return waitUntil(`the node ${label} under cs-tokyo-01`, async () => (await renderChildren(await infrastructureTree(), await tokyo())).find((node) => node.label === label)?.node, { timeoutMs: 20_000 });
}

/** Changes one process server of cs-tokyo-01 in the emulator, as Site Recovery would report it. */
async function changeTokyoProcessServer(ipAddress: string, change: Record<string, unknown>): Promise<void> {
  const fabric = (await control.state()).resources.find((candidate) => candidate.properties?.['friendlyName'] === 'cs-tokyo-01');
  assert.ok(fabric !== undefined);
  const details = fabric.properties?.['customDetails'] as { processServers: Record<string, unknown>[] };
  details.processServers = details.processServers.map((server) => (server['ipAddress'] === ipAddress ? { ...server, ...change } : server));
  await control.putResource(fabric);
}

/** A Compute client on the emulator as the demo service principal, to act on a VM as a user would in the portal. */
async function compute(): Promise<ComputeManagementClient> {
  const info = await control.info();
  const { AZURE_TENANT_ID: tenantId = '', AZURE_CLIENT_ID: clientId = '', AZURE_CLIENT_SECRET: clientSecret = '' } = process.env;
  const credential = new ClientSecretCredential(tenantId, clientId, clientSecret, { authorityHost: info.authorityHost, disableInstanceDiscovery: true });
  return new ComputeManagementClient(credential, SUBSCRIPTION.split('/').at(-1) ?? '', { endpoint: info.armEndpoint, credentials: { scopes: [`${info.armEndpoint}/.default`] } });
}

async function deployed(existingGroupAndAccount = false): Promise<unknown> {
  const { outcome } = await deploy(toDeploy({ existingGroupAndAccount }));
  assert.equal(outcome.deployment?.state, 'succeeded', outcome.deployment?.message);
  return processServerNode(SERVER);
}

describe('Diagnose, re-register and remove a process server (real extension host, emulator)', function () {
  this.timeout(120_000);
  const seededResources = deploymentTestBed();

  it('diagnoses a healthy process server: fresh heartbeat, services running, certificate valid, path checks hold', async () => {
    const diagnosis = await (await wizardApi()).diagnoseProcessServer(await deployed(), new ScriptedUserInput([]));
    const warnings = diagnosis.findings.filter((finding) => finding.severity === 'warning');
    assert.deepEqual(warnings, []);
    assert.equal(diagnosis.powerState, 'running');
    assert.ok(diagnosis.pathCheck?.verdict.rows.every((row) => row.ok), 'every path check holds');
    assert.ok(diagnosis.findings.some((finding) => /Heartbeat \d+ minute\(s\) ago/.test(finding.text)));
  });

  it('warns about a heartbeat older than 15 minutes (error 806) and a certificate that expires within 30 days', async () => {
    const node = await deployed();
    await changeTokyoProcessServer(IP_ADDRESS, {
      lastHeartbeat: new Date(Date.now() - 42 * 60 * 1000).toISOString(),
      health: 'Critical',
      sslCertExpiryRemainingDays: 12,
      sslCertExpiryDate: new Date(Date.now() + 12 * 86_400_000).toISOString(),
    });
    const diagnosis = await (await wizardApi()).diagnoseProcessServer(node, new ScriptedUserInput([]));
    const warnings = diagnosis.findings.filter((finding) => finding.severity === 'warning').map((finding) => finding.text);
    assert.ok(warnings.some((text) => /No heartbeat for 4[2-3] minutes.*error 806/.test(text)), warnings.join('\n'));
    assert.ok(warnings.some((text) => /certificate expires in 12 day/.test(text)), warnings.join('\n'));
  });

  it('says the VM is stopped and runs no path check on it', async () => {
    const node = await deployed();
    await (await compute()).virtualMachines.deallocate(NEW_GROUP, SERVER, { updateIntervalInMs: 20 });
    const diagnosis = await (await wizardApi()).diagnoseProcessServer(node, new ScriptedUserInput([]));
    assert.equal(diagnosis.powerState, 'deallocated');
    assert.equal(diagnosis.pathCheck, undefined);
    assert.ok(diagnosis.findings.some((finding) => finding.severity === 'warning' && /is deallocated.*Start the VM/.test(finding.text)));
  });

  it('re-registers with a changed passphrase and waits for a heartbeat after it', async () => {
    const node = await deployed();
    const before = (await control.requests()).at(-1)?.sequence ?? 0;
    await control.setConfigurationServerPassphrase('192.168.10.20', 'Tokyo-CS-changed-passphrase-02');
    try {
      const wrong = (await wizardApi()).reregisterProcessServer(node, new ScriptedUserInput([{ input: PASSPHRASE }]));
      await assert.rejects(wrong, /passphrase is invalid/);
      await (await wizardApi()).reregisterProcessServer(node, new ScriptedUserInput([{ input: 'Tokyo-CS-changed-passphrase-02' }]));
    } finally {
      await control.setConfigurationServerPassphrase('192.168.10.20', PASSPHRASE);
    }
    const registrations = (await control.requests(before)).filter((request) => request.method === 'PUT' && request.path.endsWith('/runCommands/asr-failback-register'));
    assert.equal(registrations.length, 2, 'the registration ran again, twice');
    assert.ok((await tokyoProcessServers()).some((server) => server['ipAddress'] === IP_ADDRESS));
  });

  it('removes everything this deployment created, unregisters the process server, and keeps the rest', async () => {
    const node = await deployed();
    const ui = new ScriptedUserInput([{ choose: 'Remove' }]);
    const result = await (await wizardApi()).removeProcessServer(node, ui);
    assert.equal(result.kind, 'removed');
    const confirmation = ui.prompts.find((prompt) => prompt.kind === 'choice')?.text ?? '';
    for (const name of [SERVER, `${SERVER}-nic`, `${SERVER}-osdisk`, NEW_ACCOUNT, NEW_GROUP]) {
      assert.ok(confirmation.includes(`• ${name} (`), `the confirmation names ${name}: ${confirmation}`);
    }
    assert.match(confirmation, /uninstalled from the VM, which unregisters it/);
    assert.deepEqual(await resourceIds(), seededResources(), 'what the deployment created is gone, everything else is there');
    await waitUntil('the process server gone from the fabric', async () => ((await tokyoProcessServers()).every((server) => server['ipAddress'] !== IP_ADDRESS) ? true : undefined), { timeoutMs: 10_000 });
  });

  it('keeps a resource group and a storage account that existed before', async () => {
    const node = await deployed(true);
    const ui = new ScriptedUserInput([{ choose: 'Remove' }]);
    assert.equal((await (await wizardApi()).removeProcessServer(node, ui)).kind, 'removed');
    const confirmation = ui.prompts.find((prompt) => prompt.kind === 'choice')?.text ?? '';
    assert.match(confirmation, /These stay:[\s\S]*contosoasrcachejpe01[\s\S]*rg-asr-ps-deploy/);
    assert.deepEqual(await resourceIds(), seededResources());
    assert.ok((await resource(groupId('rg-asr-ps-deploy'))) !== undefined);
  });

  it('refuses while machines are attached, moves them to another process server when asked, then removes it', async () => {
    await deployed();
    await changeTokyoProcessServer(IP_ADDRESS, { machineCount: '5', replicationPairCount: '5' });
    const api = await wizardApi();
    const refusal = new ScriptedUserInput(['cancel']);
    assert.deepEqual(await api.removeProcessServer(await processServerNode(SERVER), refusal), { kind: 'refusedInUse', machines: 5, pairs: 5 });
    assert.match(refusal.prompts[0]?.text ?? '', /still serves 5 replicated machine\(s\) and 5 replication pair\(s\)/);
    assert.ok((await resource(vmId(NEW_GROUP))) !== undefined, 'nothing was removed');
    const others = (await tokyoProcessServers()).filter((server) => server['ipAddress'] !== IP_ADDRESS);
    const target = String(others[0]?.['friendlyName']);
    const targetMachines = Number(others[0]?.['machineCount']);
    const move = new ScriptedUserInput([{ choose: /Move to Another Process Server/ }, { pick: target }, { choose: 'Remove' }]);
    const result = await api.removeProcessServer(await processServerNode(SERVER), move);
    assert.equal(result.kind, 'removed');
    const after = await tokyoProcessServers();
    assert.equal(Number(after.find((server) => server['friendlyName'] === target)?.['machineCount']), targetMachines + 5, 'the machines moved');
    assert.deepEqual(await resourceIds(), seededResources());
  });

  it('finishes a removal that failed part-way when run again', async () => {
    const node = await deployed();
    await control.addFault({ method: 'DELETE', path: '**/networkInterfaces/*', action: { kind: 'error', status: 409, code: 'NicReservedForAnotherVm', message: 'Nic is reserved for another VM.' } });
    const first = await (await wizardApi()).removeProcessServer(node, new ScriptedUserInput([{ choose: 'Remove' }]));
    assert.ok(first.kind === 'removed' && first.outcome.failed.some((failure) => failure.code === 'NicReservedForAnotherVm'), JSON.stringify(first));
    assert.ok((await resource(nicId(NEW_GROUP))) !== undefined, 'the NIC is left');
    assert.equal(await resource(vmId(NEW_GROUP)), undefined, 'the VM is gone');
    const again = new ScriptedUserInput([{ pick: `Finish removing ${SERVER}` }]);
    const second = await (await wizardApi()).removeProcessServer(undefined, again);
    assert.ok(second.kind === 'removed' && second.outcome.failed.length === 0, JSON.stringify(second));
    assert.deepEqual(await resourceIds(), seededResources(), 'the re-run finished the job');
  });

  it('gives only the unregistration instructions for a process server it did not deploy', async () => {
    const tree = await infrastructureTree();
    const other = byLabel(await renderChildren(tree, await tokyo()), (await tokyoProcessServers()).map((server) => String(server['friendlyName'])).at(0) ?? '');
    assert.equal(other.contextValue, 'asrFailback.processServer.other');
    const ui = new ScriptedUserInput([{ choose: 'Copy Command' }]);
    const result = await (await wizardApi()).removeProcessServer(other.node, ui);
    assert.equal(result.kind, 'notDeployedByExtension');
    assert.match(await vscode.env.clipboard.readText(), /perl Unregister-ASRComponent\.pl -IPAddress \d+\.\d+\.\d+\.\d+ -Component PS/);
    assert.deepEqual(await resourceIds(), seededResources(), 'nothing was deleted');
  });

  it('removes a stopped VM after giving the command to unregister it on the configuration server', async () => {
    const node = await deployed();
    await (await compute()).virtualMachines.deallocate(NEW_GROUP, SERVER, { updateIntervalInMs: 20 });
    const ui = new ScriptedUserInput([{ choose: 'Copy Command and Remove' }]);
    const result = await (await wizardApi()).removeProcessServer(node, ui);
    assert.ok(result.kind === 'removed' && !result.unregistered);
    assert.match(ui.prompts[0]?.text ?? '', /The VM is deallocated, so the process server cannot be uninstalled from it/);
    assert.match(await vscode.env.clipboard.readText(), new RegExp(`-IPAddress ${IP_ADDRESS.replace(/\./g, '\\.')} -Component PS`));
    assert.deepEqual(await resourceIds(), seededResources());
    assert.ok((await tokyoProcessServers()).some((server) => server['ipAddress'] === IP_ADDRESS), 'still registered: the configuration server is told by the command');
  });
});
