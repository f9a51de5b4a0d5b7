import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Locator } from 'playwright-core';
import type { EmulatorControlClient } from '../emulator/control/client';
import { startSandbox, type Sandbox } from '../sandbox/sandbox';
import { waitUntil } from '../support/waitUntil';
import { launchBrowser, type RunningBrowser } from '../vscode/browser';
import { TEST_RESULTS_DIR } from '../vscode/testTools';
import { ADD_PROCESS_SERVER_TITLE, ADMIN_PASSWORD, answerUpToSummary, openAddProcessServerOn, TOKYO_PASSPHRASE, type NewProcessServerAnswers } from './addProcessServerFlow';
import { waitForEmulatorQuiet } from './emulatorQuiet';
import { QuickInputPrompts } from './quickInputPrompts';
import { signIn } from './vscodeSignIn';
import { packagedVsix, Workbench } from './workbench';

/** How each line of a log output channel starts: its time, e.g. "2026-12-01 13:21:15.201 [info]". */
const CHANNEL_LINE_START = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3} \[/;

/** Every file below a directory (none when it does not exist). */
function filesUnder(directory: string): string[] {
  return fs.existsSync(directory)
    ? fs
        .readdirSync(directory, { recursive: true, encoding: 'utf8' })
        .map((file) => path.join(directory, file))
        .filter((file) => fs.statSync(file).isFile())
    : [];
}

/**
 * Registers a journey's mocha hooks in the calling describe(): the journey starts before its tests, a failed test's
 * diagnosis is recorded, and it closes after them. Returns the journey as the tests reach it.
 */
export function useDeploymentJourney(journeyName: string): () => DeploymentJourney {
  let journey: DeploymentJourney | undefined;
  before(async () => {
    journey = await DeploymentJourney.start(journeyName);
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      await journey?.recordFailure();
    }
  });
  after(async () => {
    await journey?.close();
  });
  return () => {
    if (journey === undefined) {
      throw new Error('The journey did not start.');
    }
    return journey;
  };
}

/**
 * A journey that deploys a process server: the emulator with the demo data and code-server with the packaged VSIX
 * (operations of 50 ms), a browser signed in through VS Code's account with the Azure Site Recovery view open and
 * widened, and what such a journey asks of the emulator and the workbench beyond clicks and keys.
 */
export class DeploymentJourney {
  private constructor(
    readonly journeyName: string,
    readonly sandbox: Sandbox,
    private readonly browser: RunningBrowser,
    readonly workbench: Workbench,
    private readonly registrationDelayBefore: number,
  ) {}

  static async start(journeyName: string): Promise<DeploymentJourney> {
    const sandbox = await startSandbox({ vsix: packagedVsix(), lroDurationMs: 50 });
    let browser: RunningBrowser | undefined;
    try {
      // The sandbox makes a registered process server appear after 3 s, past the heartbeat step's first look; that
      // step would then look again only after its 10 s pause. At once, a journey does not wait for that pause.
      const registrationDelayBefore = (await sandbox.emulator.control.settings()).registrationDelayMs;
      await sandbox.emulator.control.updateSettings({ registrationDelayMs: 0 });
      browser = await launchBrowser();
      const workbench = new Workbench(browser.page, journeyName);
      await workbench.open(sandbox.url);
      await workbench.openActivity('Azure Site Recovery');
      // Wide enough for the screenshots to show a deploying VM's step in full.
      await workbench.resizeSideBar(760);
      await signIn(workbench);
      await waitForEmulatorQuiet(sandbox.emulator.control, 2_000, 60_000);
      return new DeploymentJourney(journeyName, sandbox, browser, workbench, registrationDelayBefore);
    } catch (error) {
      await browser?.close();
      await sandbox.stop();
      throw error;
    }
  }

  get control(): EmulatorControlClient {
    return this.sandbox.emulator.control;
  }

  /** Releases what the journey still holds, gives the emulator its registration delay back, and stops everything. */
  async close(): Promise<void> {
    try {
      await this.control.releaseHold();
      await this.control.updateSettings({ registrationDelayMs: this.registrationDelayBefore });
    } finally {
      await this.browser.close();
      await this.sandbox.stop();
    }
  }

  /** A failed test's diagnosis: a screenshot, the last requests the emulator answered (secrets redacted) and its holds. */
  async recordFailure(): Promise<void> {
    await this.workbench.screenshot('failed');
    const requests = await this.control.requests();
    console.log(requests.slice(-30).map((request) => `${request.time} ${request.method} ${request.path} ${String(request.status)}`).join('\n'));
    console.log(`holds: ${JSON.stringify(await this.control.holds())}`);
  }

  /** Expands the tree down to cs-tokyo-01 (its process servers shown) and opens "Add Process Server in Azure…" on it. */
  async openAddProcessServerOnTokyo(): Promise<void> {
    for (const label of ['Contoso Production', 'rsv-failback-japaneast', 'cs-tokyo-01']) {
      await this.workbench.expandTreeRow(label);
    }
    await this.workbench.treeRow('ps-tokyo-scaleout-01').waitFor({ timeout: 30_000 });
    await openAddProcessServerOn(this.workbench, 'cs-tokyo-01');
  }

  /** Opens "Add Process Server in Azure…" on cs-tokyo-01 and answers every prompt up to the summary (answerUpToSummary). */
  async answerWizardOnTokyo(answers: NewProcessServerAnswers): Promise<void> {
    await this.openAddProcessServerOnTokyo();
    await answerUpToSummary(this.workbench, new QuickInputPrompts(this.workbench, ADD_PROCESS_SERVER_TITLE), answers);
  }

  /** Picks "Deploy and register" on the wizard's summary and moves the pointer out of the way of the tree. */
  async deployFromSummary(): Promise<void> {
    await new QuickInputPrompts(this.workbench, ADD_PROCESS_SERVER_TITLE).pickItem('Deploy and register');
    await this.workbench.movePointerOffTheTree();
  }

  /** The message that ends a deployment that succeeded. */
  deployedAndRegisteredMessage(answers: NewProcessServerAnswers): Locator {
    return this.workbench.notificationToast(`The process server ${answers.serverName} (${answers.ipAddress}) is deployed and registered with cs-tokyo-01.`);
  }

  /** The tree row of the process server once registered: its address shown, and as deployed by this extension. */
  registeredRow(answers: NewProcessServerAnswers): Locator {
    return this.workbench.treeRow(answers.serverName).filter({ hasText: answers.ipAddress }).filter({ hasText: 'deployed in Azure by this extension' });
  }

  /** The ids of every resource in the emulator now. */
  async resourceIds(): Promise<string[]> {
    return (await this.control.state()).resources.map((resource) => resource.id);
  }

  /** Waits until the hold `holdId` keeps work pending: the operation it is for was started and is being held. */
  async waitForHeldWork(holdId: string): Promise<void> {
    let seen = '';
    await waitUntil(
      `the hold ${holdId} to keep an operation`,
      async () => {
        const holds = await this.control.holds();
        seen = JSON.stringify(holds);
        return holds.find((hold) => hold.id === holdId && hold.pending.length > 0);
      },
      { timeoutMs: 30_000, intervalMs: 100 },
      () => seen,
    );
  }

  /** The process servers a configuration server's fabric reports in the emulator now. */
  async processServersOf(configurationServer: string): Promise<Record<string, unknown>[]> {
    const fabric = (await this.control.state()).resources.find(
      (resource) => resource.type.toLowerCase().endsWith('/replicationfabrics') && resource.properties?.['friendlyName'] === configurationServer,
    );
    const details = fabric?.properties?.['customDetails'] as { processServers?: Record<string, unknown>[] } | undefined;
    return details?.processServers ?? [];
  }

  /** An element's text as a person reads it (the workbench renders some spaces as no-break spaces). */
  async textOf(element: Locator): Promise<string> {
    return (await element.innerText()).replace(/\u00a0/g, ' ');
  }

  /**
   * The lines of the Output panel's channel (opened by "Show Logs") holding `text`, once at least one does: typed
   * into the Output view's filter box as a user narrows a long channel, so that every matching line is on screen. The
   * view wraps a line longer than it is wide: a screen line that does not start with the channel's timestamp continues
   * the line before it.
   */
  async outputChannelLines(text: string): Promise<string[]> {
    const panel = this.workbench.panel();
    const editorLines = panel.locator('.monaco-editor .view-lines .view-line');
    const filter = panel.locator('.viewpane-filter input');
    await filter.waitFor({ timeout: 30_000 });
    await filter.fill(text);
    let lines: string[] = [];
    await waitUntil(
      `the Output view to show only lines with "${text}"`,
      async () => {
        lines = [];
        for (const screenLine of (await editorLines.allInnerTexts()).map((line) => line.replace(/\u00a0/g, ' ')).filter((line) => line.trim() !== '')) {
          if (lines.length > 0 && !CHANNEL_LINE_START.test(screenLine)) {
            lines[lines.length - 1] += screenLine;
          } else {
            lines.push(screenLine);
          }
        }
        return lines.length > 0 && lines.every((line) => line.includes(text)) ? lines : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 100 },
      () => lines.join(' | '),
    );
    return lines;
  }

  /**
   * Neither the admin password nor the passphrase is in anything the journey left or passed them through: its
   * screenshots (test-results/ui/<journey>), the VS Code server's logs with the extension's output channel, and the
   * emulator's request log.
   */
  async assertNoSecretLeft(): Promise<void> {
    const places = new Map<string, string>();
    for (const file of [...filesUnder(path.join(TEST_RESULTS_DIR, 'ui', this.journeyName)), ...filesUnder(path.join(this.sandbox.codeServer.userDataDir, 'logs'))]) {
      places.set(file, fs.readFileSync(file).toString('latin1'));
    }
    assert.ok([...places.keys()].some((file) => file.endsWith('Azure Site Recovery.log')), "the extension's output channel log is among the files scanned");
    places.set('the emulator request log', JSON.stringify(await this.control.requests()));
    for (const [place, text] of places) {
      for (const secret of [ADMIN_PASSWORD, TOKYO_PASSPHRASE]) {
        assert.ok(!text.includes(secret), `a secret appears in ${place}`);
      }
    }
  }
}
