/**
 * Runs the extension-host integration tests the way VS Code extensions are tested (@vscode/test-electron's runTests),
 * with code-server standing in for desktop VS Code, against the local Azure emulator (demo data plus the REST-spec
 * examples) configured as a custom cloud in ordinary user settings.
 */
import * as path from 'node:path';
import { fixturePath, startEmulator } from '../emulator/server';
import { runExtensionHostAgainstEmulator } from '../vscode/runExtensionHostAgainstEmulator';
import { PROJECT_ROOT } from '../vscode/testTools';

async function main(): Promise<void> {
  const emulator = await startEmulator({ seedFiles: [fixturePath('demo.json'), fixturePath('rest-spec-examples.json')] });
  try {
    await runExtensionHostAgainstEmulator(emulator.info, path.join(PROJECT_ROOT, 'out', 'test', 'integration', 'index.js'));
  } finally {
    await emulator.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
