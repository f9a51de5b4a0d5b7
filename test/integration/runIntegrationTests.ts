/**
 * Runs the extension-host integration tests the way VS Code extensions are tested (@vscode/test-electron's runTests),
 * with code-server standing in for desktop VS Code through test/vscode/code-server-test-launcher.sh, against the
 * local Azure emulator (demo data plus the REST-spec examples) configured as a custom cloud in ordinary user settings.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { fixturePath, startEmulator } from '../emulator/server';
import { PROJECT_ROOT } from '../vscode/testTools';
import { emulatorCloudSettings } from '../vscode/emulatorCloudSettings';

async function main(): Promise<void> {
  const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'asr-integration-'));
  const emulator = await startEmulator({
    seedFiles: [fixturePath('demo.json'), fixturePath('rest-spec-examples.json')],
  });
  try {
    const { info } = emulator;
    await runTests({
      vscodeExecutablePath: path.join(PROJECT_ROOT, 'test', 'vscode', 'code-server-test-launcher.sh'),
      extensionDevelopmentPath: PROJECT_ROOT,
      extensionTestsPath: path.join(PROJECT_ROOT, 'out', 'test', 'integration', 'index.js'),
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
      },
    });
  } finally {
    await emulator.stop();
    fs.rmSync(profileDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
