import * as assert from 'node:assert/strict';
import type { Locator } from 'playwright-core';
import type { Workbench } from './workbench';

/**
 * The prompts of one flow (the QuickPicks and InputBoxes sharing one title, e.g. "Add Process Server in Azure"),
 * answered as a user answers them: each prompt is waited for by its title and by what it shows (its prompt, message or
 * placeholder), never for a time.
 */
export class QuickInputPrompts {
  constructor(
    private readonly workbench: Workbench,
    /** The title the flow's prompts show (VS Code adds the "(n/N)" step counter to it). */
    private readonly title: string,
  ) {}

  private widget(): Locator {
    return this.workbench.page.locator('.quick-input-widget');
  }

  /** The text box of the open prompt (an InputBox's value, a QuickPick's filter). */
  input(): Locator {
    return this.widget().locator('.quick-input-box input');
  }

  /** Waits until the open prompt has the flow's title and shows `text` (in its prompt, message or placeholder). */
  async waitFor(text: string): Promise<void> {
    const widget = this.widget();
    await widget.locator('.quick-input-title', { hasText: this.title }).waitFor({ timeout: 30_000 });
    await widget
      .locator('.quick-input-message, .quick-input-box input')
      .filter({ hasText: text })
      .or(widget.locator(`.quick-input-box input[placeholder*="${text.replace(/"/g, '\\"')}"]`))
      .first()
      .waitFor({ timeout: 30_000 });
  }

  /** Waits for the prompt showing `text`, types `value` into it and presses Enter. */
  async type(text: string, value: string): Promise<void> {
    await this.waitFor(text);
    await this.fillAndEnter(value);
  }

  /** Types into the open input box, replacing what is there, and presses Enter. */
  async fillAndEnter(value: string): Promise<void> {
    const input = this.input();
    await input.fill(value);
    await input.press('Enter');
  }

  /**
   * Waits for the prompt showing `text`, checks that VS Code masks it (an `<input type="password">`, which shows dots),
   * types the secret and saves a screenshot of the masked box before pressing Enter.
   */
  async typeSecret(text: string, secret: string, screenshotStep: string): Promise<void> {
    await this.waitFor(text);
    const input = this.input();
    assert.equal(await input.getAttribute('type'), 'password', `the box "${text}" is masked`);
    await input.fill(secret);
    assert.equal(await input.getAttribute('type'), 'password', `the box "${text}" is still masked with the secret in it`);
    await this.workbench.screenshot(screenshotStep);
    await input.press('Enter');
  }

  /** Waits for the prompt showing `text` and clicks its row whose label holds `label`. */
  async pick(text: string, label: string): Promise<void> {
    await this.waitFor(text);
    await this.pickItem(label);
  }

  /** Clicks the row whose label holds `label` (labels may start with an icon). */
  async pickItem(label: string): Promise<void> {
    const row = this.widget().locator('.quick-input-list .monaco-list-row').filter({ hasText: label }).first();
    await row.waitFor({ state: 'visible', timeout: 15_000 });
    await row.click();
  }
}
