/**
 * `npm run bench:sync`: a full sync of 100 000 open items from the demo ERP into Dexie (fake-indexeddb,
 * in Node; the benchmarks issue measures Chromium's real IndexedDB) and its ratio to the floor measured
 * in the same run: fetching the same pages raw (fetch + JSON) and a raw `bulkPut` of each.
 * Also a delta of 1 000 changes. Median of BENCH_RUNS (default 5) runs, with min–max. Writes
 * dev/data/bench/sync.json.
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import Dexie from 'dexie';
import { startErpServer } from '../../dev/erp/server';
import { generateSeed } from '../../dev/erp/seed/generate';
import { devIdentityProvider } from '../../src/auth/token-provider';
import { ErpClient } from '../../src/erp/client';
import { openDatabase } from '../../src/store/db';
import { syncResource } from '../../src/store/sync';
import { summarize, writeResults } from './lib/results';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const ITEMS = Number(process.env.BENCH_SYNC_ITEMS ?? 100_000);
const PAGE = 5000;
const TODAY = '2026-11-28';
const USER = 'marta.rossi@solleciti.example';

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
const describe = (values: number[]) =>
  `${median(values).toFixed(0).padStart(6)} ms (${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)})`;

async function main(): Promise<void> {
  const seedStart = performance.now();
  const seed = generateSeed({ seed: 3, customers: Math.round(ITEMS / 10), items: ITEMS, today: TODAY });
  const erp = await startErpServer({ seed, logError: (error) => console.error(error) });
  console.log(
    `sync benchmark — ${ITEMS} open items (${seed.items.length} with paid installments), pages of ${PAGE}, ${RUNS} runs, seeded in ${(performance.now() - seedStart).toFixed(0)} ms`,
  );
  const tokens = devIdentityProvider({ baseUrl: erp.url, user: USER, audience: 'erp' });
  const client = new ErpClient({ baseUrl: erp.url, tokens });
  let mailbox = 0;

  const syncTimes: number[] = [];
  const floorTimes: number[] = [];
  const deltaTimes: number[] = [];
  let count = 0;
  try {
    for (let run = 0; run < RUNS; run++) {
      // The product: validated pages, each written with its cursor in one transaction.
      const db = openDatabase(`bench-${++mailbox}@example.it`, { indexedDB: new IDBFactory(), IDBKeyRange });
      let start = performance.now();
      await syncResource(db, client, 'open-items', { pageSize: PAGE });
      syncTimes.push(performance.now() - start);
      count = await db.items.count();

      // A delta of 1 000 changes: payments in the ERP, then one sync.
      const open = (await db.items.limit(1000).toArray()).filter((item) => item.residual > 1);
      for (const item of open) erp.mutations.pay({ itemId: item.id, amount: 1 });
      start = performance.now();
      await syncResource(db, client, 'open-items', { pageSize: PAGE });
      deltaTimes.push(performance.now() - start);
      db.close();

      // The floor: the same pages fetched raw and each put as it arrives (the same chunking as the
      // product, so fake-indexeddb's cost per transaction size is the same on both sides), with no
      // validation and no cursor bookkeeping.
      const token = await tokens.getToken();
      const bare = new Dexie(`bare-${mailbox}`, { indexedDB: new IDBFactory(), IDBKeyRange });
      bare.version(1).stores({ items: 'id, customerId, dueDate' });
      start = performance.now();
      let cursor: string | null = null;
      do {
        const url = new URL(`${erp.url}/api/v1/open-items`);
        url.searchParams.set('limit', String(PAGE));
        if (cursor !== null) url.searchParams.set('cursor', cursor);
        const page = (await (await fetch(url, { headers: { Authorization: `Bearer ${token}` } })).json()) as {
          data: unknown[];
          nextCursor: string | null;
        };
        await bare.table('items').bulkPut(page.data);
        cursor = page.nextCursor;
      } while (cursor !== null);
      floorTimes.push(performance.now() - start);
      bare.close();
    }
  } finally {
    await erp.close();
  }
  console.log(`full sync   ${describe(syncTimes)}   ${count} items`);
  console.log(`raw floor   ${describe(floorTimes)}   (fetch + JSON of the same pages, a bulkPut of each)`);
  console.log(`ratio       ${(median(syncTimes) / median(floorTimes)).toFixed(2)}   (target ≤ 1.3)`);
  console.log(`delta 1000  ${describe(deltaTimes)}`);
  const sync = summarize(syncTimes);
  const floor = summarize(floorTimes);
  const label = `${ITEMS.toLocaleString('en').replace(/,/g, ' ')} open items`;
  const file = writeResults(
    'sync',
    [
      {
        measure: `full sync, ${label}`,
        ...sync,
        unit: 'ms',
        floor: 'raw fetch + JSON of the same pages, a bulkPut of each',
        ratio: sync.median / floor.median,
        target: '≤ 1.3',
      },
      { measure: `raw fetch + bulkPut (floor), ${label}`, ...floor, unit: 'ms' },
      { measure: 'delta sync of 1 000 payments', ...summarize(deltaTimes), unit: 'ms' },
    ],
    [`Dexie on fake-indexeddb in Node, pages of ${PAGE}; Chromium's real IndexedDB is the chromium part`],
  );
  console.log(`results: ${file}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
