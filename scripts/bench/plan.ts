/**
 * `npm run bench:plan`: plans 10 000 and 100 000 items (3 000 / 10 000 customers, fixed seeds) and
 * reports the median plan time (min–max over the runs) and its ratio to the time `JSON.parse` takes on
 * the same items serialised as JSON — the floor: any planner must at least look at every item once.
 * Target: ≤ 0.5 at 100 000 items. A report, not a test: nothing here fails on a slow machine.
 */
import { planReminders } from '../../src/domain/plan-reminders';
import { validateSetup } from '../../src/domain/setup';
import { generateBooks } from '../../test/builders/generate-books';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const SIZES = [
  { items: 10_000, customers: 3_000 },
  { items: 100_000, customers: 10_000 },
];

const setup = validateSetup({
  levels: [
    { id: 'L1', name: 'Promemoria', kind: 'promemoria', days: -10 },
    { id: 'L2', name: 'Estratto conto', kind: 'estratto_conto', days: 15 },
    { id: 'L3', name: 'Sollecito', kind: 'sollecito', days: 30, recurEveryDays: 30 },
  ],
  groupByCustomer: true,
  ccAgent: true,
  attachInvoicePdfs: true,
  minDaysBetween: 7,
  minimumAmount: 1000,
  autoCollectedPaymentMethods: ['riba', 'sdd'],
});
if (!setup.ok) throw new Error('bench setup is invalid');

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}
const ms = (value: number) => value.toFixed(1).padStart(7);

/** Times `run` RUNS times after one warm-up, returning every duration in ms. */
function time(run: () => unknown): number[] {
  run();
  return Array.from({ length: RUNS }, () => {
    const start = process.hrtime.bigint();
    run();
    return Number(process.hrtime.bigint() - start) / 1e6;
  });
}

console.log(`plan benchmark — ${RUNS} runs each, median (min–max), Node ${process.version}`);
console.log('items    customers  communications  plan ms                JSON.parse ms          ratio  heap MB');
for (const size of SIZES) {
  const generated = generateBooks({ seed: 20261128, ...size });
  const json = JSON.stringify(generated.items);
  // Planned data always arrives as JSON (ERP responses, IndexedDB's structured clones): plan the parsed
  // copy, not the generator's concatenated strings, which V8 keeps as ropes and hashes more slowly.
  const books = JSON.parse(JSON.stringify(generated)) as typeof generated;
  const input = { ...books, setup: setup.value };
  let communications = 0;
  const heapBefore = process.memoryUsage().heapUsed;
  const planTimes = time(() => {
    communications = planReminders(input).communications.length;
  });
  const heapAfter = process.memoryUsage().heapUsed;
  const parseTimes = time(() => JSON.parse(json));
  const ratio = median(planTimes) / median(parseTimes);
  console.log(
    `${String(size.items).padEnd(9)}${String(size.customers).padEnd(11)}${String(communications).padEnd(16)}` +
      `${ms(median(planTimes))} (${ms(Math.min(...planTimes))}–${ms(Math.max(...planTimes))})  ` +
      `${ms(median(parseTimes))} (${ms(Math.min(...parseTimes))}–${ms(Math.max(...parseTimes))})  ` +
      `${ratio.toFixed(2).padStart(5)}  ${((heapAfter - heapBefore) / 1e6).toFixed(1).padStart(7)}`,
  );
}
