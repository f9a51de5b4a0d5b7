import * as assert from 'node:assert/strict';
import type { Workbench } from './workbench';

/** Signs in from the welcome view through VS Code's Microsoft account provider, clicking "Allow" as a user would. */
export async function signIn(workbench: Workbench): Promise<void> {
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
