import * as fs from 'node:fs';
import * as path from 'node:path';
import * as util from 'node:util';
import Mocha from 'mocha';
import CountingReporter from '../support/countingReporter';
import { TEST_OUTPUT_TAG } from '../vscode/testOutputTag';

/** The `*.test.js` files under `dir` (recursively), sorted, leaving out those under the sub-folders `except`. */
export function testFilesUnder(dir: string, except: readonly string[] = []): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.test.js') && !except.some((folder) => file.startsWith(`${folder}${path.sep}`)))
    .sort()
    .map((file) => path.join(dir, file));
}

/**
 * Runs these test files with mocha inside the real extension host, and sends mocha's output tagged through the
 * console to the launcher (test/vscode/extensionHostLauncher.ts). `ASR_TEST_GREP` narrows the run to matching tests.
 */
export async function runMochaInExtensionHost(testFiles: readonly string[]): Promise<void> {
  Mocha.reporters.Base.consoleLog = (...args: unknown[]) => {
    for (const line of util.format(...args).split('\n')) {
      console.log(`${TEST_OUTPUT_TAG}${line}`);
    }
  };
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: CountingReporter });
  const grep = process.env.ASR_TEST_GREP;
  if (grep !== undefined && grep !== '') {
    mocha.grep(grep);
  }
  for (const file of testFiles) {
    mocha.addFile(file);
  }
  await new Promise<void>((resolve, reject) => {
    mocha.run((failures) => {
      if (failures > 0) {
        reject(new Error(`${failures} extension-host test(s) failed.`));
      } else {
        resolve();
      }
    });
  });
}
