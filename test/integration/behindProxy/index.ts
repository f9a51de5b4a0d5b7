/**
 * The entry point of the extension-host run behind a TLS-inspecting proxy (runIntegrationTests starts it after the
 * main run): the `*.test.js` files of this folder, with mocha, inside the real extension host.
 */
import { runMochaInExtensionHost, testFilesUnder } from '../mochaInExtensionHost';

export async function run(): Promise<void> {
  await runMochaInExtensionHost(testFilesUnder(__dirname));
}
