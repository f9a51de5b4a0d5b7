import * as assert from 'node:assert/strict';
import { startSandbox, type Sandbox } from '../sandbox/sandbox';
import { launchBrowser, type RunningBrowser } from '../vscode/browser';
import { waitForEmulatorQuiet } from './emulatorQuiet';
import { signIn } from './vscodeSignIn';
import { packagedVsix, Workbench } from './workbench';

/** The demo user of the emulator's seed, as VS Code labels the account. */
const ACCOUNT = 'demo.engineer@contoso.onmicrosoft.com';
/**
 * How long the emulator must have had no request before the journey takes VS Code to have settled: well above the
 * extension's 300 ms debounce of session changes, which is the longest pause inside the sign-in burst.
 */
const QUIET_MS = 2_000;

/**
 * A user of the sandbox signs in through VS Code's own Microsoft account (the custom cloud is the emulator), browses
 * to a process server, opens its context menu, and signs out again through "Accounts: Manage Accounts". Each step waits
 * for what it needs (an element, or the emulator gone quiet), never for a time.
 */
describe('Journey: sign in with the VS Code account and browse to a process server', function () {
  this.timeout(240_000);
  let sandbox: Sandbox | undefined;
  let browser: RunningBrowser | undefined;
  let workbench: Workbench;

  function emulator(): Sandbox['emulator'] {
    if (sandbox === undefined) {
      throw new Error('The sandbox did not start.');
    }
    return sandbox.emulator;
  }

  before(async () => {
    sandbox = await startSandbox({ vsix: packagedVsix(), lroDurationMs: 50 });
    browser = await launchBrowser();
    workbench = new Workbench(browser.page, 'sign-in-and-browse');
    await workbench.open(sandbox.url);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      await workbench.screenshot('failed');
      const requests = (await sandbox?.emulator.control.requests()) ?? [];
      console.log(requests.slice(-25).map((request) => `${request.time} ${request.method} ${request.path} ${String(request.status)}`).join('\n'));
    }
  });

  after(async () => {
    await browser?.close();
    await sandbox?.stop();
  });

  it('shows the welcome view with "Sign in to Azure" while signed out', async () => {
    await workbench.openActivity('Azure Site Recovery');
    const view = workbench.viewPane('Site Recovery Infrastructure');
    await view.locator('.welcome-view-content').waitFor({ timeout: 30_000 });
    assert.match(await view.innerText(), /Sign in to Azure/);
    await workbench.screenshot('signed-out');
  });

  it('signs in through the Microsoft account provider, allowing it as a user would, and the tree loads once', async () => {
    const before = (await emulator().control.requests()).at(-1)?.sequence ?? 0;
    await signIn(workbench);
    // The sign-in goes on after the first rows show (the second tenant's tokens).
    await waitForEmulatorQuiet(emulator().control, QUIET_MS, 60_000);
    await workbench.screenshot('signed-in-subscriptions');
    // One listing of the subscriptions asks for the account's tenants once; a second reload would ask again.
    const tenantListings = (await emulator().control.requests(before)).filter((request) => request.method === 'GET' && request.path === '/tenants');
    assert.equal(tenantListings.length, 1, 'the tree listed the subscriptions once after the sign-in');
    for (const label of ['Contoso Production', 'Fabrikam Recovery']) {
      assert.equal(await workbench.treeRow(label).count(), 1, `${label} is shown once`);
    }
  });

  it('expands to a process server and opens its context menu', async () => {
    for (const label of ['Contoso Production', 'rsv-failback-japaneast', 'cs-tokyo-01']) {
      await workbench.treeRow(label).click();
    }
    const processServer = workbench.treeRow('ps-tokyo-scaleout-01');
    await processServer.waitFor({ timeout: 30_000 });
    assert.match((await processServer.innerText()).replace(/\u00a0/g, ' '), /192\.168\.10\.31/);
    await workbench.treeRow('ps-failback-01').waitFor();
    await workbench.screenshot('process-servers');
    await processServer.click({ button: 'right' });
    const menu = workbench.page.locator('.context-view .monaco-menu');
    await menu.waitFor({ timeout: 15_000 });
    const entries = await menu.innerText();
    assert.match(entries, /Open in Portal/);
    assert.match(entries, /Copy IP Address/);
    await workbench.screenshot('process-server-context-menu');
    await workbench.page.keyboard.press('Escape');
    await menu.waitFor({ state: 'detached', timeout: 15_000 });
  });

  it('signs out through "Accounts: Manage Accounts", confirms, and the welcome view comes back', async () => {
    await waitForEmulatorQuiet(emulator().control, QUIET_MS, 60_000);
    const { page } = workbench;
    await workbench.runCommand('Accounts: Manage Accounts');
    // First pick: the signed-in accounts (label: the account, description: its provider).
    await workbench.pickQuickInputItem(ACCOUNT);
    // Second pick: what to do with that account.
    const actions = page.locator('.quick-input-widget');
    await actions.locator('.quick-input-title', { hasText: ACCOUNT }).waitFor({ timeout: 15_000 });
    await workbench.screenshot('manage-account-actions');
    await workbench.pickQuickInputItem('Sign Out');
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ timeout: 15_000 });
    assert.ok((await dialog.innerText()).includes(ACCOUNT), 'the confirmation names the account');
    await workbench.screenshot('sign-out-confirmation');
    await dialog.locator('a.monaco-button', { hasText: /^Sign Out$/ }).click();
    await dialog.waitFor({ state: 'detached', timeout: 15_000 });
    const view = workbench.viewPane('Site Recovery Infrastructure');
    await view.locator('.welcome-view-content a.monaco-button', { hasText: 'Sign in to Azure' }).waitFor({ timeout: 30_000 });
    assert.match(await view.innerText(), /Sign in to Azure/);
    await workbench.treeRow('Contoso Production').waitFor({ state: 'detached', timeout: 15_000 });
    await workbench.screenshot('signed-out-again');
  });
});
