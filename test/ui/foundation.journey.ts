import * as assert from 'node:assert/strict';
import { openJourneySession, type JourneySession } from './journeySession';

describe('Journey: a user finds the extension and its logs', function () {
  this.timeout(180_000);
  let session: JourneySession | undefined;

  function current(): JourneySession {
    if (session === undefined) {
      throw new Error('The journey session did not start.');
    }
    return session;
  }

  before(async () => {
    session = await openJourneySession('foundation');
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      await session?.workbench.screenshot('failed');
    }
  });

  after(async () => {
    await session?.close();
  });

  it('opens the Azure Site Recovery activity-bar entry and sees the infrastructure view', async () => {
    const { workbench } = current();
    await workbench.openActivity('Azure Site Recovery');
    const view = workbench.viewPane('Site Recovery Infrastructure');
    await view.locator('.welcome-view-content').waitFor({ timeout: 30_000 });
    assert.match(await view.innerText(), /Recovery Services vaults, configuration servers and process servers/);
    await workbench.screenshot('infrastructure-view');
  });

  it('runs "Azure Site Recovery: Show Logs" from the Command Palette and sees the channel in the Output panel', async () => {
    const { workbench } = current();
    const page = workbench.page;
    await workbench.runCommand('Azure Site Recovery: Show Logs');
    const output = workbench.panel().locator('.output-view, [id="workbench.panel.output"]').first();
    await output.waitFor({ state: 'visible', timeout: 30_000 });
    await page.locator('.part.panel .monaco-editor .view-lines').filter({ hasText: 'activated' }).waitFor({ timeout: 30_000 });
    // The editor renders spaces as no-break spaces.
    const panelText = (await workbench.panel().innerText()).replace(/\u00a0/g, ' ');
    assert.match(panelText, /Azure Site Recovery failback extension \d+\.\d+\.\d+ activated/);
    await workbench.screenshot('output-channel');
  });
});
