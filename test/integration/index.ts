/**
 * The entry point VS Code's extension host loads as `extensionTestsPath` for the main run: every `*.test.js` beside
 * it and below it, with mocha, inside the real extension host; the folders of runs of their own are left out.
 */
import { recordActivationAtStart } from './extensionTestContext';
import { runMochaInExtensionHost, testFilesUnder } from './mochaInExtensionHost';

/** The tests of the run behind a TLS-inspecting proxy, which has its own entry point (behindProxy/index.ts). */
const SEPARATE_RUNS = ['behindProxy'];

export async function run(): Promise<void> {
  await recordActivationAtStart();
  await runMochaInExtensionHost(testFilesUnder(__dirname, SEPARATE_RUNS));
}
