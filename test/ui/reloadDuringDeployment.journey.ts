import * as assert from 'node:assert/strict';
import type { HoldRule } from '../emulator/control/holds';
import { ADMIN_PASSWORD, TOKYO_PASSPHRASE, type NewProcessServerAnswers } from './addProcessServerFlow';
import { useDeploymentJourney } from './deploymentJourney';
import { extensionHostProcessIds, processState, ProcessEndWatch } from './extensionHostProcesses';
import { QuickInputPrompts } from './quickInputPrompts';

const ANSWERS: NewProcessServerAnswers = {
  serverName: 'ps-failback-03',
  resourceGroup: 'rg-asr-ps-reload',
  storageAccount: 'asrpsreload01',
  ipAddress: '10.10.2.6',
};
const VM_CREATE: HoldRule = { kind: 'operation', method: 'PUT', path: `**/virtualMachines/${ANSWERS.serverName}` };
const OFFER = 'interrupted by a window reload or a crash';

/**
 * A deployment interrupted by a real window reload: the user starts "Deploy and register", reloads the window
 * ("Developer: Reload Window") while the VM's create is held in the emulator, and after the reload the extension
 * (activated by its view) offers "Resume or Roll Back…"; the user resumes, typing the admin password and the passphrase
 * again into masked boxes, and the process server ends registered. The recovery tells an interrupted deployment by its
 * extension host's process being gone, so the journey also records when the old extension host ended.
 */
describe('Journey: a deployment interrupted by a window reload, offered and resumed after it', function () {
  this.timeout(300_000);
  const current = useDeploymentJourney('reload-during-deployment');
  let oldExtensionHosts: ProcessEndWatch[] = [];

  function describeOldExtensionHosts(): string {
    return oldExtensionHosts
      .map((watch) => {
        const endedAfterMs = watch.endedAfterMs();
        return `the old extension host ${String(watch.processId)} ${endedAfterMs === undefined ? `still runs (${JSON.stringify(processState(watch.processId))})` : `ended ${String(endedAfterMs)} ms after the reload`}`;
      })
      .join('; ');
  }

  afterEach(function () {
    if (this.currentTest?.state === 'failed') {
      console.log(describeOldExtensionHosts());
    }
  });

  after(() => {
    for (const watch of oldExtensionHosts) {
      watch.stop();
    }
  });

  it('starts "Deploy and register" and reloads the window while the VM is being created', async () => {
    const { workbench, control, sandbox } = current();
    await current().answerWizardOnTokyo(ANSWERS);
    const vmCreate = await control.hold(VM_CREATE);
    await current().deployFromSummary();
    await workbench
      .notificationToast(`Deploying the process server ${ANSWERS.serverName}`)
      .filter({ hasText: `(5/8) Creating the virtual machine ${ANSWERS.serverName}` })
      .waitFor({ timeout: 60_000 });
    await current().waitForHeldWork(vmCreate.id);
    await workbench.screenshot('deploying-before-reload');

    const hostsBefore = extensionHostProcessIds(sandbox.codeServer.rootDir);
    assert.equal(hostsBefore.length, 1, `one extension host runs the deployment (found ${hostsBefore.join(', ')})`);
    const reloaded = workbench.page.waitForEvent('load', { timeout: 60_000 });
    await workbench.runCommand('Developer: Reload Window');
    const reloadedAt = Date.now();
    oldExtensionHosts = hostsBefore.map((processId) => new ProcessEndWatch(processId, reloadedAt));
    await reloaded;
    await workbench.page.locator('.activitybar').waitFor({ state: 'visible', timeout: 60_000 });
  });

  it('after the reload, offers "Resume or Roll Back…" for the interrupted deployment, from a new extension host', async () => {
    const { workbench, sandbox } = current();
    const offer = workbench.notificationToast(OFFER);
    try {
      await offer.waitFor({ timeout: 60_000 });
      // The pointer on the message, which VS Code would otherwise hide after 12 s.
      await offer.hover();
    } finally {
      console.log(`      ${describeOldExtensionHosts()}`);
    }
    assert.match(
      await current().textOf(offer),
      new RegExp(`1 deployment\\(s\\) of a process server were interrupted by a window reload or a crash: ${ANSWERS.serverName} for cs-tokyo-01 \\(interrupted, `),
    );
    const hostsAfter = extensionHostProcessIds(sandbox.codeServer.rootDir);
    assert.ok(hostsAfter.length > 0 && hostsAfter.every((processId) => !oldExtensionHosts.some((watch) => watch.processId === processId)), 'a new extension host made the offer');
    for (const watch of oldExtensionHosts) {
      assert.equal(processState(watch.processId).exists, false, `the old extension host ${String(watch.processId)} is gone`);
    }
    await workbench.screenshot('offer-after-reload');
  });

  it('resumes: picks the deployment, chooses Resume, types the admin password and the passphrase again into masked boxes', async () => {
    const { workbench, control } = current();
    // The VM's create, held across the reload, ends in Azure; the resume adopts the VM.
    await control.releaseHold();
    await workbench.notificationToast(OFFER).locator('.monaco-button', { hasText: 'Resume or Roll Back…' }).click();
    await new QuickInputPrompts(workbench, 'Resume or Roll Back a Deployment').waitFor('Pick the deployment to resume or roll back');
    await workbench.screenshot('pick-deployment');
    await workbench.pickQuickInputItem(ANSWERS.serverName);
    const dialog = workbench.dialog(`Deployment of ${ANSWERS.serverName} for cs-tokyo-01 (interrupted, `);
    await dialog.waitFor({ timeout: 30_000 });
    await workbench.screenshot('resume-or-roll-back');
    await dialog.locator('a.monaco-button', { hasText: /^Resume$/ }).click();
    const secrets = new QuickInputPrompts(workbench, `Resume the deployment of ${ANSWERS.serverName}`);
    await secrets.typeSecret(`The admin password for asradmin on the VM ${ANSWERS.serverName}`, ADMIN_PASSWORD, 'resume-admin-password-masked');
    await secrets.typeSecret('The connection passphrase of the configuration server cs-tokyo-01', TOKYO_PASSPHRASE, 'resume-passphrase-masked');
    await workbench.movePointerOffTheTree();
  });

  it('ends with the process server registered, shown under cs-tokyo-01 as deployed by this extension', async () => {
    const { workbench, control } = current();
    const success = current().deployedAndRegisteredMessage(ANSWERS);
    await success.waitFor({ timeout: 120_000 });
    await success.hover();
    // The reload collapsed the tree: the user opens it down to cs-tokyo-01 again.
    for (const label of ['Contoso Production', 'rsv-failback-japaneast', 'cs-tokyo-01']) {
      await workbench.expandTreeRow(label);
    }
    await workbench.movePointerOffTheTree();
    const registered = current().registeredRow(ANSWERS);
    await registered.waitFor({ timeout: 60_000 });
    await workbench.screenshot('resumed-and-registered');
    const reported = await current().processServersOf('cs-tokyo-01');
    assert.equal(reported.filter((server) => server['ipAddress'] === ANSWERS.ipAddress).length, 1, 'cs-tokyo-01 reports it once');
    const vms = (await control.state()).resources.filter((resource) => resource.type.toLowerCase() === 'microsoft.compute/virtualmachines' && resource.name === ANSWERS.serverName);
    assert.equal(vms.length, 1, 'one VM: the resume adopted the one the interrupted run created');
  });

  it("left no password or passphrase in the screenshots, the extension's logs or the emulator's request log", async () => {
    await current().assertNoSecretLeft();
  });
});
