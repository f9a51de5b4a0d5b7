/**
 * Measures the extension's activation cost, the two ways docs/real-vscode-testing.md describes, and prints figures:
 *  - VS Code's own numbers from `$onDidActivateExtension(id, codeLoading, activateCall, activateResolved)` with the
 *    packaged VSIX installed in code-server (fresh profile per run, median of the runs);
 *  - `require()` of the bundle in plain Node with a stub `vscode` module.
 * Figures, never assertions: these machines are shared and noisy.
 */
import * as fs from 'node:fs';
import Module, { createRequire } from 'node:module';
import * as path from 'node:path';
import { launchBrowser } from '../vscode/browser';
import { startCodeServer } from '../vscode/codeServer';
import { PROJECT_ROOT } from '../vscode/testTools';
import { packagedVsix, Workbench } from '../ui/workbench';

const EXTENSION_ID = 'asr-failback.vscode-asr-failback';
const RUNS = Number(process.env.ASR_BENCH_RUNS ?? '5');
const ACTIVATION_LINE = new RegExp(
  `\\$onDidActivateExtension\\(.*?value: ${EXTENSION_ID.replace(/\./g, '\\.')},[^}]*\\}\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)`,
);

interface ActivationTimes {
  codeLoading: number;
  activateCall: number;
  activateResolved: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

async function measureInVsCode(): Promise<ActivationTimes> {
  const codeServer = await startCodeServer({ vsixFiles: [packagedVsix()] });
  const browser = await launchBrowser();
  try {
    const activation = new Promise<ActivationTimes>((resolve) => {
      browser.page.on('console', (message) => {
        // e.g. "$onDidActivateExtension( ... {value: <id>, _lower: <id>} 15 3 0 {startup: false, ...} )"
        const match = ACTIVATION_LINE.exec(message.text());
        if (match !== null) {
          resolve({ codeLoading: Number(match[1]), activateCall: Number(match[2]), activateResolved: Number(match[3]) });
        }
      });
    });
    const workbench = new Workbench(browser.page, 'bench');
    const payload = encodeURIComponent(JSON.stringify([['logExtensionHostCommunication', 'true']]));
    await workbench.open(`${codeServer.url}/?payload=${payload}`);
    // Let the workbench finish starting its own extensions, so the figure is this extension's, not the start-up rush.
    await new Promise((resolve) => setTimeout(resolve, 8_000));
    await workbench.openActivity('Azure Site Recovery');
    return await Promise.race([
      activation,
      new Promise<never>((_resolve, reject) =>
        setTimeout(() => {
          reject(new Error('No $onDidActivateExtension line for the extension within 60 s.'));
        }, 60_000),
      ),
    ]);
  } finally {
    await browser.close();
    await codeServer.stop();
  }
}

/** Loads the bundle in plain Node, with `vscode` stubbed, and returns the milliseconds `require()` took. */
function measureRequire(bundle: string): number {
  const moduleWithLoad = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const originalLoad = moduleWithLoad._load;
  moduleWithLoad._load = (request: string, ...rest: unknown[]) => (request === 'vscode' ? {} : originalLoad(request, ...rest));
  try {
    const started = process.hrtime.bigint();
    createRequire(__filename)(bundle);
    return Number(process.hrtime.bigint() - started) / 1e6;
  } finally {
    moduleWithLoad._load = originalLoad;
  }
}

async function main(): Promise<void> {
  const bundle = path.join(PROJECT_ROOT, 'dist', 'extension.js');
  const vsix = packagedVsix();
  console.log(`bundle dist/extension.js (loaded at activation): ${(fs.statSync(bundle).size / 1024).toFixed(1)} KiB`);
  const sdkBundle = path.join(PROJECT_ROOT, 'dist', 'azureSdk.js');
  console.log(`bundle dist/azureSdk.js (loaded when the tree first lists): ${(fs.statSync(sdkBundle).size / 1024).toFixed(1)} KiB`);
  console.log(`VSIX ${path.basename(vsix)}: ${(fs.statSync(vsix).size / 1024).toFixed(1)} KiB`);
  console.log(`require() of dist/extension.js in Node with a stub vscode: ${measureRequire(bundle).toFixed(2)} ms`);
  console.log(`require() of dist/azureSdk.js in Node with a stub vscode: ${measureRequire(sdkBundle).toFixed(2)} ms`);

  const runs: ActivationTimes[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    const times = await measureInVsCode();
    console.log(`activation run ${run + 1}: codeLoading ${times.codeLoading} ms, activateCall ${times.activateCall} ms, activateResolved ${times.activateResolved} ms`);
    runs.push(times);
  }
  console.log(
    `activation median of ${RUNS} (fresh profile each): codeLoading ${median(runs.map((t) => t.codeLoading))} ms, ` +
      `activateCall ${median(runs.map((t) => t.activateCall))} ms, activateResolved ${median(runs.map((t) => t.activateResolved))} ms, ` +
      `total ${median(runs.map((t) => t.codeLoading + t.activateCall + t.activateResolved))} ms`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
