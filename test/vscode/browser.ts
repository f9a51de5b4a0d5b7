import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_BIN } from './testTools';

export interface RunningBrowser {
  readonly browser: Browser;
  readonly context: BrowserContext;
  readonly page: Page;
  close(): Promise<void>;
}

/**
 * Starts Debian's headless chromium (never a downloaded browser) with background networking off, and aborts every
 * request that would leave 127.0.0.1, so a test can never reach the internet.
 */
export async function launchBrowser(): Promise<RunningBrowser> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_BIN,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  // VS Code's clipboard (env.clipboard) is the browser's; let "Copy IP Address" write and tests read it.
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await context.route('**/*', (route) => {
    const { hostname } = new URL(route.request().url());
    if (hostname === '127.0.0.1' || hostname === 'localhost') {
      return route.continue();
    }
    return route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  return {
    browser,
    context,
    page,
    close: () => browser.close(),
  };
}
