import { launchBrowser, type RunningBrowser } from '../vscode/browser';
import { startCodeServer, type CodeServerOptions, type RunningCodeServer } from '../vscode/codeServer';
import { packagedVsix, Workbench } from './workbench';

/** One journey's real VS Code with the packaged VSIX installed, a browser on it, and the workbench open. */
export interface JourneySession {
  readonly workbench: Workbench;
  readonly codeServer: RunningCodeServer;
  close(): Promise<void>;
}

export async function openJourneySession(
  journeyName: string,
  options: Pick<CodeServerOptions, 'settings' | 'env'> = {},
): Promise<JourneySession> {
  const codeServer = await startCodeServer({ ...options, vsixFiles: [packagedVsix()] });
  let browser: RunningBrowser | undefined;
  try {
    browser = await launchBrowser();
    const workbench = new Workbench(browser.page, journeyName);
    await workbench.open(codeServer.url);
    const openedBrowser = browser;
    return {
      workbench,
      codeServer,
      close: async () => {
        await openedBrowser.close();
        await codeServer.stop();
      },
    };
  } catch (error) {
    await browser?.close();
    await codeServer.stop();
    throw error;
  }
}
