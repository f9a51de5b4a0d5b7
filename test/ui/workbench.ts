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

  /**
   * Drags the sash between the side bar and the editor until the side bar is `width` pixels wide, as a user widens it
   * to read the tree's descriptions in full.
   */
  async resizeSideBar(width: number): Promise<void> {
    const sideBar = this.page.locator('.part.sidebar');
    const box = await sideBar.boundingBox();
    if (box === null) {
      throw new Error('The side bar is not shown.');
    }
    const edge = box.x + box.width;
    const middle = box.y + box.height / 2;
    await this.page.mouse.move(edge + 1, middle);
    await this.page.mouse.down();
    await this.page.mouse.move(box.x + width, middle, { steps: 5 });
    await this.page.mouse.up();
    await this.movePointerOffTheTree();
  }

  /**
   * Rests the pointer on the editor area, as a user moves it out of the way: left on the tree (where a prompt that
   * closed had it), it opens a row's hover over what a screenshot should show.
   */
  async movePointerOffTheTree(): Promise<void> {
    const viewport = this.page.viewportSize() ?? { width: 1440, height: 900 };
    await this.page.mouse.move(viewport.width - 100, viewport.height / 2);
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

  /** The modal dialog (VS Code draws it in the workbench) whose text holds `text`. */
  dialog(text: string | RegExp): Locator {
    return this.page.locator('.monaco-dialog-box').filter({ hasText: text });
  }

  /**
   * Right-clicks `row`, waits until its context menu is fully shown (it fades in), saves a screenshot of it and clicks
   * the menu item whose text holds `item`.
   */
  async chooseFromContextMenu(row: Locator, item: string, screenshotStep: string): Promise<void> {
    await row.waitFor({ timeout: 30_000 });
    await row.click({ button: 'right' });
    const menu = this.page.locator('.context-view .monaco-menu');
    await menu.waitFor({ timeout: 15_000 });
    await this.page.waitForFunction(
      "[...document.querySelectorAll('.context-view')].every((view) => view.getAnimations({ subtree: true }).length === 0)",
    );
    await this.screenshot(screenshotStep);
    await menu.locator('.action-item', { hasText: item }).click();
  }

  /** The notification toast (bottom right) whose text holds `text`: a message, or a progress with its title and message. */
  notificationToast(text: string | RegExp): Locator {
    return this.page.locator('.notifications-toasts .notification-toast').filter({ hasText: text });
  }

  /**
   * Waits until `toast` (a notificationToast) is shown in full: VS Code fades a toast in and marks it once the fade-in
   * transition has ended, so that a screenshot then shows it as a person reads it.
   */
  async waitForToast(toast: Locator, timeoutMs: number): Promise<void> {
    await toast.and(this.page.locator('.notification-toast.notification-fade-in-done')).waitFor({ timeout: timeoutMs });
  }

  /**
   * Expands the tree row labelled `label` (the first one, a parent before its children) by clicking it, unless it is
   * expanded already, and waits until it is.
   */
  async expandTreeRow(label: string): Promise<void> {
    const row = this.treeRow(label).first();
    await row.waitFor({ timeout: 30_000 });
    if ((await row.getAttribute('aria-expanded')) !== 'true') {
      await row.click();
    }
    await this.page
      .locator('.sidebar .monaco-list-row[aria-expanded="true"]')
      .filter({ has: this.page.locator('.label-name', { hasText: exactly(label) }) })
      .first()
      .waitFor({ timeout: 30_000 });
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
