/**
 * `npm run bench` (last part): prints the one table of this run's figures from the rows every bench wrote to
 * ASR_BENCH_RESULTS, ending with `bench: N/M targets met`. A bench that failed (ASR_BENCH_FAILED, a space-separated
 * list scripts/bench.sh keeps) is named above the table: its figures are missing from it.
 */
import { readRows, tableLines, type BenchRow } from './benchTable';

/** The table's sections in the order; a row's section is its figure's first word ("tree: ..."). */
const SECTIONS = ['activation', 'tree', 'wizard', 'deploy', 'memory', 'package'];

function sectionOf(row: BenchRow): number {
  const index = SECTIONS.indexOf(row.figure.split(':')[0] ?? '');
  return index < 0 ? SECTIONS.length : index;
}

function main(): void {
  const file = process.env.ASR_BENCH_RESULTS;
  if (file === undefined || file === '') {
    throw new Error('ASR_BENCH_RESULTS names no results file: run through scripts/bench.sh.');
  }
  const failed = (process.env.ASR_BENCH_FAILED ?? '').split(' ').filter((name) => name !== '');
  console.log('');
  console.log('bench table (every figure from this run; ratio = measured / target, met when at most 1):');
  for (const name of failed) {
    console.log(`  NOT MEASURED: ${name} failed (its output is above), so its figures and targets are missing from the table`);
  }
  // Array.prototype.sort is stable: within a section the rows keep the order their bench wrote them in.
  const rows = readRows(file).sort((a, b) => sectionOf(a) - sectionOf(b));
  for (const line of tableLines(rows)) {
    console.log(line);
  }
}

main();
