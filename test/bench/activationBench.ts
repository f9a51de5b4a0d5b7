/**
 * `npm run bench` (first part): the extension's activation cost and sizes, the ways docs/real-vscode-testing.md
 * describes, beside a trivial extension (one command, an empty `activate`) measured the same way in the same run, and
 * beside an extension that only requires `vscode` and registers its command (what any working extension pays):
 *  - VS Code's own numbers from `$onDidActivateExtension(id, codeLoading, activateCall, activateResolved)`, the three
 *    packaged VSIXs installed in one code-server with a fresh profile per run, median of the runs; each run activates
 *    all three (this extension by opening its view, the others by running their command), this one first or last in turn;
 *  - `require()` of the bundles in plain Node with a stub `vscode` module;
 *  - the entry bundle's and the VSIX's sizes.
 * Writes its rows for the bench table (benchTable.ts). Figures, never assertions: these machines are shared and noisy.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import Module, { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { launchBrowser } from '../vscode/browser';
import { startCodeServer } from '../vscode/codeServer';
import { PROJECT_ROOT } from '../vscode/testTools';
import { packagedVsix, Workbench } from '../ui/workbench';
import { recordRows, type BenchRow } from './benchTable';

const EXTENSION_ID = 'asr-failback.vscode-asr-failback';
const RUNS = Number(process.env.ASR_BENCH_RUNS ?? '5');
/** The issue's targets: the entry bundle at most 150 KB (KiB here), activation at most 3x the trivial extension's, the VSIX at most 800 KB. */
const ENTRY_BUNDLE_TARGET_KIB = 150;
const ACTIVATION_TARGET_FACTOR = 3;
const VSIX_TARGET_KIB = 800;

/** A reference extension measured beside this one: one command contributed, and the `main` given. */
interface ReferenceExtension {
  readonly name: string;
  readonly displayName: string;
  readonly description: string;
  readonly command: string;
  readonly title: string;
  readonly main: string;
}

const REFERENCE_PUBLISHER = 'asr-failback-bench';
const referenceId = (reference: ReferenceExtension): string => `${REFERENCE_PUBLISHER}.${reference.name}`;

/** The trivial extension of the issue's target: one command contributed, an `activate` that does nothing. */
const TRIVIAL: ReferenceExtension = {
  name: 'bench-trivial-extension',
  displayName: 'ASR bench trivial extension',
  description: 'One command and an empty activate: what activation costs at the least, for the bench to compare with.',
  command: 'asrFailbackBenchTrivial.run',
  title: 'ASR Bench Trivial Command',
  main: "'use strict';\nexports.activate = function activate() {};\nexports.deactivate = function deactivate() {};\n",
};

/**
 * The least an extension that does anything pays: it requires `vscode` (VS Code builds the extension's API object on
 * that first require) and registers its one command. Not a target: it tells how much of this extension's figure is that.
 */
const COMMAND_ONLY: ReferenceExtension = {
  name: 'bench-command-extension',
  displayName: 'ASR bench command-only extension',
  description: 'Requires vscode and registers its one command: what an extension that does anything pays at the least.',
  command: 'asrFailbackBenchCommandOnly.run',
  title: 'ASR Bench Command-Only Command',
  main:
    "'use strict';\nconst vscode = require('vscode');\n" +
    "exports.activate = function activate(context) {\n  context.subscriptions.push(vscode.commands.registerCommand('asrFailbackBenchCommandOnly.run', () => undefined));\n};\n" +
    'exports.deactivate = function deactivate() {};\n',
};

interface ActivationTimes {
  codeLoading: number;
  activateCall: number;
  activateResolved: number;
}

const total = (times: ActivationTimes): number => times.codeLoading + times.activateCall + times.activateResolved;

/** VS Code's line for one extension, e.g. "$onDidActivateExtension( ... {value: <id>, _lower: <id>} 15 3 0 {startup: false, ...} )". */
function activationLine(extensionId: string): RegExp {
  return new RegExp(`\\$onDidActivateExtension\\(.*?value: ${extensionId.replace(/\./g, '\\.')},[^}]*\\}\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)`);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** Packages a reference extension into a VSIX in a folder of its own under `parent` with the project's vsce; returns its path. */
function packageReferenceExtension(reference: ReferenceExtension, parent: string): string {
  const directory = path.join(parent, reference.name);
  fs.mkdirSync(directory);
  const manifest = {
    name: reference.name,
    displayName: reference.displayName,
    description: reference.description,
    publisher: REFERENCE_PUBLISHER,
    version: '0.0.1',
    license: 'MIT',
    engines: { vscode: '^1.139.0' },
    main: './extension.js',
    files: ['extension.js'],
    activationEvents: [],
    contributes: { commands: [{ command: reference.command, title: reference.title }] },
  };
  fs.writeFileSync(path.join(directory, 'package.json'), JSON.stringify(manifest, undefined, 2));
  fs.writeFileSync(path.join(directory, 'extension.js'), reference.main);
  fs.writeFileSync(path.join(directory, 'README.md'), `# ${manifest.displayName}\n\n${manifest.description}\n`);
  const vsix = path.join(directory, `${reference.name}.vsix`);
  execFileSync(
    path.join(PROJECT_ROOT, 'node_modules', '.bin', 'vsce'),
    ['package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--out', vsix],
    { cwd: directory, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  return vsix;
}

/** Waits for VS Code's activation line of `extensionId` on the workbench's console. */
function activationOf(page: Workbench['page'], extensionId: string): Promise<ActivationTimes> {
  const pattern = activationLine(extensionId);
  return new Promise<ActivationTimes>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`No $onDidActivateExtension line for ${extensionId} within 60 s.`));
    }, 60_000);
    page.on('console', (message) => {
      const match = pattern.exec(message.text());
      if (match !== null) {
        clearTimeout(timer);
        resolve({ codeLoading: Number(match[1]), activateCall: Number(match[2]), activateResolved: Number(match[3]) });
      }
    });
  });
}

/** This extension's and the references' times in one profile. */
interface ProfileTimes {
  ours: ActivationTimes;
  trivial: ActivationTimes;
  commandOnly: ActivationTimes;
}

/**
 * One fresh profile: this extension and the references installed from their VSIXs, each activated once, this extension
 * first or last (`oursFirst`), so that neither order favours it.
 */
async function measureInVsCode(referenceVsixes: readonly string[], oursFirst: boolean): Promise<ProfileTimes> {
  const codeServer = await startCodeServer({ vsixFiles: [packagedVsix(), ...referenceVsixes] });
  const browser = await launchBrowser();
  try {
    const ours = activationOf(browser.page, EXTENSION_ID);
    const trivial = activationOf(browser.page, referenceId(TRIVIAL));
    const commandOnly = activationOf(browser.page, referenceId(COMMAND_ONLY));
    // Those not awaited first must not become unhandled rejections while another is.
    for (const activation of [ours, trivial, commandOnly]) {
      activation.catch(() => undefined);
    }
    const workbench = new Workbench(browser.page, 'bench');
    const payload = encodeURIComponent(JSON.stringify([['logExtensionHostCommunication', 'true']]));
    await workbench.open(`${codeServer.url}/?payload=${payload}`);
    // Let the workbench finish starting its own extensions, so the figure is this extension's, not the start-up rush.
    await new Promise((resolve) => setTimeout(resolve, 8_000));
    const references: [() => Promise<void>, Promise<ActivationTimes>][] = [
      [() => workbench.runCommand(TRIVIAL.title), trivial],
      [() => workbench.runCommand(COMMAND_ONLY.title), commandOnly],
    ];
    const oursActivation: [() => Promise<void>, Promise<ActivationTimes>] = [() => workbench.openActivity('Azure Site Recovery'), ours];
    for (const [activate, activated] of oursFirst ? [oursActivation, ...references] : [...references, oursActivation]) {
      await activate();
      await activated;
      // What the first one starts once active (this extension's first tree load) must settle before the next.
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      await browser.page.keyboard.press('Escape');
    }
    return { ours: await ours, trivial: await trivial, commandOnly: await commandOnly };
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

const kib = (file: string): number => fs.statSync(file).size / 1024;

function timesLine(times: ActivationTimes): string {
  return `codeLoading ${times.codeLoading} ms, activateCall ${times.activateCall} ms, activateResolved ${times.activateResolved} ms`;
}

function medianLine(runs: readonly ActivationTimes[]): string {
  const of = (pick: (times: ActivationTimes) => number): number => median(runs.map(pick));
  return `codeLoading ${of((t) => t.codeLoading)} ms, activateCall ${of((t) => t.activateCall)} ms, activateResolved ${of((t) => t.activateResolved)} ms, total ${of(total)} ms`;
}

async function main(): Promise<void> {
  const bundle = path.join(PROJECT_ROOT, 'dist', 'extension.js');
  const vsix = packagedVsix();
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'asr-activation-bench-'));
  try {
    const referenceVsixes = [TRIVIAL, COMMAND_ONLY].map((reference) => packageReferenceExtension(reference, workDir));
    console.log(`bundle dist/extension.js (loaded at activation): ${kib(bundle).toFixed(1)} KiB`);
    const sdkBundle = path.join(PROJECT_ROOT, 'dist', 'azureSdk.js');
    console.log(`bundle dist/azureSdk.js (loaded when the tree first lists): ${kib(sdkBundle).toFixed(1)} KiB`);
    console.log(`VSIX ${path.basename(vsix)}: ${kib(vsix).toFixed(1)} KiB; the trivial extension's main ${String(Buffer.byteLength(TRIVIAL.main))} bytes`);
    console.log(`require() of dist/extension.js in Node with a stub vscode: ${measureRequire(bundle).toFixed(2)} ms`);
    console.log(`require() of dist/azureSdk.js in Node with a stub vscode: ${measureRequire(sdkBundle).toFixed(2)} ms`);

    const runs: ProfileTimes[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      const oursFirst = run % 2 === 0;
      const times = await measureInVsCode(referenceVsixes, oursFirst);
      console.log(
        `activation run ${run + 1} (this extension ${oursFirst ? 'first' : 'last'}): this extension ${timesLine(times.ours)}; ` +
          `trivial extension ${timesLine(times.trivial)}; command-only extension ${timesLine(times.commandOnly)}`,
      );
      runs.push(times);
    }
    const ours = runs.map((times) => times.ours);
    const trivial = runs.map((times) => times.trivial);
    const commandOnly = runs.map((times) => times.commandOnly);
    console.log(`activation median of ${RUNS} (fresh profile each), this extension: ${medianLine(ours)}`);
    console.log(`activation median of ${RUNS} (fresh profile each), trivial extension (one command, empty activate): ${medianLine(trivial)}`);
    console.log(`activation median of ${RUNS} (fresh profile each), command-only extension (requires vscode, registers its command): ${medianLine(commandOnly)}`);

    const trivialMs = median(trivial.map(total));
    // VS Code reports whole milliseconds: a trivial extension's 0 ms means under 1 ms.
    const trivialBasis = Math.max(1, trivialMs);
    const rows: BenchRow[] = [
      { figure: 'activation: entry bundle dist/extension.js (production build)', measured: kib(bundle), unit: 'KiB', target: ENTRY_BUNDLE_TARGET_KIB },
      {
        figure: `activation: $onDidActivateExtension total, median of ${String(RUNS)} fresh profiles`,
        measured: median(ours.map(total)),
        unit: 'ms',
        target: ACTIVATION_TARGET_FACTOR * trivialBasis,
        targetBasis: `${String(ACTIVATION_TARGET_FACTOR)} x the trivial extension's ${trivialMs === trivialBasis ? `${String(trivialMs)} ms` : `${String(trivialMs)} ms, counted as 1 ms`}`,
      },
      { figure: 'activation: trivial extension, the same figure', measured: trivialMs, unit: 'ms' },
      { figure: 'activation: command-only extension (requires vscode, one command), the same figure', measured: median(commandOnly.map(total)), unit: 'ms' },
      { figure: 'package: VSIX dist-vsix/vscode-asr-failback.vsix', measured: kib(vsix), unit: 'KiB', target: VSIX_TARGET_KIB },
    ];
    recordRows(rows);
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
