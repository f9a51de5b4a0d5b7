import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import type { EmulatorInfo } from '../emulator/control/client';
import { emulatorCloudSettings } from './emulatorCloudSettings';
import { PROJECT_ROOT } from './testTools';

/** What a run changes of the usual set-up. */
export interface ExtensionHostRunOptions {
  /** More environment for VS Code and so its extension host; a variable given as undefined is removed. */
  readonly env?: Record<string, string | undefined>;
  /** More user settings, over the emulator's cloud and the service principal sign-in. */
  readonly settings?: Record<string, unknown>;
}

/**
 * Runs `extensionTestsPath` in the extension host of a real VS Code (code-server through
 * test/vscode/code-server-test-launcher.sh, via @vscode/test-electron's runTests), with the extension under development
 * pointed at the emulator as a custom cloud and signed in with its demo service principal; the emulator's certificate
 * is trusted through NODE_EXTRA_CA_CERTS unless `options.env` removes it.
 */
export async function runExtensionHostAgainstEmulator(
  info: EmulatorInfo,
  extensionTestsPath: string,
  options: ExtensionHostRunOptions = {},
): Promise<void> {
  const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'asr-extension-host-'));
  try {
    await runTests({
      vscodeExecutablePath: path.join(PROJECT_ROOT, 'test', 'vscode', 'code-server-test-launcher.sh'),
      extensionDevelopmentPath: PROJECT_ROOT,
      extensionTestsPath,
      launchArgs: [`--user-data-dir=${path.join(profileDir, 'user-data')}`, `--extensions-dir=${path.join(profileDir, 'extensions')}`],
      extensionTestsEnv: {
        ASR_TEST_VSCODE_SETTINGS: JSON.stringify({
          ...emulatorCloudSettings(info.armEndpoint),
          'asrFailback.authentication': 'servicePrincipal',
          ...options.settings,
        }),
        ASR_TEST_EMULATOR_CONTROL: info.controlEndpoint,
        NODE_EXTRA_CA_CERTS: info.caFile,
        AZURE_TENANT_ID: info.tenantId,
        AZURE_CLIENT_ID: info.clientId,
        AZURE_CLIENT_SECRET: info.clientSecret,
        ...options.env,
      },
    });
  } finally {
    fs.rmSync(profileDir, { recursive: true, force: true });
  }
}
