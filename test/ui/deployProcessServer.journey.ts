import * as assert from 'node:assert/strict';
import type { HoldRule } from '../emulator/control/holds';
import type { NewProcessServerAnswers } from './addProcessServerFlow';
import { useDeploymentJourney } from './deploymentJourney';

const ANSWERS: NewProcessServerAnswers = {
  serverName: 'ps-failback-02',
  resourceGroup: 'rg-asr-ps-journey',
  storageAccount: 'asrpsjourney01',
  ipAddress: '10.10.2.5',
};
const VM_CREATE: HoldRule = { kind: 'operation', method: 'PUT', path: `**/virtualMachines/${ANSWERS.serverName}` };
const PATH_CHECK: HoldRule = { kind: 'operation', method: 'PUT', path: `**/virtualMachines/${ANSWERS.serverName}/runCommands/asr-failback-check-path` };
const STEPS = ['providers', 'resourceGroup', 'storageAccount', 'networkInterface', 'virtualMachine', 'pathCheck', 'registration', 'heartbeat'];

/**
 * A user right-clicks cs-tokyo-01, answers "Add Process Server in Azure…" through the real QuickPicks and InputBoxes
 * (a new resource group and storage account, the secrets typed into masked boxes), picks "Deploy and register" and
 * watches it: the progress notification advances "(n/N) …" step by step, the new VM shows under cs-tokyo-01 as
 * deploying and then as a registered process server, and "Show Logs" on the success message shows the step lines.
 * Intermediate states are made observable by holding the emulator's operations (its control endpoint), never by
 * sleeping: the VM's create, then the path check's run command, each released once its state was seen.
 */
describe('Journey: deploy and register a process server in Azure, watching its progress', function () {
  this.timeout(300_000);
  const current = useDeploymentJourney('deploy-process-server');

  it('opens "Add Process Server in Azure…" on cs-tokyo-01 and answers every prompt, the secrets in masked boxes', async () => {
    await current().answerWizardOnTokyo(ANSWERS);
  });

  it('deploys from the summary: the progress notification advances while the VM is created and the path checked', async () => {
    const { workbench, control } = current();
    const vmCreate = await control.hold(VM_CREATE);
    const pathCheck = await control.hold(PATH_CHECK);
    await current().deployFromSummary();

    const progress = workbench.notificationToast(`Deploying the process server ${ANSWERS.serverName}`);
    await workbench.waitForToast(progress.filter({ hasText: `(5/8) Creating the virtual machine ${ANSWERS.serverName} (Standard_A8_v2)` }), 60_000);
    await current().waitForHeldWork(vmCreate.id);
    await workbench.screenshot('progress-creating-vm');
    await control.releaseHold(vmCreate.id);

    await progress.filter({ hasText: '(6/8) Checking the path to the configuration server 192.168.10.20' }).waitFor({ timeout: 60_000 });
    // The VM's create ended, so the tree read cs-tokyo-01 again: the VM shows under it, deploying, with the step.
    const deploying = workbench.treeRow(ANSWERS.serverName).filter({ hasText: 'deploying (Checking the path to the configuration server 192.168.10.20)' });
    await deploying.waitFor({ timeout: 60_000 });
    assert.match(await current().textOf(deploying), /deployed in Azure by this extension/);
    await current().waitForHeldWork(pathCheck.id);
    await workbench.screenshot('progress-checking-path-tree-deploying');
    await control.releaseHold(pathCheck.id);
  });

  it('announces the process server deployed and registered; "Show Logs" on the message shows each step in the output channel', async () => {
    const { workbench } = current();
    const success = current().deployedAndRegisteredMessage(ANSWERS);
    await workbench.waitForToast(success, 120_000);
    // The pointer on the message, as a user's about to click it (VS Code hides an information toast after 10 s unless
    // the pointer is on it).
    await success.hover();
    await workbench.screenshot('deployed-and-registered-message');
    await success.locator('.monaco-button', { hasText: 'Show Logs' }).click();
    const lines = await current().outputChannelLines('] done in');
    for (const step of STEPS) {
      assert.ok(
        lines.some((line) => new RegExp(`\\[${step}\\] done in \\d+\\.\\d s\\.`).test(line)),
        `the output channel shows "[${step}] done in …" (saw:\n${lines.join('\n')})`,
      );
    }
    await workbench.screenshot('output-channel-step-lines');
  });

  it('shows it in the tree under cs-tokyo-01 as a registered process server deployed in Azure by this extension', async () => {
    const { workbench } = current();
    const registered = current().registeredRow(ANSWERS);
    await registered.waitFor({ timeout: 60_000 });
    assert.doesNotMatch(await current().textOf(registered), /deploying|not registered/);
    assert.equal(await workbench.treeRow(ANSWERS.serverName).count(), 1, 'one row: the registered process server replaced the deploying VM');
    await workbench.screenshot('tree-registered');
    const reported = await current().processServersOf('cs-tokyo-01');
    assert.ok(reported.some((server) => server['ipAddress'] === ANSWERS.ipAddress && server['friendlyName'] === ANSWERS.serverName), 'cs-tokyo-01 reports it');
  });

  it("left no password or passphrase in the screenshots, the extension's logs or the emulator's request log", async () => {
    await current().assertNoSecretLeft();
  });
});
