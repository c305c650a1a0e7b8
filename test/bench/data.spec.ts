/**
 * Chromium, real IndexedDB, 100 000 open items from the demo ERP (seed 20261128, 10 000 customers), with
 * the pane's own code bundled in production mode (web/harness.ts):
 *
 *  - part 1, planning where the pane plans (its Web Worker): the longest main-thread task while the
 *    worker reads the cache and plans; floor: `JSON.parse` of the plan's answer on the main thread (the
 *    least the main thread does with the day's plan when it arrives in one piece).
 *  - part 3, sync: the pane's full sync of the open items (pages of 2 000, the pane's size), ÷ the same
 *    pages fetched raw and each `bulkPut` into a bare Dexie table; a delta of 1 000 changes (1 cent paid
 *    on 1 000 items through the ERP's mutation API) ÷ the same delta pages raw; the longest main-thread
 *    task during the full sync ÷ the longest during the raw floor.
 *
 * Every run uses fresh databases; the product and its floor alternate which goes first.
 */
import { availableParallelism, loadavg } from 'node:os';
import type { BenchWindow, PlanRun, RawRun, SyncRun } from './web/api';
import { describe, report, RUNS, type Figure } from './measure';
import { expect, LARGE, test, USER } from './stack';

/** The pane's page size (SYNC_PAGE_SIZE in src/taskpane/pane-controller.ts). */
const PAGE_SIZE = 2000;
const CHANGES = 1000;

test('Chromium: sync and planning of 100 000 items', async ({ page, stack }) => {
  const seeded = Date.now();
  stack.erp.mutations.reset({ ...LARGE });
  const seedMs = Date.now() - seeded;
  try {
    // The planning worker's own account of each run: "Solleciti planner: cache read in X ms, planned in Y ms".
    const workerSplit: { read: number; plan: number }[] = [];
    page.on('worker', (worker) =>
      worker.on('console', (message) => {
        const match = /cache read in (\d+) ms, planned in (\d+) ms/.exec(message.text());
        if (match !== null) workerSplit.push({ read: Number(match[1]), plan: Number(match[2]) });
      }),
    );
    await page.goto(`${stack.web.url}/harness/harness.html`);
    await page.waitForFunction(() => (window as BenchWindow).__bench !== undefined);
    await page.evaluate(([url, user]) => (window as BenchWindow).__bench?.configure(url, user), [
      stack.erpUrl,
      USER,
    ] as const);
    const bench = {
      raw: (table: string, sinceOf?: string) =>
        page.evaluate(
          ([t, size, since]) =>
            (window as BenchWindow).__bench?.raw(t, size, since ?? undefined) as Promise<RawRun>,
          [table, PAGE_SIZE, sinceOf ?? null] as const,
        ),
      syncFull: (mailbox: string) =>
        page.evaluate(([m, size]) => (window as BenchWindow).__bench?.syncFull(m, size) as Promise<SyncRun>, [
          mailbox,
          PAGE_SIZE,
        ] as const),
      syncDelta: (mailbox: string) =>
        page.evaluate(
          ([m, size]) => (window as BenchWindow).__bench?.syncDelta(m, size) as Promise<SyncRun>,
          [mailbox, PAGE_SIZE] as const,
        ),
      ids: (mailbox: string) =>
        page.evaluate(([m, n]) => (window as BenchWindow).__bench?.openItemIds(m, n) as Promise<string[]>, [
          mailbox,
          CHANGES,
        ] as const),
      plan: (mailbox: string) =>
        page.evaluate(([m, today]) => (window as BenchWindow).__bench?.plan(m, today) as Promise<PlanRun>, [
          mailbox,
          stack.today,
        ] as const),
      drop: (mailboxes: string[], tables: string[]) =>
        page.evaluate(([m, t]) => (window as BenchWindow).__bench?.drop(m, t), [mailboxes, tables] as const),
    };

    const full: SyncRun[] = [];
    const rawFull: RawRun[] = [];
    const delta: SyncRun[] = [];
    const rawDelta: RawRun[] = [];
    const plans: PlanRun[] = [];
    for (let run = 0; run < RUNS; run++) {
      const mailbox = `bench-${run}@solleciti.example`;
      const bare = `bench-bare-${run}`;
      const bareDelta = `bench-bare-delta-${run}`;
      const started = Date.now();
      // Alternate which goes first, so neither always meets a warmer ERP or a fuller disk.
      if (run % 2 === 0) {
        rawFull.push(await bench.raw(bare));
        full.push(await bench.syncFull(mailbox));
      } else {
        full.push(await bench.syncFull(mailbox));
        rawFull.push(await bench.raw(bare));
      }
      const ids = await bench.ids(mailbox);
      expect(ids).toHaveLength(CHANGES);
      for (const itemId of ids) stack.erp.mutations.pay({ itemId, amount: 1 });
      // The raw delta reads the product's sync token and leaves its cache alone: then the product's delta.
      rawDelta.push(await bench.raw(bareDelta, mailbox));
      delta.push(await bench.syncDelta(mailbox));
      plans.push(await bench.plan(mailbox));
      await bench.drop([mailbox], [bare, bareDelta]);
      const last = (list: { ms: number }[]) => Math.round(list[list.length - 1]?.ms ?? 0);
      console.log(
        `run ${run + 1}/${RUNS} in ${((Date.now() - started) / 1000).toFixed(0)} s: full ${last(full)} ms, raw ${last(rawFull)} ms, delta ${last(delta)} ms, raw delta ${last(rawDelta)} ms, plan ${last(plans)} ms`,
      );
    }

    const items = full[0]?.items ?? 0;
    const planned = plans[0];
    const planFigures: Figure[] = [
      {
        measure: `longest main-thread task while the worker plans ${items.toLocaleString('en-US').replace(/,/g, ' ')} items (longtask)`,
        values: plans.map((p) => p.longestTaskMs),
        unit: 'ms',
        floor: {
          what: 'JSON.parse of the plan answer on the main thread',
          values: plans.map((p) => p.parseMs),
        },
      },
      {
        measure: 'main-thread long tasks while planning',
        values: plans.map((p) => p.longTasks),
        unit: 'count',
      },
      {
        measure: 'planning in the worker: cache read + plan + answer, wall time',
        values: plans.map((p) => p.ms),
        unit: 'ms',
      },
    ];
    const syncFigures: Figure[] = [
      {
        measure: `full sync of ${items.toLocaleString('en-US').replace(/,/g, ' ')} open items (pages of ${PAGE_SIZE})`,
        values: full.map((r) => r.ms),
        unit: 'ms',
        floor: {
          what: 'raw fetch + JSON.parse of the same pages, bulkPut of each into a bare Dexie table',
          values: rawFull.map((r) => r.ms),
        },
        target: '≤ 1.3',
      },
      {
        measure: `delta sync of ${CHANGES} changes`,
        values: delta.map((r) => r.ms),
        unit: 'ms',
        floor: { what: 'raw fetch + bulkPut of the same delta pages', values: rawDelta.map((r) => r.ms) },
      },
      {
        measure: 'longest main-thread task during the full sync (longtask)',
        values: full.map((r) => r.longestTaskMs),
        unit: 'ms',
        floor: {
          what: 'the same during the raw floor (same pages, a bulkPut of each)',
          values: rawFull.map((r) => r.longestTaskMs),
        },
      },
      {
        measure: 'main-thread long tasks during the full sync',
        values: full.map((r) => r.longTasks),
        unit: 'count',
        floor: { what: 'during the raw floor', values: rawFull.map((r) => r.longTasks) },
      },
    ];
    const common = [
      `Chromium ${page.context().browser()?.version() ?? '?'} headless, real IndexedDB; the pane's code bundled by webpack in production mode (test/bench/web/harness.ts); ${RUNS} runs, median (min–max); ratio = median ÷ the floor's median`,
      `demo ERP in-process (in-memory SQLite), seed ${LARGE.seed}: ${LARGE.customers} customers, ${LARGE.items} open items (${items} in the cache after a sync), reseeded in ${seedMs} ms; today ${stack.today}`,
      `load average when the runs ended: ${loadavg()
        .map((value) => value.toFixed(1))
        .join(' ')} on ${availableParallelism()} cores (shared machine: read the ratios)`,
      'longtask = PerformanceObserver("longtask"): tasks of 50 ms or more; 0 means none reached 50 ms',
    ];
    report('chromium-plan', 'Chromium — planning in the Web Worker (part 1)', planFigures, [
      ...common,
      `the worker is started for each run (as the pane starts it) and plans ${planned?.openItems ?? '?'} open items into ${planned?.rows ?? '?'} reminders; its answer is JSON text parsed on the main thread`,
      ...(workerSplit.length > 0
        ? [
            `inside the worker (its console): reading the cache ${describe(
              workerSplit.map((w) => w.read),
              'ms',
            )}, planning ${describe(
              workerSplit.map((w) => w.plan),
              'ms',
            )}`,
          ]
        : []),
    ]);
    report('chromium-sync', 'Chromium — sync into IndexedDB (part 3)', syncFigures, [
      ...common,
      `open items only, timed (setup, agents, customers and the reminder log synced untimed around them); the delta: 1 cent paid on ${CHANGES} items through the ERP's mutation API, then one sync (${delta[0]?.applied ?? '?'} records applied)`,
      `the longest JSON.parse of one raw page of ${PAGE_SIZE} (the least main-thread work in one piece a page needs): ${describe(
        rawFull.map((r) => r.longestParseMs),
        'ms',
      )}`,
    ]);
  } finally {
    stack.erp.mutations.reset();
  }
});
