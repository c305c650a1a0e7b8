/**
 * `npm run bench [-- part…]`: runs every part of the benchmarks one after the other — `bench:plan`,
 * `bench:render`, `bench:sync`, `bench:send`, and `bench:chromium` when package.json has it — each as its
 * own `npm run` (so each is also runnable alone), then reads what each wrote to `dev/data/bench/<part>.json`
 * (or, for a part that reports several, `<part>-<name>.json`; scripts/bench/lib/results.ts) and prints
 * one summary table. A part that exits non-zero, or leaves no fresh results file, is reported as failed
 * and the runner goes on; it exits non-zero at the end if any part failed. Name parts to run only those (`npm run bench -- plan render`).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { listResults, readResults, resultsFile, type BenchResults, type BenchRow } from './lib/results';

const PARTS = ['plan', 'render', 'sync', 'send', 'chromium'] as const;
const ROOT = resolve(__dirname, '../..');

interface Outcome {
  readonly part: string;
  readonly status: 'ok' | 'failed' | 'skipped';
  readonly detail: string;
  readonly seconds: number;
  /** What the part wrote during this run: `<part>.json` and any `<part>-<name>.json`. */
  readonly results: readonly BenchResults[];
}

function packageScripts(): Record<string, unknown> {
  const json = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as {
    scripts?: Record<string, unknown>;
  };
  return json.scripts ?? {};
}

function runPart(part: string, scripts: Record<string, unknown>): Outcome {
  const script = `bench:${part}`;
  if (typeof scripts[script] !== 'string')
    return {
      part,
      status: 'skipped',
      detail: `no "${script}" script in package.json`,
      seconds: 0,
      results: [],
    };
  console.log(`\n━━ ${script} ${'━'.repeat(Math.max(0, 70 - script.length))}`);
  const started = Date.now();
  const child = spawnSync('npm', ['run', '-s', script], { cwd: ROOT, stdio: 'inherit' });
  const seconds = (Date.now() - started) / 1000;
  // A part may write one file or several (`chromium-plan.json`, `chromium-sync.json`, …): those written now.
  const names = listResults().filter((name) => name === part || name.startsWith(`${part}-`));
  const fresh = names.filter((name) => statSync(resultsFile(name)).mtimeMs >= started - 1000);
  const results = fresh.flatMap((name) => readResults(name) ?? []);
  if (child.error !== undefined)
    return { part, status: 'failed', detail: `could not start: ${child.error.message}`, seconds, results };
  if (child.status !== 0) {
    const how =
      child.status === null ? `killed by ${child.signal ?? 'a signal'}` : `exited with ${child.status}`;
    return { part, status: 'failed', detail: how, seconds, results };
  }
  if (results.length === 0 || results.length < fresh.length) {
    const detail = `wrote no ${resultsFile(part)} (or ${part}-*.json) during this run, or one not in the contract's shape`;
    return { part, status: 'failed', detail, seconds, results };
  }
  const figures = results.reduce((sum, result) => sum + result.rows.length, 0);
  return {
    part,
    status: 'ok',
    detail: `${figures} figures (${fresh.map((name) => `${name}.json`).join(', ')})`,
    seconds,
    results,
  };
}

/** A number for the table: integers as they are, otherwise three significant digits or so. */
function show(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  const text =
    Number.isInteger(value) || abs >= 100
      ? value.toFixed(0)
      : abs >= 10
        ? value.toFixed(1)
        : value.toFixed(2);
  return text.replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}

function table(header: readonly string[], body: readonly (readonly string[])[]): string {
  const widths = header.map((cell, i) => Math.max(cell.length, ...body.map((row) => (row[i] ?? '').length)));
  const line = (row: readonly string[]) =>
    row
      .map((cell, i) => cell.padEnd(widths[i] as number))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

const rowCells = (part: string, row: BenchRow): string[] => [
  part,
  row.measure,
  `${show(row.median)} ${row.unit}`,
  `${show(row.min)}–${show(row.max)}`,
  row.ratio !== undefined ? row.ratio.toFixed(2) : '',
  row.target ?? '',
  row.floor ?? '',
];

function main(): void {
  const asked = process.argv.slice(2);
  const unknown = asked.filter((part) => !(PARTS as readonly string[]).includes(part));
  if (unknown.length > 0) {
    console.error(`unknown part(s) ${unknown.join(', ')}: the parts are ${PARTS.join(', ')}`);
    process.exit(2);
  }
  const parts = asked.length > 0 ? PARTS.filter((part) => asked.includes(part)) : PARTS;
  const scripts = packageScripts();
  const started = Date.now();
  const loadBefore = loadavg()[0] ?? 0;
  const outcomes = parts.map((part) => runPart(part, scripts));
  const minutes = (Date.now() - started) / 60_000;

  console.log(
    `\n━━ summary — median (min–max); ratio = median ÷ the floor measured in the same run ${'━'.repeat(8)}`,
  );
  const body = outcomes.flatMap((outcome) =>
    outcome.results.flatMap((result) => result.rows.map((row) => rowCells(result.part, row))),
  );
  if (body.length > 0)
    console.log(table(['part', 'measure', 'median', 'min–max', 'ratio', 'target', 'floor'], body));
  console.log('');
  for (const outcome of outcomes) {
    const time = outcome.status === 'skipped' ? '' : ` in ${outcome.seconds.toFixed(0)} s`;
    console.log(`${outcome.part.padEnd(9)}${outcome.status.padEnd(8)}${outcome.detail}${time}`);
    for (const note of outcome.results.flatMap((result) => result.notes ?? []))
      console.log(`${' '.repeat(17)}${note}`);
  }
  const load = `load average ${loadBefore.toFixed(1)} at the start, ${(loadavg()[0] ?? 0).toFixed(1)} at the end`;
  console.log(`total ${minutes.toFixed(1)} min, Node ${process.version}, ${cpus().length} cores, ${load}`);
  const failed = outcomes.filter((outcome) => outcome.status === 'failed');
  if (failed.length > 0) {
    console.error(`\n${failed.length} part(s) failed: ${failed.map((outcome) => outcome.part).join(', ')}`);
    process.exitCode = 1;
  }
}

main();
