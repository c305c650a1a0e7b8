/**
 * The books the planning and rendering benchmarks work on: the demo ERP's seed generator at a fixed seed,
 * serialised to JSON and read back through the client's border adapter (`readRecords`), as the pane
 * receives them, with a realistic ledger (about a third of the overdue items reminded once in the last two
 * months). Generating is deterministic and fast enough (≈ 4 s for 300 000 items on the development
 * machine) that nothing is cached on disk.
 */
import { createRandom } from '../../../dev/erp/seed/random';
import { generateSeed } from '../../../dev/erp/seed/generate';
import { addDays } from '../../../src/domain/calendar';
import type { PlanInput } from '../../../src/domain/plan-reminders';
import { validateSetup } from '../../../src/domain/setup';
import type { LedgerEntry } from '../../../src/domain/types';
import { readRecords } from '../../../src/erp/records';

/** The day the books are built around. */
export const BENCH_TODAY = '2026-11-28';
export const BENCH_SEED = 20261128;

export interface BenchBooks {
  /** The seed's items as the ERP sends them (JSON): what `JSON.parse`, the floor, reads. */
  readonly itemsJson: string;
  /** What the planner is given. */
  readonly input: PlanInput;
  /** Milliseconds the seed generator took. */
  readonly generateMs: number;
}

/**
 * Books of `items` open items over `customers` customers (the item count excludes the paid installments
 * the seed keeps beside open ones).
 */
export function loadBooks(size: { readonly items: number; readonly customers: number }): BenchBooks {
  const start = performance.now();
  const seed = generateSeed({ seed: BENCH_SEED, today: BENCH_TODAY, ...size });
  const generateMs = performance.now() - start;
  const setup = validateSetup(seed.setup);
  if (!setup.ok) throw new Error('the seed setup is invalid');
  const itemsJson = JSON.stringify(seed.items);
  // Through the border adapter, from parsed JSON: the records the pane plans are exactly these.
  const items = readRecords('open-items', JSON.parse(itemsJson) as unknown[]).records;
  const customers = readRecords('customers', JSON.parse(JSON.stringify(seed.customers)) as unknown[]).records;
  const agents = readRecords('agents', JSON.parse(JSON.stringify(seed.agents)) as unknown[]).records;
  const random = createRandom(7);
  const ledger: LedgerEntry[] = items
    .filter((item) => item.dueDate < BENCH_TODAY && random.chance(0.3))
    .map((item) => ({
      itemId: item.id,
      levelId: random.pick(['L1', 'L2', 'L3']),
      cycle: 0,
      sentOn: addDays(BENCH_TODAY, -random.int(0, 60)),
      state: 'sent',
    }));
  return {
    itemsJson,
    input: { setup: setup.value, today: BENCH_TODAY, customers, agents, items, ledger },
    generateMs,
  };
}

/** Milliseconds `run` takes, by the high-resolution clock. */
export function timeOnce(run: () => unknown): number {
  const start = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** The number of runs from `BENCH_RUNS` (default `fallback`), at least 5: every figure is a median of five or more. */
export function benchRuns(fallback: number): number {
  const runs = Number(process.env.BENCH_RUNS ?? fallback);
  if (!Number.isInteger(runs) || runs < 5)
    throw new Error(`BENCH_RUNS must be an integer ≥ 5, got ${process.env.BENCH_RUNS}`);
  return runs;
}

/** A count for people: `111 130`. */
export const count = (value: number): string => Math.round(value).toLocaleString('en').replace(/,/g, ' ');
