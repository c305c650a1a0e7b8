/**
 * `npm run bench:plan`: plans 10 000 and 100 000 open items (3 000 / 10 000 customers) from the demo
 * ERP's seed generator (fixed seeds), read through the client's border adapter as the pane reads them,
 * and reports the median plan time (min–max) and its ratio to the time `JSON.parse` takes on the same
 * items serialised as JSON — the floor: any planner must at least look at every item once. Target: ≤ 0.5
 * at 100 000 items. A report, not a test: nothing here fails on a slow machine.
 */
import { createRandom } from '../../dev/erp/seed/random';
import { generateSeed } from '../../dev/erp/seed/generate';
import { addDays } from '../../src/domain/calendar';
import { planReminders } from '../../src/domain/plan-reminders';
import { validateSetup } from '../../src/domain/setup';
import type { LedgerEntry } from '../../src/domain/types';
import { readRecords } from '../../src/erp/records';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const TODAY = '2026-11-28';
const SIZES = [
  { items: 10_000, customers: 3_000 },
  { items: 100_000, customers: 10_000 },
];

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
  const seed = generateSeed({ seed: 20261128, today: TODAY, ...size });
  const setup = validateSetup(seed.setup);
  if (!setup.ok) throw new Error('the seed setup is invalid');
  const json = JSON.stringify(seed.items);
  // Through the border adapter, from parsed JSON: the records the pane plans are exactly these.
  const items = readRecords('open-items', JSON.parse(json) as unknown[]).records;
  const customers = readRecords('customers', JSON.parse(JSON.stringify(seed.customers)) as unknown[]).records;
  const agents = readRecords('agents', JSON.parse(JSON.stringify(seed.agents)) as unknown[]).records;
  // A realistic ledger: about a third of the overdue items were reminded once in the last two months.
  const random = createRandom(7);
  const ledger: LedgerEntry[] = items
    .filter((item) => item.dueDate < TODAY && random.chance(0.3))
    .map((item) => ({ itemId: item.id, levelId: random.pick(['L1', 'L2', 'L3']), cycle: 0, sentOn: addDays(TODAY, -random.int(0, 60)), state: 'sent' }));
  const input = { setup: setup.value, today: TODAY, customers, agents, items, ledger };
  let communications = 0;
  const heapBefore = process.memoryUsage().heapUsed;
  const planTimes = time(() => {
    communications = planReminders(input).communications.length;
  });
  const heapAfter = process.memoryUsage().heapUsed;
  const parseTimes = time(() => JSON.parse(json));
  const ratio = median(planTimes) / median(parseTimes);
  console.log(
    `${String(items.length).padEnd(9)}${String(size.customers).padEnd(11)}${String(communications).padEnd(16)}` +
      `${ms(median(planTimes))} (${ms(Math.min(...planTimes))}–${ms(Math.max(...planTimes))})  ` +
      `${ms(median(parseTimes))} (${ms(Math.min(...parseTimes))}–${ms(Math.max(...parseTimes))})  ` +
      `${ratio.toFixed(2).padStart(5)}  ${((heapAfter - heapBefore) / 1e6).toFixed(1).padStart(7)}`,
  );
}
