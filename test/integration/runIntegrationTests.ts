/**
 * Runs the extension-host integration tests the way VS Code extensions are tested (@vscode/test-electron's runTests),
 * with code-server standing in for desktop VS Code through test/vscode/code-server-test-launcher.sh.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { PROJECT_ROOT } from '../vscode/testTools';

async function main(): Promise<void> {
  const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'asr-integration-'));
  try {
    await runTests({
      vscodeExecutablePath: path.join(PROJECT_ROOT, 'test', 'vscode', 'code-server-test-launcher.sh'),
      extensionDevelopmentPath: PROJECT_ROOT,
      extensionTestsPath: path.join(PROJECT_ROOT, 'out', 'test', 'integration', 'index.js'),
      launchArgs: [`--user-data-dir=${path.join(profileDir, 'user-data')}`, `--extensions-dir=${path.join(profileDir, 'extensions')}`],
    });
  } finally {
    fs.rmSync(profileDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
