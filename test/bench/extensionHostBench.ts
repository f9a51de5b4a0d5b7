/**
 * `npm run bench` (second part): one emulator and one extension host (code-server started once) for every figure
 * measured inside the extension host (extensionHostBenchHost.ts): the files activation loads, the tree at scale
 * (treeBench.ts), the wizard's waits (wizardBench.ts), the deployments (deployBench.ts) and the heap's growth. The
 * emulator holds the demo seed and the large estate, 100 ms on every request, the deployments' scaled-down operations
 * and Retry-After. Prints each part's details and writes the rows for the bench table (benchTable.ts).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fixturePath, startEmulator } from '../emulator/server';
import { runExtensionHostAgainstEmulator } from '../vscode/runExtensionHostAgainstEmulator';
import { PROJECT_ROOT } from '../vscode/testTools';
import { recordRows, type BenchRow } from './benchTable';
import { DEPLOY_RUNS, DEPLOY_SETTINGS, reportDeploy } from './deployBench';
import type { ExtensionHostBenchResult } from './extensionHostBenchHost';
import { largeEstate, reportTree, TREE_SETTINGS } from './treeBench';
import { reportWizard } from './wizardBench';

/** The issue's target for the heap's growth. */
const HEAP_GROWTH_TARGET_MIB = 30;
const MIB = 1024 * 1024;

function activationRows(activation: ExtensionHostBenchResult['activation']): BenchRow[] {
  const bytes = activation.loadedFiles.reduce((sum, file) => sum + file.bytes, 0);
  const files = activation.loadedFiles.map((file) => `${file.file} ${(file.bytes / 1024).toFixed(1)} KiB`).join(', ');
  console.log(
    `activation in the extension host (development path, the production build): activate() resolved in ${activation.activateMs.toFixed(1)} ms and loaded ` +
      `${String(activation.loadedFiles.length)} file(s) of its own, ${(bytes / 1024).toFixed(1)} KiB${files === '' ? '' : `: ${files}`} ` +
      `(other extensions loaded ${String(activation.othersLoaded)} file(s) meanwhile, not counted; the host had settled for ${(activation.settledMs / 1000).toFixed(1)} s before)` +
      (activation.activeBefore ? ' (the extension was ALREADY ACTIVE before the bench activated it: these files say nothing)' : ''),
  );
  return [
    {
      figure: 'activation: own files loaded by activate() in the extension host',
      measured: bytes / 1024,
      unit: 'KiB',
      note: `${String(activation.loadedFiles.length)} file(s); the trivial extension loads its main alone`,
    },
  ];
}

function memoryRow(memory: ExtensionHostBenchResult['memory']): BenchRow {
  const growth = memory.heapAfterTreeAndDeploy - memory.heapBeforeActivation;
  console.log(
    `memory: extension-host heapUsed ${(memory.heapBeforeActivation / MIB).toFixed(1)} MiB before activation, ${(memory.heapAfterActivation / MIB).toFixed(1)} MiB after it, ` +
      `${(memory.heapAfterTree / MIB).toFixed(1)} MiB after the large tree (${String(memory.nodesHeld)} nodes held, as the view holds them), ` +
      `${(memory.heapAfterTreeAndDeploy / MIB).toFixed(1)} MiB after one deployment too: growth ${(growth / MIB).toFixed(1)} MiB; ${memory.gc}`,
  );
  return {
    figure: `memory: extension-host heap growth, large tree + one deploy${memory.gc.startsWith('WITHOUT') ? ' (WITHOUT gc)' : ' (after gc)'}`,
    measured: growth / MIB,
    unit: 'MiB',
    target: HEAP_GROWTH_TARGET_MIB,
  };
}

async function main(): Promise<void> {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'asr-host-bench-'));
  const resultFile = path.join(workDir, 'result.json');
  const emulator = await startEmulator({
    seedFiles: [fixturePath('demo.json')],
    seeds: [largeEstate()],
    settings: { ...TREE_SETTINGS, ...DEPLOY_SETTINGS },
  });
  try {
    await runExtensionHostAgainstEmulator(emulator.info, path.join(PROJECT_ROOT, 'out', 'test', 'bench', 'extensionHostBenchHost.js'), {
      env: { ASR_BENCH_RESULT_FILE: resultFile, ASR_BENCH_DEPLOY_RUNS: JSON.stringify(DEPLOY_RUNS) },
    });
    if (!fs.existsSync(resultFile)) {
      throw new Error('The extension host wrote no results (run with ASR_TEST_VERBOSE=1 to see its output).');
    }
    const result = JSON.parse(fs.readFileSync(resultFile, 'utf8')) as ExtensionHostBenchResult;
    const settings = await emulator.control.settings();
    const entries = await emulator.control.requests();
    const keep = process.env.ASR_BENCH_KEEP_DIR;
    if (keep !== undefined && keep !== '') {
      // For a closer look: what the extension host reported and the emulator's request log (secrets redacted).
      fs.mkdirSync(keep, { recursive: true });
      fs.copyFileSync(resultFile, path.join(keep, 'extension-host-result.json'));
      fs.writeFileSync(path.join(keep, 'requests.json'), JSON.stringify(entries));
    }
    const rows: BenchRow[] = [...activationRows(result.activation), ...reportTree(result.tree, settings.latencyMs)];
    const firstDeploy = result.deploy.at(0);
    if (firstDeploy !== undefined) {
      rows.push(...reportWizard(firstDeploy, entries, settings.latencyMs));
    }
    rows.push(...reportDeploy(result.deploy, entries, settings));
    rows.push(memoryRow(result.memory));
    recordRows(rows);
  } finally {
    await emulator.stop();
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
