import * as assert from 'node:assert/strict';
import type { HoldRule } from '../emulator/control/holds';
import { waitUntil } from '../support/waitUntil';
import type { NewProcessServerAnswers } from './addProcessServerFlow';
import { useDeploymentJourney } from './deploymentJourney';

const ANSWERS: NewProcessServerAnswers = {
  serverName: 'ps-failback-04',
  resourceGroup: 'rg-asr-ps-remove',
  storageAccount: 'asrpsremove01',
  ipAddress: '10.10.2.7',
};
/** Contoso Production in the emulator's demo data, where the wizard deploys. */
const SUBSCRIPTION_ID = 'c0a1b2c3-d4e5-4f60-8a7b-9c0d1e2f3a4b';
const GROUP_ID = `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/${ANSWERS.resourceGroup}`;
/** What the removal deletes, in its order, as the confirmation names them and the emulator holds them. */
const REMOVED = [
  { name: ANSWERS.serverName, type: 'Microsoft.Compute/virtualMachines', id: `${GROUP_ID}/providers/Microsoft.Compute/virtualMachines/${ANSWERS.serverName}` },
  { name: `${ANSWERS.serverName}-nic`, type: 'Microsoft.Network/networkInterfaces', id: `${GROUP_ID}/providers/Microsoft.Network/networkInterfaces/${ANSWERS.serverName}-nic` },
  { name: `${ANSWERS.serverName}-osdisk`, type: 'Microsoft.Compute/disks', id: `${GROUP_ID}/providers/Microsoft.Compute/disks/${ANSWERS.serverName}-osdisk` },
  { name: ANSWERS.storageAccount, type: 'Microsoft.Storage/storageAccounts', id: `${GROUP_ID}/providers/Microsoft.Storage/storageAccounts/${ANSWERS.storageAccount}` },
  { name: ANSWERS.resourceGroup, type: 'Microsoft.Resources/resourceGroups', id: GROUP_ID },
];
const UNREGISTER: HoldRule = { kind: 'operation', method: 'PUT', path: `**/virtualMachines/${ANSWERS.serverName}/runCommands/asr-failback-unregister` };

/**
 * A user deploys a process server from cs-tokyo-01 (a new resource group and storage account), reveals it in the tree
 * from the success message, diagnoses it from its context menu, and removes it: the modal confirmation names every
 * resource that goes, the progress notification shows the uninstall (held in the emulator until seen), and the message
 * says it is removed. Afterwards the row is gone from under cs-tokyo-01, and the emulator holds exactly the resources it
 * held before the deployment, its cs-tokyo-01 fabric no longer listing the process server.
 */
describe('Journey: remove a process server this extension deployed, from its context menu in the tree', function () {
  this.timeout(300_000);
  const current = useDeploymentJourney('remove-process-server');
  /** The emulator's resources before the deployment. */
  let resourcesBefore: string[] = [];

  it('deploys a process server in a new resource group and storage account, and reveals it in the tree from the message', async () => {
    const { workbench } = current();
    resourcesBefore = await current().resourceIds();
    for (const resource of REMOVED) {
      assert.ok(!resourcesBefore.some((id) => id.toLowerCase() === resource.id.toLowerCase()), `${resource.name} is not there before the deployment`);
    }
    await current().answerWizardOnTokyo(ANSWERS);
    await current().deployFromSummary();
    const success = current().deployedAndRegisteredMessage(ANSWERS);
    await workbench.waitForToast(success, 120_000);
    await success.hover();
    await workbench.screenshot('deployed-and-registered-message');
    await success.locator('.monaco-button', { hasText: 'Reveal in Tree' }).click();
    // Selected and focused: its row is the tree's selection and focus, and the tree has the keyboard focus.
    await current().registeredRow(ANSWERS).and(workbench.page.locator('.monaco-list-row.selected.focused')).waitFor({ timeout: 30_000 });
    await workbench.page.waitForFunction(
      `[...document.querySelectorAll('.sidebar .monaco-list-row.selected.focused')].some((row) => row.textContent.includes(${JSON.stringify(ANSWERS.serverName)}) && row.closest('.monaco-list').contains(document.activeElement))`,
      undefined,
      { timeout: 30_000 },
    );
    await workbench.movePointerOffTheTree();
    await workbench.screenshot('revealed-in-tree');
  });

  it('diagnoses it from its context menu: no problem found', async () => {
    const { workbench } = current();
    await workbench.chooseFromContextMenu(current().registeredRow(ANSWERS), 'Diagnose Process Server', 'process-server-context-menu');
    await workbench.movePointerOffTheTree();
    const summary = workbench.notificationToast(`${ANSWERS.serverName}: no problem found.`);
    await workbench.waitForToast(summary, 60_000);
    await summary.hover();
    await workbench.screenshot('diagnosis-no-problem-found');
    // "Show Logs" on the summary shows the report: among its lines, the deploy's path checks run again.
    await summary.locator('.monaco-button', { hasText: 'Show Logs' }).click();
    await current().outputChannelLines('OK The path to the configuration server holds.');
    await workbench.screenshot('diagnosis-report-in-output-channel');
  });

  it('asks before removing it, in a modal dialog that names each resource that goes', async () => {
    const { workbench } = current();
    await workbench.chooseFromContextMenu(current().registeredRow(ANSWERS), 'Remove Process Server…', 'process-server-context-menu-remove');
    const dialog = workbench.dialog(`Remove the process server ${ANSWERS.serverName} (${ANSWERS.ipAddress}) from Azure?`);
    await dialog.waitFor({ timeout: 60_000 });
    const detail = (await current().textOf(dialog.locator('.dialog-message-detail'))).split('\n').map((line) => line.trim());
    const goes = detail.indexOf('These go, in this order:');
    assert.ok(goes !== -1, `the dialog says what goes (saw:\n${detail.join('\n')})`);
    assert.deepEqual(
      detail.slice(goes + 1).filter((line) => line.startsWith('•')),
      REMOVED.map((resource) => `• ${resource.name} (${resource.type})`),
      'the dialog names the VM, its NIC, its OS disk, the storage account and the resource group, in that order',
    );
    assert.ok(!detail.includes('These stay:'), 'nothing of the deployment stays');
    assert.match(detail[0] ?? '', /uninstalled from the VM, which unregisters it from cs-tokyo-01/);
    await workbench.screenshot('remove-confirmation');
  });

  it('removes it: the progress notification shows the uninstall, then the message says it is removed', async () => {
    const { workbench, control } = current();
    const uninstall = await control.hold(UNREGISTER);
    await workbench.dialog('Remove the process server').locator('a.monaco-button', { hasText: /^Remove$/ }).click();
    await workbench.movePointerOffTheTree();
    const progress = workbench.notificationToast(`Removing the process server ${ANSWERS.serverName}`);
    await workbench.waitForToast(progress.filter({ hasText: 'Uninstalling the process server from the VM (unregisters it from cs-tokyo-01)' }), 60_000);
    await current().waitForHeldWork(uninstall.id);
    await workbench.screenshot('progress-uninstalling');
    await control.releaseHold(uninstall.id);
    // The five the confirmation named (the OS disk goes with the VM, by the VM's deleteOption).
    const removed = workbench.notificationToast(`Removed the process server ${ANSWERS.serverName} (5 resource(s)).`);
    await workbench.waitForToast(removed, 120_000);
    await removed.hover();
    // The toast shows one line of a message longer than that: the user expands it to read it whole.
    await removed.locator('.codicon-notifications-expand').click();
    await workbench.screenshot('removed-message');
  });

  it('no longer shows it under cs-tokyo-01, whose other process servers stay', async () => {
    const { workbench } = current();
    await workbench.treeRow(ANSWERS.serverName).waitFor({ state: 'detached', timeout: 60_000 });
    await workbench.treeRow('ps-tokyo-scaleout-01').waitFor({ timeout: 30_000 });
    await workbench.movePointerOffTheTree();
    await workbench.screenshot('tree-after-removal');
  });

  it("left Azure as before the deployment: the five resources gone, the demo's others intact, cs-tokyo-01 no longer listing it", async () => {
    const resourcesAfter = await current().resourceIds();
    for (const resource of REMOVED) {
      assert.ok(!resourcesAfter.some((id) => id.toLowerCase() === resource.id.toLowerCase()), `${resource.name} is gone`);
    }
    assert.deepEqual([...resourcesAfter].sort(), [...resourcesBefore].sort(), 'the same resources as before the deployment');
    let servers: unknown[] = [];
    await waitUntil(
      `cs-tokyo-01 to stop listing ${ANSWERS.ipAddress}`,
      async () => {
        servers = await current().processServersOf('cs-tokyo-01');
        return servers.some((server) => (server as Record<string, unknown>)['ipAddress'] === ANSWERS.ipAddress) ? undefined : true;
      },
      { timeoutMs: 60_000, intervalMs: 100 },
      () => JSON.stringify(servers),
    );
  });

  it("left no password or passphrase in the screenshots, the extension's logs or the emulator's request log", async () => {
    await current().assertNoSecretLeft();
  });
});
