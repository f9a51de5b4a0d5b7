import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startSandbox, type Sandbox } from '../sandbox/sandbox';
import { waitUntil } from '../support/waitUntil';
import { launchBrowser, type RunningBrowser } from '../vscode/browser';
import { waitForEmulatorQuiet } from './emulatorQuiet';
import { ADD_PROCESS_SERVER_TITLE, ADMIN_PASSWORD, answerServerAndConnection, openAddProcessServerOn, TOKYO_PASSPHRASE } from './addProcessServerFlow';
import { QuickInputPrompts } from './quickInputPrompts';
import { signIn } from './vscodeSignIn';
import { packagedVsix, Workbench } from './workbench';

/**
 * A user right-clicks a configuration server, chooses "Add Process Server in Azure…", and types and picks their way
 * through VS Code's real QuickPicks and InputBoxes to the summary (one address refused on the way, with its message),
 * then saves the plan. Each prompt is waited for by what it shows, never for a time.
 */
describe('Journey: add a process server in Azure, from a right-click to a saved plan', function () {
  this.timeout(300_000);
  let sandbox: Sandbox | undefined;
  let browser: RunningBrowser | undefined;
  let workbench: Workbench;
  let prompts: QuickInputPrompts;
  const planFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'asr-journey-plan-')), 'process-server-plan.json');

  function emulator(): Sandbox['emulator'] {
    if (sandbox === undefined) {
      throw new Error('The sandbox did not start.');
    }
    return sandbox.emulator;
  }

  before(async () => {
    sandbox = await startSandbox({ vsix: packagedVsix(), lroDurationMs: 50 });
    browser = await launchBrowser();
    workbench = new Workbench(browser.page, 'add-process-server');
    prompts = new QuickInputPrompts(workbench, ADD_PROCESS_SERVER_TITLE);
    await workbench.open(sandbox.url);
    await workbench.openActivity('Azure Site Recovery');
    await signIn(workbench);
    await waitForEmulatorQuiet(emulator().control, 2_000, 60_000);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      await workbench.screenshot('failed');
    }
  });

  after(async () => {
    await browser?.close();
    await sandbox?.stop();
  });

  it('opens the flow from the context menu of a configuration server', async () => {
    for (const label of ['Contoso Production', 'rsv-failback-japaneast']) {
      await workbench.treeRow(label).click();
    }
    await openAddProcessServerOn(workbench, 'cs-tokyo-01');
    await prompts.waitFor('The subscription the machines failed over to');
    await workbench.screenshot('step-subscription');
  });

  it('picks where, the network and the server, and types the credentials masked', async () => {
    await prompts.pick('The subscription the machines failed over to', 'Contoso Production');
    await prompts.pick('The resource group for the process server', 'rg-asr-ps-deploy');
    await prompts.pick('The Azure region the machines failed over to', 'Japan East');
    await prompts.pick('The virtual network the failed-over machines are in', 'vnet-failover-japaneast');
    await prompts.waitFor('already serves vnet-failover-japaneast');
    await workbench.screenshot('step-network-already-served');
    await prompts.pickItem('Use vnet-failover-japaneast anyway');
    await prompts.pick('The subnet of vnet-failover-japaneast', 'snet-process-server');
    await prompts.type('Name of the process server', 'ps-failback-02');
    await prompts.type('Administrator user name', 'asradmin');
    await prompts.waitFor('Administrator password (12 to 123');
    assert.equal(await prompts.input().getAttribute('type'), 'password', 'the password is masked');
    await prompts.type('Administrator password (12 to 123', ADMIN_PASSWORD);
    await prompts.type('Administrator password again', ADMIN_PASSWORD);
  });

  it('refuses an address that is taken, says why, and takes a free one', async () => {
    await prompts.pick('The storage account for boot diagnostics', 'contosoasrcachejpe01');
    await prompts.type('Static private IP address', '10.10.2.10');
    const message = workbench.page.locator('.quick-input-widget .quick-input-message', { hasText: '10.10.2.10 is already in use in snet-process-server' });
    await message.waitFor({ timeout: 30_000 });
    await workbench.screenshot('step-ip-address-refused');
    // The box stays open with the message in place of its prompt; the user types another address.
    await prompts.fillAndEnter('10.10.2.5');
  });

  it('chooses the size, image, installer and connection, and reaches the summary', async () => {
    await answerServerAndConnection(prompts);
    await prompts.waitFor('Review what will be created');
    await workbench.screenshot('step-summary');
  });

  it('saves the plan, which holds no password or passphrase', async () => {
    await prompts.pickItem('Save the plan as JSON…');
    // VS Code's own save dialog: in code-server a quick input with the path, the plan's file name proposed.
    const dialog = workbench.page.locator('.quick-input-widget');
    await dialog.locator('.quick-input-title', { hasText: 'Save the deployment plan' }).waitFor({ timeout: 30_000 });
    const pathInput = dialog.locator('.quick-input-box input');
    // The dialog shows the folder first and then adds the proposed file name.
    let proposed = '';
    await waitUntil(
      'the save dialog to propose the plan file name',
      async () => {
        proposed = await pathInput.inputValue();
        return proposed.endsWith('process-server-plan-ps-failback-02.json') ? proposed : undefined;
      },
      { timeoutMs: 15_000 },
      () => proposed,
    );
    await workbench.screenshot('save-plan-dialog');
    await pathInput.fill(planFile);
    // The dialog lists the typed folder's files as the path changes (busy meanwhile) and takes OK only once that is
    // done and it holds the typed path: an OK while it updates is dropped and the dialog stays open.
    await waitUntil(
      'the save dialog to settle on the typed path',
      async () => ((await pathInput.inputValue()) === planFile && (await dialog.locator('.quick-input-progress.active').count()) === 0 ? true : undefined),
      { timeoutMs: 15_000 },
    );
    await dialog.locator('.monaco-button', { hasText: /^OK$/ }).click();
    const toast = workbench.page.locator('.notifications-toasts .notification-list-item', { hasText: 'Saved the plan to' });
    await toast.waitFor({ timeout: 30_000 });
    await workbench.screenshot('plan-saved');
    const saved = fs.readFileSync(planFile, 'utf8');
    assert.ok(!saved.includes(ADMIN_PASSWORD) && !saved.includes(TOKYO_PASSPHRASE), 'no secret in the plan');
    assert.match(saved, /"privateIPAddress": "10\.10\.2\.5"/);
    const changes = (await emulator().control.requests()).filter(
      (request) => request.path.startsWith('/subscriptions') && !['GET', 'HEAD'].includes(request.method),
    );
    assert.deepEqual(changes, [], 'nothing was created or changed in Azure');
  });
});
