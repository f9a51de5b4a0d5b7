// Runs every test layer in order, streams their output, and closes with one line `N passed, N failed`.
// Layers that run mocha report their counts through test/support/countingReporter; the others (typecheck, lint,
// package) count as one check each. Exits non-zero when anything failed.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';

const COUNTS_PREFIX = 'ASR-TEST-COUNTS ';
const REPORTER = 'out/test/support/countingReporter.js';

const LAYERS = [
  { name: 'typecheck', command: 'npx', args: ['tsc', '-p', '.'], before: () => fs.rmSync('out', { recursive: true, force: true }) },
  { name: 'lint', command: 'npx', args: ['eslint', '--max-warnings', '0', '.'] },
  { name: 'package', command: 'npm', args: ['run', '--silent', 'package'] },
  { name: 'node', command: 'npx', args: ['mocha', '--config', '.mocharc.node.json', '--reporter', REPORTER] },
  { name: 'extension-host', command: 'node', args: ['out/test/integration/runIntegrationTests.js'] },
  {
    name: 'ui',
    command: 'npx',
    args: ['mocha', '--config', '.mocharc.ui.json', '--reporter', REPORTER],
    // Screenshots of this run only: an old run's failure must not be mistaken for this one's.
    before: () => fs.rmSync('test-results/ui', { recursive: true, force: true }),
  },
];

function selectedLayers() {
  const index = process.argv.indexOf('--layers');
  if (index === -1) {
    return LAYERS;
  }
  const names = (process.argv[index + 1] ?? '').split(',');
  const unknown = names.filter((name) => !LAYERS.some((layer) => layer.name === name));
  if (unknown.length > 0) {
    throw new Error(`Unknown layer(s): ${unknown.join(', ')}. Known: ${LAYERS.map((layer) => layer.name).join(', ')}.`);
  }
  return LAYERS.filter((layer) => names.includes(layer.name));
}

/** Runs one layer, echoing its output, and returns its exit code and the counts it reported (if any). */
function runLayer(layer) {
  return new Promise((resolve) => {
    const child = spawn(layer.command, layer.args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const counts = [];
    let pending = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const at = line.indexOf(COUNTS_PREFIX);
        if (at !== -1) {
          counts.push(JSON.parse(line.slice(at + COUNTS_PREFIX.length)));
        } else {
          process.stdout.write(`${line}\n`);
        }
      }
    });
    child.stderr.on('data', (chunk) => process.stderr.write(chunk));
    child.on('close', (code) => {
      if (pending !== '') {
        process.stdout.write(`${pending}\n`);
      }
      resolve({ code: code ?? 1, counts });
    });
  });
}

const results = [];
for (const layer of selectedLayers()) {
  console.log(`\n=== ${layer.name}: ${[layer.command, ...layer.args].join(' ')}`);
  layer.before?.();
  const started = Date.now();
  const { code, counts } = await runLayer(layer);
  const seconds = (Date.now() - started) / 1000;
  let passed;
  let failed;
  if (counts.length === 0) {
    passed = code === 0 ? 1 : 0;
    failed = code === 0 ? 0 : 1;
  } else {
    passed = counts.reduce((sum, count) => sum + count.passed, 0);
    failed = counts.reduce((sum, count) => sum + count.failed, 0);
    if (code !== 0 && failed === 0) {
      failed = 1; // the runner itself failed (a hook, a crash) without a failed test to show for it
    }
  }
  results.push({ name: layer.name, passed, failed, seconds });
}

console.log('\n=== summary');
for (const result of results) {
  const verdict = result.failed === 0 ? 'ok  ' : 'FAIL';
  console.log(`${verdict} ${result.name.padEnd(15)} ${String(result.passed).padStart(4)} passed ${String(result.failed).padStart(3)} failed ${result.seconds.toFixed(1).padStart(7)} s`);
}
const totalPassed = results.reduce((sum, result) => sum + result.passed, 0);
const totalFailed = results.reduce((sum, result) => sum + result.failed, 0);
console.log(`${totalPassed} passed, ${totalFailed} failed`);
process.exit(totalFailed === 0 ? 0 : 1);
