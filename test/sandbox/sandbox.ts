import { fixturePath, startEmulator, type RunningEmulator } from '../emulator/server';
import { startCodeServer, type RunningCodeServer } from '../vscode/codeServer';
import { emulatorCloudSettings } from '../vscode/emulatorCloudSettings';

export interface Sandbox {
  readonly emulator: RunningEmulator;
  readonly codeServer: RunningCodeServer;
  /** The address to open in a browser. */
  readonly url: string;
  stop(): Promise<void>;
}

export interface SandboxOptions {
  /** The packaged extension to install. */
  readonly vsix: string;
  /** code-server's port; a free one when omitted. */
  readonly port?: number;
  /** Long-running operations take this long, so that progress can be watched (default 4 s). */
  readonly lroDurationMs?: number;
}

/**
 * The local Azure emulator with the demo data, and a real VS Code (code-server) with the packaged extension installed
 * and configured exactly as a user of a custom cloud would configure it: `microsoft-sovereign-cloud` pointing at the
 * emulator, so "Sign in to Azure" goes through VS Code's own Microsoft account sign-in. VS Code's proxy setting
 * points at the emulator, which answers only for login.microsoftonline.com (msal's instance discovery) and itself.
 */
export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  const emulator = await startEmulator({
    seedFiles: [fixturePath('demo.json')],
    settings: { lroDurationsMs: { '*': options.lroDurationMs ?? 4000 }, registrationDelayMs: 3000 },
  });
  try {
    const { info } = emulator;
    const codeServer = await startCodeServer({
      vsixFiles: [options.vsix],
      ...(options.port === undefined ? {} : { port: options.port }),
      settings: {
        ...emulatorCloudSettings(info.armEndpoint),
        'http.proxy': info.armEndpoint.replace('https:', 'http:'),
        'http.systemCertificates': false,
      },
      env: { NODE_EXTRA_CA_CERTS: info.caFile },
      // GitHub sign-in cannot work offline, and the Accounts menu waits for its provider to register.
      disabledExtensions: ['vscode.github-authentication'],
    });
    return {
      emulator,
      codeServer,
      url: `${codeServer.url}/`,
      stop: async () => {
        await codeServer.stop();
        await emulator.stop();
      },
    };
  } catch (error) {
    await emulator.stop();
    throw error;
  }
}
