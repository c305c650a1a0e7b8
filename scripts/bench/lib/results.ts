/**
 * The benchmarks' results contract: every part of `npm run bench` writes its figures to
 * `dev/data/bench/<part>.json` (git-ignored), and the runner (`scripts/bench/run.ts`) reads them all back
 * and prints one summary table. Times are medians of at least five runs, with min–max; `ratio` is the
 * median over the floor measured in the same run, and `floor` says what that floor is.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** One measured figure. */
export interface BenchRow {
  /** What was measured, e.g. "plan 100 000 items". */
  readonly measure: string;
  readonly median: number;
  readonly min: number;
  readonly max: number;
  /** The unit of median/min/max, e.g. "ms", "MB", "/s", "/min", "count". */
  readonly unit: string;
  /** What the figure is compared with (measured in the same run), e.g. "JSON.parse of the same items". */
  readonly floor?: string;
  /** median ÷ the floor's median (or achieved ÷ allowed for rates). */
  readonly ratio?: number;
  /** The target the issue sets, written as text, e.g. "≤ 0.5". */
  readonly target?: string;
}

/** The contents of `dev/data/bench/<part>.json`. */
export interface BenchResults {
  readonly part: string;
  readonly rows: readonly BenchRow[];
  readonly notes?: readonly string[];
}

/** Where the results (and any cached bench data) live: `dev/data/bench/`, git-ignored with `dev/data/`. */
export const BENCH_DATA_DIR = resolve(__dirname, '../../../dev/data/bench');

export const resultsFile = (part: string): string => join(BENCH_DATA_DIR, `${part}.json`);

/** Writes one part's results to `dev/data/bench/<part>.json`, replacing any earlier ones; returns the path. */
export function writeResults(part: string, rows: readonly BenchRow[], notes?: readonly string[]): string {
  mkdirSync(BENCH_DATA_DIR, { recursive: true });
  const results: BenchResults = { part, rows, ...(notes !== undefined && notes.length > 0 ? { notes } : {}) };
  const file = resultsFile(part);
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  return file;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function readRow(value: unknown): BenchRow | undefined {
  if (!isRecord(value)) return undefined;
  const { measure, median, min, max, unit, floor, ratio, target } = value;
  if (typeof measure !== 'string' || typeof unit !== 'string') return undefined;
  if (typeof median !== 'number' || typeof min !== 'number' || typeof max !== 'number') return undefined;
  return {
    measure,
    median,
    min,
    max,
    unit,
    ...(typeof floor === 'string' ? { floor } : {}),
    ...(typeof ratio === 'number' ? { ratio } : {}),
    ...(typeof target === 'string' ? { target } : {}),
  };
}

/** Reads one part's results; `undefined` when the file is missing or not in the contract's shape. */
export function readResults(part: string): BenchResults | undefined {
  const file = resultsFile(part);
  if (!existsSync(file)) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
  if (!isRecord(json) || typeof json.part !== 'string' || !Array.isArray(json.rows)) return undefined;
  const rows: BenchRow[] = [];
  for (const value of json.rows) {
    const row = readRow(value);
    if (row === undefined) return undefined;
    rows.push(row);
  }
  const notes = Array.isArray(json.notes)
    ? json.notes.filter((note): note is string => typeof note === 'string')
    : [];
  return { part: json.part, rows, ...(notes.length > 0 ? { notes } : {}) };
}

/** The parts with a results file, by name. */
export function listResults(): string[] {
  if (!existsSync(BENCH_DATA_DIR)) return [];
  return readdirSync(BENCH_DATA_DIR)
    .filter((name) => name.endsWith('.json'))
    .map((name) => name.slice(0, -'.json'.length))
    .sort();
}

/** The median (of an even count, the mean of the two middle values), min and max of some measurements. */
export function summarize(values: readonly number[]): { median: number; min: number; max: number } {
  if (values.length === 0) throw new Error('no measurements to summarise');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length / 2;
  const median =
    sorted.length % 2 === 1
      ? (sorted[Math.floor(middle)] as number)
      : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
  return { median, min: sorted[0] as number, max: sorted[sorted.length - 1] as number };
}
