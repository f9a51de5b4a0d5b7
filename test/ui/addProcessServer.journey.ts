import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startSandbox, type Sandbox } from '../sandbox/sandbox';
import { waitUntil } from '../support/waitUntil';
import { launchBrowser, type RunningBrowser } from '../vscode/browser';
import { waitForEmulatorQuiet } from './emulatorQuiet';
import { signIn } from './vscodeSignIn';
import { packagedVsix, Workbench } from './workbench';

const PASSWORD = 'Failback#Tokyo2026';
const PASSPHRASE = 'Tokyo-CS-demo-passphrase-01';

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
  const planFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'asr-journey-plan-')), 'process-server-plan.json');

  function emulator(): Sandbox['emulator'] {
    if (sandbox === undefined) {
      throw new Error('The sandbox did not start.');
    }
    return sandbox.emulator;
  }

  /** The open prompt of the wizard, once its title and its text (prompt or placeholder) show `text`. */
  async function prompt(text: string): Promise<void> {
    const widget = workbench.page.locator('.quick-input-widget');
    await widget.locator('.quick-input-title', { hasText: 'Add Process Server in Azure' }).waitFor({ timeout: 30_000 });
    await widget
      .locator('.quick-input-message, .quick-input-box input')
      .filter({ hasText: text })
      .or(widget.locator(`.quick-input-box input[placeholder*="${text.replace(/"/g, '\\"')}"]`))
      .first()
      .waitFor({ timeout: 30_000 });
  }

  async function type(text: string, value: string): Promise<void> {
    await prompt(text);
    await fillAndEnter(value);
  }

  /** Types into the open input box, replacing what is there, and presses Enter. */
  async function fillAndEnter(value: string): Promise<void> {
    const input = workbench.page.locator('.quick-input-widget .quick-input-box input');
    await input.fill(value);
    await input.press('Enter');
  }

  async function pick(text: string, label: string): Promise<void> {
    await prompt(text);
    await pickItem(label);
  }

  /** Clicks the row whose label holds `label` (labels may start with an icon). */
  async function pickItem(label: string): Promise<void> {
    const row = workbench.page.locator('.quick-input-widget .quick-input-list .monaco-list-row').filter({ hasText: label }).first();
    await row.waitFor({ state: 'visible', timeout: 15_000 });
    await row.click();
  }

  before(async () => {
    sandbox = await startSandbox({ vsix: packagedVsix(), lroDurationMs: 50 });
    browser = await launchBrowser();
    workbench = new Workbench(browser.page, 'add-process-server');
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
    const configurationServer = workbench.treeRow('cs-tokyo-01');
    await configurationServer.waitFor({ timeout: 30_000 });
    await configurationServer.click({ button: 'right' });
    const menu = workbench.page.locator('.context-view .monaco-menu');
    await menu.waitFor({ timeout: 15_000 });
    await workbench.screenshot('configuration-server-context-menu');
    await menu.locator('.action-item', { hasText: 'Add Process Server in Azure…' }).click();
    await prompt('The subscription the machines failed over to');
    await workbench.screenshot('step-subscription');
  });

  it('picks where, the network and the server, and types the credentials masked', async () => {
    await pick('The subscription the machines failed over to', 'Contoso Production');
    await pick('The resource group for the process server', 'rg-asr-ps-deploy');
    await pick('The Azure region the machines failed over to', 'Japan East');
    await pick('The virtual network the failed-over machines are in', 'vnet-failover-japaneast');
    await prompt('already serves vnet-failover-japaneast');
    await workbench.screenshot('step-network-already-served');
    await pickItem('Use vnet-failover-japaneast anyway');
    await pick('The subnet of vnet-failover-japaneast', 'snet-process-server');
    await type('Name of the process server', 'ps-failback-02');
    await type('Administrator user name', 'asradmin');
    await prompt('Administrator password (12 to 123');
    assert.equal(await workbench.page.locator('.quick-input-widget .quick-input-box input').getAttribute('type'), 'password', 'the password is masked');
    await type('Administrator password (12 to 123', PASSWORD);
    await type('Administrator password again', PASSWORD);
  });

  it('refuses an address that is taken, says why, and takes a free one', async () => {
    await pick('The storage account for boot diagnostics', 'contosoasrcachejpe01');
    await type('Static private IP address', '10.10.2.10');
    const message = workbench.page.locator('.quick-input-widget .quick-input-message', { hasText: '10.10.2.10 is already in use in snet-process-server' });
    await message.waitFor({ timeout: 30_000 });
    await workbench.screenshot('step-ip-address-refused');
    // The box stays open with the message in place of its prompt; the user types another address.
    await fillAndEnter('10.10.2.5');
  });

  it('chooses the size, image, installer and connection, and reaches the summary', async () => {
    await pick('The VM size', 'Standard_A8_v2');
    await pick('The image of the process server VM', 'Windows Server 2016-Datacenter');
    await pick('Where the VM gets the Unified Setup installer', 'Download it from https://aka.ms/unifiedinstaller');
    await type('Address of the configuration server', '192.168.10.20');
    await type('Port of the configuration server', '443');
    await type('Data-transfer port of the process server', '9443');
    await type('Connection passphrase of the configuration server', PASSPHRASE);
    await pick('Remember the passphrase', 'Do not remember it');
    await prompt('Review what will be created');
    await workbench.screenshot('step-summary');
  });

  it('saves the plan, which holds no password or passphrase', async () => {
    await pickItem('Save the plan as JSON…');
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
    await dialog.locator('.monaco-button', { hasText: /^OK$/ }).click();
    const toast = workbench.page.locator('.notifications-toasts .notification-list-item', { hasText: 'Saved the plan to' });
    await toast.waitFor({ timeout: 30_000 });
    await workbench.screenshot('plan-saved');
    const saved = fs.readFileSync(planFile, 'utf8');
    assert.ok(!saved.includes(PASSWORD) && !saved.includes(PASSPHRASE), 'no secret in the plan');
    assert.match(saved, /"privateIPAddress": "10\.10\.2\.5"/);
    const changes = (await emulator().control.requests()).filter(
      (request) => request.path.startsWith('/subscriptions') && !['GET', 'HEAD'].includes(request.method),
    );
    assert.deepEqual(changes, [], 'nothing was created or changed in Azure');
  });
});
