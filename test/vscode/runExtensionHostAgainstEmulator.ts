import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import type { EmulatorInfo } from '../emulator/control/client';
import { emulatorCloudSettings } from './emulatorCloudSettings';
import { PROJECT_ROOT } from './testTools';

/**
 * Runs `extensionTestsPath` in the extension host of a real VS Code (code-server through
 * test/vscode/code-server-test-launcher.sh, via @vscode/test-electron's runTests), with the extension under development
 * pointed at the emulator as a custom cloud and signed in with its demo service principal.
 */
export async function runExtensionHostAgainstEmulator(
  info: EmulatorInfo,
  extensionTestsPath: string,
  extraEnvironment: Record<string, string> = {},
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
        }),
        ASR_TEST_EMULATOR_CONTROL: info.controlEndpoint,
        NODE_EXTRA_CA_CERTS: info.caFile,
        AZURE_TENANT_ID: info.tenantId,
        AZURE_CLIENT_ID: info.clientId,
        AZURE_CLIENT_SECRET: info.clientSecret,
        ...extraEnvironment,
      },
    });
  } finally {
    fs.rmSync(profileDir, { recursive: true, force: true });
  }
}
