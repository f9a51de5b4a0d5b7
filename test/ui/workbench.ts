import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { PROJECT_ROOT, TEST_RESULTS_DIR } from '../vscode/testTools';

/** The VSIX `npm run package` produced: journeys test the shipped artifact, not the source folder. */
export function packagedVsix(): string {
  const vsix = path.join(PROJECT_ROOT, 'dist-vsix', 'vscode-asr-failback.vsix');
  if (!fs.existsSync(vsix)) {
    throw new Error(`${vsix} does not exist: run "npm run package" first.`);
  }
  return vsix;
}

/** A pattern matching exactly `text` (all of an element's text, nothing more). */
export function exactly(text: string): RegExp {
  return new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
}

/**
 * A VS Code workbench in the browser, driven the way a person drives it: clicks, keys, what is on screen.
 * Screenshots go to test-results/ui/<journey>/ in the order they were taken.
 */
export class Workbench {
  private screenshotCount = 0;

  constructor(
    readonly page: Page,
    private readonly journeyName: string,
  ) {}

  /** Opens the workbench and waits until the activity bar is there. */
  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.page.locator('.activitybar').waitFor({ state: 'visible', timeout: 60_000 });
  }

  /** Clicks an activity-bar entry by its title and waits for its side bar to open. */
  async openActivity(title: string): Promise<void> {
    await this.page.locator(`.activitybar .action-item a[aria-label*="${title}"]`).click();
    await this.page.locator('.sidebar .composite.title').filter({ hasText: title }).waitFor({ timeout: 30_000 });
  }

  /** Runs a command from the Command Palette by typing its title, as a user would. */
  async runCommand(title: string): Promise<void> {
    await this.page.keyboard.press('F1');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(`>${title}`);
    const row = this.page.locator('.quick-input-list .monaco-list-row').filter({ hasText: title }).first();
    await row.waitFor({ state: 'visible', timeout: 15_000 });
    await row.click();
  }

  /**
   * Picks the item whose label is exactly `label` in the open QuickPick, as a user clicks it: waits until that row is
   * shown (a QuickPick that replaces its items, as multi-step picks do, is waited for by the row it should show).
   */
  async pickQuickInputItem(label: string): Promise<void> {
    const row = this.page
      .locator('.quick-input-widget .quick-input-list .monaco-list-row')
      .filter({ has: this.page.locator('.label-name', { hasText: exactly(label) }) });
    await row.waitFor({ state: 'visible', timeout: 15_000 });
    await row.click();
  }

  /** The side-bar view pane with the given title. */
  viewPane(title: string): Locator {
    return this.page.locator('.sidebar .pane').filter({ has: this.page.locator('.pane-header', { hasText: title }) });
  }

  /** A row of the side bar's tree whose label is exactly `label`. */
  treeRow(label: string): Locator {
    return this.page
      .locator('.sidebar .monaco-list-row')
      .filter({ has: this.page.locator('.label-name', { hasText: exactly(label) }) });
  }

  /** The panel area (Output, Problems, Terminal ...). */
  panel(): Locator {
    return this.page.locator('.part.panel');
  }

  /** Saves a PNG a person can look at; the file name says the step. */
  async screenshot(step: string): Promise<string> {
    this.screenshotCount += 1;
    const dir = path.join(TEST_RESULTS_DIR, 'ui', this.journeyName);
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${String(this.screenshotCount).padStart(2, '0')}-${step}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }
}
