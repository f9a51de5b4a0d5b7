/**
 * The entry point VS Code's extension host loads as `extensionTestsPath`: runs every `*.test.js` beside it with mocha,
 * inside the real extension host, and sends mocha's output tagged through the console to the launcher.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as util from 'node:util';
import Mocha from 'mocha';
import CountingReporter from '../support/countingReporter';
import { TEST_OUTPUT_TAG } from '../vscode/testOutputTag';
import { recordActivationAtStart } from './extensionTestContext';

export async function run(): Promise<void> {
  recordActivationAtStart();
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
  const testFiles = fs
    .readdirSync(__dirname, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.test.js'))
    .sort();
  for (const file of testFiles) {
    mocha.addFile(path.join(__dirname, file));
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
