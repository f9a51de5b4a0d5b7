/**
 * The one table `npm run bench` ends with: every bench appends its rows (JSON lines) to the file ASR_BENCH_RESULTS
 * names, and printBenchTable.ts prints them together once every bench of the run has written its own. A row is one
 * figure measured in this run; with a target it is met when the measured value is at most the target (ratio =
 * measured / target, at most 1), without one it is shown for what it says and not counted. Figures, never
 * assertions: the bench prints what it measured and whether a target was met, it does not fail on speed.
 */
import * as fs from 'node:fs';

/** How a row's values are written. */
export type BenchUnit = 'ms' | 'KiB' | 'MiB' | 'count' | 'ms/request';

export interface BenchRow {
  /** What was measured, and how (e.g. "tree: vaults level, time"). */
  readonly figure: string;
  readonly measured: number;
  readonly unit: BenchUnit;
  /** The most the figure may be; undefined: shown, not counted. */
  readonly target?: number;
  /** Where the target comes from when it is derived from another figure of the run (e.g. "1.25 x floor 1.80 s"). */
  readonly targetBasis?: string;
  /** A few words after the measured value (e.g. the step that waited longest). */
  readonly note?: string;
}

/** Appends rows to this run's results file (ASR_BENCH_RESULTS); without one, prints them as JSON. */
export function recordRows(rows: readonly BenchRow[]): void {
  const file = process.env.ASR_BENCH_RESULTS;
  const lines = rows.map((row) => JSON.stringify(row)).join('\n');
  if (file === undefined || file === '') {
    console.log(`bench rows (ASR_BENCH_RESULTS not set): ${lines}`);
    return;
  }
  fs.appendFileSync(file, `${lines}\n`);
}

/** The rows in a results file, in the order the benches wrote them. */
export function readRows(file: string): BenchRow[] {
  if (!fs.existsSync(file)) {
    return [];
  }
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as BenchRow);
}

/** A value in its unit, as the table writes it. */
export function formatValue(value: number, unit: BenchUnit): string {
  switch (unit) {
    case 'ms':
      return Math.abs(value) >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(Math.abs(value) >= 100 ? 0 : 1)} ms`;
    case 'KiB':
      return `${value.toFixed(1)} KiB`;
    case 'MiB':
      return `${value.toFixed(1)} MiB`;
    case 'count':
      return String(Math.round(value));
    case 'ms/request':
      return `${value.toFixed(2)} ms/request`;
  }
}

/** Whether a row with a target met it; undefined for a row without one. */
export function metTarget(row: BenchRow): boolean | undefined {
  return row.target === undefined ? undefined : row.measured <= row.target;
}

/** measured / target, or "-" where that says nothing (no target, or a target of 0). */
export function ratioOf(row: BenchRow): string {
  if (row.target === undefined || row.target === 0) {
    return '-';
  }
  return (row.measured / row.target).toFixed(2);
}

/** The table's lines: a header, one line per row, and `bench: N/M targets met`. */
export function tableLines(rows: readonly BenchRow[]): string[] {
  const cells = rows.map((row) => {
    const met = metTarget(row);
    return [
      row.figure,
      formatValue(row.measured, row.unit) + (row.note === undefined ? '' : ` (${row.note})`),
      row.target === undefined ? '-' : `at most ${formatValue(row.target, row.unit)}${row.targetBasis === undefined ? '' : ` (${row.targetBasis})`}`,
      ratioOf(row),
      met === undefined ? '-' : met ? 'yes' : 'NO',
    ];
  });
  const header = ['figure', 'measured', 'target', 'ratio', 'met'];
  const widths = header.map((title, column) => Math.max(title.length, ...cells.map((row) => row[column].length)));
  const line = (values: readonly string[]): string => `| ${values.map((value, column) => value.padEnd(widths[column])).join(' | ')} |`;
  const targeted = rows.filter((row) => row.target !== undefined);
  const met = targeted.filter((row) => metTarget(row) === true);
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...cells.map(line), `bench: ${String(met.length)}/${String(targeted.length)} targets met`];
}
