/** The benchmarks' arithmetic and report: rows in the results contract (scripts/bench/lib/results.ts) and a table. */
import { summarize, writeResults, type BenchRow } from '../../scripts/bench/lib/results';

/** How many runs each figure is the median of: 5, or BENCH_RUNS (fewer only to try the benchmarks themselves). */
export const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 5));

/** A try of the benchmarks themselves (fewer runs or a smaller book): printed, never written as results. */
export const TRYING = RUNS < 5 || process.env.BENCH_ITEMS !== undefined;

const fmt = (value: number): string =>
  Math.abs(value) >= 100
    ? Math.round(value).toLocaleString('en-US').replace(/,/g, ' ')
    : value.toFixed(value >= 10 ? 1 : 2);

/** "1 234 ms (1 100–1 400)". */
export function describe(values: readonly number[], unit: string): string {
  const { median, min, max } = summarize(values);
  return `${fmt(median)} ${unit} (${fmt(min)}–${fmt(max)})`;
}

export interface Figure {
  readonly measure: string;
  readonly values: readonly number[];
  readonly unit: string;
  /** The floor measured in the same runs, and what it is. */
  readonly floor?: { readonly what: string; readonly values: readonly number[] };
  readonly target?: string;
}

/** A row of the results contract: median, min–max, and the ratio of the medians when there is a floor. */
export function row(figure: Figure): BenchRow {
  const { median, min, max } = summarize(figure.values);
  const floor = figure.floor;
  const floorMedian = floor !== undefined ? summarize(floor.values).median : undefined;
  return {
    measure: figure.measure,
    median: round(median),
    min: round(min),
    max: round(max),
    unit: figure.unit,
    ...(floor !== undefined ? { floor: `${floor.what}: ${describe(floor.values, figure.unit)}` } : {}),
    ...(floorMedian !== undefined && floorMedian > 0
      ? { ratio: Math.round((median / floorMedian) * 100) / 100 }
      : {}),
    ...(figure.target !== undefined ? { target: figure.target } : {}),
  };
}

const round = (value: number): number => Math.round(value * 10) / 10;

/** Prints the part's results as a table and writes them (unless TRYING); returns the results file, if written. */
export function report(
  part: string,
  title: string,
  figures: readonly Figure[],
  notes: readonly string[],
): string | undefined {
  const rows = figures.map(row);
  const lines = [
    `${title}`,
    ...figures.map((figure, index) => {
      const result = rows[index];
      const ratio = result?.ratio !== undefined ? `   ratio ${result.ratio.toFixed(2)}` : '';
      const floor = result?.floor !== undefined ? `\n      floor: ${result.floor}` : '';
      const target = result?.target !== undefined ? `   (target ${result.target})` : '';
      return `  ${figure.measure}: ${describe(figure.values, figure.unit)}${ratio}${target}${floor}`;
    }),
    ...notes.map((note) => `  · ${note}`),
  ];
  console.log(lines.join('\n'));
  if (TRYING) {
    console.log(`  (a try with BENCH_RUNS < 5 or BENCH_ITEMS: not written to dev/data/bench/${part}.json)`);
    return undefined;
  }
  return writeResults(part, rows, notes);
}
