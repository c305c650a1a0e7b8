/**
 * `npm run bench:plan`: plans 10 000, 100 000 and 300 000 open items (3 000 / 10 000 / 30 000 customers)
 * from the demo ERP's seed generator (fixed seed), read through the client's border adapter as the pane
 * reads them, and reports, each as the median of BENCH_RUNS (default 7, at least 5) runs with min–max:
 *
 * - plan time, as a ratio to the time `JSON.parse` takes on the same items serialised as JSON (the floor:
 *   any planner must at least look at every item once, and the pane receives them as JSON anyway), timed
 *   in alternation with it so both see the same machine. Target: ≤ 0.5 at 100 000 items.
 * - the heap the plan retains (five runs; settled heap with the plan held minus before it), as a ratio
 *   to the heap the parsed items themselves retain (`JSON.parse` of the same JSON, measured the same
 *   way): the plan points at the items, so it should cost a fraction of them.
 *
 * Set BENCH_PLAN_SIZES=10000,100000 to run only some sizes. Writes dev/data/bench/plan.json. A report, not
 * a test: nothing here fails on a slow machine.
 */
import { planReminders } from '../../src/domain/plan-reminders';
import { benchRuns, count, loadBooks, timeOnce } from './lib/books';
import { MB, retainedBytes } from './lib/heap';
import { summarize, writeResults, type BenchRow } from './lib/results';

const RUNS = benchRuns(7);
const SIZES = [
  { items: 10_000, customers: 3_000, target: undefined },
  { items: 100_000, customers: 10_000, target: '≤ 0.5' },
  { items: 300_000, customers: 30_000, target: undefined },
].filter(
  (size) =>
    process.env.BENCH_PLAN_SIZES === undefined ||
    process.env.BENCH_PLAN_SIZES.split(',').map(Number).includes(size.items),
);

const PARSE_FLOOR = 'JSON.parse of the same items';
const HEAP_FLOOR = 'heap retained by the parsed items (JSON.parse)';
const fixed = (value: number, digits: number, width: number) => value.toFixed(digits).padStart(width);
const spread = (values: readonly number[], digits: number) => {
  const { median, min, max } = summarize(values);
  return `${fixed(median, digits, 7)} (${min.toFixed(digits)}–${max.toFixed(digits)})`.padEnd(24);
};

const rows: BenchRow[] = [];
const notes: string[] = [];
console.log(`plan benchmark — ${RUNS} runs each, median (min–max), Node ${process.version}`);
console.log(
  'items     records   customers  comms    plan ms                 JSON.parse ms           ratio  plan heap MB            items heap MB           ratio',
);
for (const size of SIZES) {
  const books = loadBooks(size);
  const { input, itemsJson } = books;
  // One warm-up of each, then the two alternated so a busy moment on the machine hits both alike.
  planReminders(input);
  JSON.parse(itemsJson);
  const planTimes: number[] = [];
  const parseTimes: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    parseTimes.push(timeOnce(() => JSON.parse(itemsJson)));
    planTimes.push(timeOnce(() => planReminders(input)));
  }
  const planHeap: number[] = [];
  const itemsHeap: number[] = [];
  let communications = 0;
  // Retained sizes barely vary (they are reported with min–max all the same), and each reading costs two
  // full collections of a heap of several hundred MB: the minimum five runs.
  for (let run = 0; run < 5; run++) {
    itemsHeap.push(
      retainedBytes(
        () => JSON.parse(itemsJson) as unknown[],
        (items) => void items.length,
      ) / MB,
    );
    planHeap.push(
      retainedBytes(
        () => planReminders(input),
        (p) => (communications = p.communications.length),
      ) / MB,
    );
  }
  const time = summarize(planTimes);
  const parse = summarize(parseTimes);
  const heap = summarize(planHeap);
  const itemHeap = summarize(itemsHeap);
  const label = `${count(size.items)} items (${count(input.items.length)} records, ${count(size.customers)} customers, ${count(communications)} communications)`;
  rows.push(
    {
      measure: `plan time, ${label}`,
      ...time,
      unit: 'ms',
      floor: PARSE_FLOOR,
      ratio: time.median / parse.median,
      ...(size.target !== undefined ? { target: size.target } : {}),
    },
    { measure: `JSON.parse (floor), ${count(size.items)} items`, ...parse, unit: 'ms' },
    {
      measure: `plan heap retained, ${count(size.items)} items`,
      ...heap,
      unit: 'MB',
      floor: HEAP_FLOOR,
      ratio: heap.median / itemHeap.median,
    },
    { measure: `parsed items heap (floor), ${count(size.items)} items`, ...itemHeap, unit: 'MB' },
  );
  notes.push(
    `${count(size.items)} items: seed generated in ${books.generateMs.toFixed(0)} ms, ${(itemsJson.length / MB).toFixed(1)} MB of JSON`,
  );
  console.log(
    `${count(size.items).padEnd(10)}${count(input.items.length).padEnd(10)}${count(size.customers).padEnd(11)}${count(communications).padEnd(9)}` +
      `${spread(planTimes, 1)}${spread(parseTimes, 1)}${fixed(time.median / parse.median, 2, 5)}  ` +
      `${spread(planHeap, 1)}${spread(itemsHeap, 1)}${fixed(heap.median / itemHeap.median, 2, 5)}`,
  );
}
console.log(notes.join('\n'));
console.log(`results: ${writeResults('plan', rows, notes)}`);
