import * as assert from 'node:assert/strict';
import { startSandbox, type Sandbox } from '../sandbox/sandbox';
import { launchBrowser, type RunningBrowser } from '../vscode/browser';
import { packagedVsix, Workbench } from './workbench';

/**
 * A user of the sandbox signs in through VS Code's own Microsoft account (the custom cloud is the emulator), browses
 * to a process server, opens its context menu, and signs out again.
 */
describe('Journey: sign in with the VS Code account and browse to a process server', function () {
  this.timeout(240_000);
  let sandbox: Sandbox | undefined;
  let browser: RunningBrowser | undefined;
  let workbench: Workbench;

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

  it('signs in through the Microsoft account provider, allowing it as a user would, and the tree loads', async () => {
    await signIn(workbench);
    await workbench.screenshot('signed-in-subscriptions');
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
  });

  it('signs out from the Accounts menu, and the welcome view comes back', async () => {
    let signedOut = await signOut(workbench);
    if (!signedOut && sandbox !== undefined) {
      // Now and then (about one run in five here) VS Code's Accounts menu in headless code-server lists the account
      // without its actions, and stays so in that window. Sign in again in a new browser and sign out there.
      await browser?.close();
      browser = await launchBrowser();
      workbench = new Workbench(browser.page, 'sign-in-and-browse-second-window');
      await workbench.open(sandbox.url);
      await workbench.openActivity('Azure Site Recovery');
      await signIn(workbench);
      signedOut = await signOut(workbench);
    }
    assert.ok(signedOut, 'the Accounts menu offered "Sign Out" and its confirmation');
    const view = workbench.viewPane('Site Recovery Infrastructure');
    await view.locator('.welcome-view-content').waitFor({ timeout: 30_000 });
    assert.match(await view.innerText(), /Sign in to Azure/);
    await workbench.screenshot('signed-out-again');
  });
});

/** Signs in from the welcome view through VS Code's Microsoft account provider, clicking "Allow" as a user would. */
async function signIn(workbench: Workbench): Promise<void> {
  const { page } = workbench;
  const view = workbench.viewPane('Site Recovery Infrastructure');
  const popup = page.context().waitForEvent('page', { timeout: 60_000 });
  await view.locator('.welcome-view-content a.monaco-button', { hasText: 'Sign in to Azure' }).click();
  const dialog = page.locator('.monaco-dialog-box');
  await dialog.waitFor({ timeout: 30_000 });
  assert.match(await dialog.innerText(), /wants to sign in using AzureEmulator/);
  await workbench.screenshot('allow-sign-in');
  await dialog.locator('a.monaco-button', { hasText: 'Allow' }).click();
  const signInPage = await popup;
  await signInPage.waitForLoadState('load');
  await workbench.treeRow('Contoso Production').waitFor({ timeout: 60_000 });
  await workbench.treeRow('Fabrikam Recovery').waitFor({ timeout: 30_000 });
  await signInPage.close();
}

/**
 * Signs out from the Accounts menu and confirms. The account's submenu opens on hover, or on the keys a keyboard user
 * presses; false when it never offered "Sign Out".
 */
async function signOut(workbench: Workbench): Promise<boolean> {
  const { page } = workbench;
  const dialog = page.locator('.monaco-dialog-box');
  for (let attempt = 1; attempt <= 2 && !(await dialog.isVisible()); attempt += 1) {
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    const menuOpened = await page
      .locator('.activitybar .action-item a[aria-label*="Accounts"]')
      .click({ timeout: 10_000 })
      .then(
        () => true,
        () => false,
      );
    if (!menuOpened) {
      continue;
    }
    const accountEntry = page.locator('.context-view .action-item', { hasText: 'demo.engineer@contoso.onmicrosoft.com' });
    await accountEntry.waitFor({ timeout: 15_000 });
    const signOutItem = page.locator('.context-view .action-item').filter({ hasText: /^Sign Out$/ });
    const submenuOpened = (): Promise<boolean> =>
      signOutItem.waitFor({ timeout: 3_000 }).then(
        () => true,
        () => false,
      );
    await accountEntry.hover();
    let opened = await submenuOpened();
    for (const key of ['ArrowRight', 'Enter']) {
      if (!opened) {
        await accountEntry.locator('a.action-menu-item').press(key);
        opened = await submenuOpened();
      }
    }
    if (opened) {
      await signOutItem.click();
      await dialog.waitFor({ timeout: 5_000 }).catch(() => undefined);
    }
  }
  if (!(await dialog.isVisible())) {
    await page.keyboard.press('Escape');
    return false;
  }
  await dialog.locator('a.monaco-button', { hasText: 'Sign Out' }).click();
  return true;
}
