/**
 * Part 4, the pane in headless Chromium, built by webpack in production mode (build-web.ts):
 *
 *  - the production bundle: first-load JS (what taskpane.html loads) and what loads later, raw and gzip,
 *    ÷ the empty Fluent page's JS (FluentProvider + one Text, same configuration);
 *  - from navigation to the first rendered list (the first reminder row in the document), with a cold
 *    cache (a fresh context: empty IndexedDB, so a full sync first) and a warm one (reopened with the ERP
 *    held, so the list comes from the cache), at the demo ERP's size (3 000 items) and warm at 100 000
 *    items; each ÷ the time from navigation to the empty Fluent page's text, measured in the same run;
 *  - the longest main-thread task while scrolling through 10 000 rows (100 000 items), ÷ the same
 *    scrolling of the empty Fluent page made as tall.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import type { Browser, BrowserContext } from '@playwright/test';
import { SIZES_FILE, type BundleSizes, type FileSize } from './build-web';
import { CONTEXT_OPTIONS } from './context-options';
import { describe, report, RUNS, type Figure } from './measure';
import { openAndTime, scrollThrough, type Scrolled } from './probe';
import { DEMO, expect, LARGE, test, USER, type BenchStack } from './stack';

const ROW = '[data-testid="reminder-row"]';
const EMPTY_TEXT = '[data-testid="empty-text"]';
const SCROLL_ROWS = 10_000;
/** Per animation frame: a fast fling, about 27 rows of the pane's estimated 74 px. */
const SCROLL_STEP_PX = 2000;

/** 100000 → "100 000". */
const n = (value: number): string => value.toLocaleString('en-US').replace(/,/g, ' ');
const kb = (bytes: number): number => Math.round(bytes / 102.4) / 10;
const total = (files: readonly FileSize[], key: 'raw' | 'gzip'): number =>
  files.reduce((sum, file) => sum + file[key], 0);

const paneUrl = (stack: BenchStack): string =>
  `${stack.web.url}/pane/taskpane.html?${new URLSearchParams({ user: USER, lang: 'it', theme: 'light' }).toString()}`;
const emptyUrl = (stack: BenchStack, tallPx = 0): string =>
  `${stack.web.url}/harness/empty.html${tallPx > 0 ? `?tallPx=${tallPx}` : ''}`;

/**
 * A fresh context (an empty IndexedDB) that has loaded the empty page once, untimed: no timed page then
 * pays for the context's first connection to the server.
 */
async function freshContext(
  browser: Browser,
  prepare: (context: BrowserContext) => Promise<void>,
  stack: BenchStack,
): Promise<BrowserContext> {
  const context = await browser.newContext({ ...CONTEXT_OPTIONS });
  await prepare(context);
  await emptyPage(context, stack);
  return context;
}

/** The empty Fluent page: navigation to its text, and the longest long task until then. */
async function emptyPage(
  context: BrowserContext,
  stack: BenchStack,
): Promise<{ ms: number; longestTaskMs: number }> {
  const opened = await openAndTime(context, emptyUrl(stack), EMPTY_TEXT, { timeout: 60_000 });
  await opened.page.close();
  return { ms: opened.ms, longestTaskMs: opened.longestTaskMs };
}

/** Reopens the pane with the ERP held (what shows comes from the cache), leaving the page open. */
async function warmPane(context: BrowserContext, stack: BenchStack, timeout: number) {
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  const opened = await openAndTime(context, paneUrl(stack), ROW, {
    timeout,
    beforeGoto: async (page) => {
      await page.route(`${stack.erpUrl}/**`, async (route) => {
        await held;
        await route.fallback().catch(() => undefined);
      });
    },
  });
  return { ...opened, release };
}

/** Opens the pane on an empty cache, waits for the list and for the sync to finish; returns the time to the list. */
async function coldPane(context: BrowserContext, stack: BenchStack, timeout: number): Promise<number> {
  const opened = await openAndTime(context, paneUrl(stack), ROW, { timeout });
  await expect(opened.page.getByTestId('sync-status')).toContainText('Aggiornato alle', { timeout });
  await opened.page.close();
  return opened.ms;
}

test('Chromium: the pane — bundle, start-up, scrolling', async ({ browser, stack, prepare }) => {
  const sizes = JSON.parse(readFileSync(SIZES_FILE, 'utf8')) as BundleSizes;
  const later = [...sizes.lazy, ...sizes.worker];
  const sizeFigures: Figure[] = [
    {
      measure: 'first-load JS, raw',
      values: [kb(total(sizes.firstLoad, 'raw'))],
      unit: 'KB',
      floor: { what: 'the empty Fluent page', values: [kb(total(sizes.empty, 'raw'))] },
    },
    {
      measure: 'first-load JS, gzip',
      values: [kb(total(sizes.firstLoad, 'gzip'))],
      unit: 'KB',
      floor: { what: 'the empty Fluent page', values: [kb(total(sizes.empty, 'gzip'))] },
    },
    {
      measure: `lazy chunks and the planning worker (${later.length} files), raw`,
      values: [kb(total(later, 'raw'))],
      unit: 'KB',
    },
    { measure: 'lazy chunks and the planning worker, gzip', values: [kb(total(later, 'gzip'))], unit: 'KB' },
  ];

  // At the demo ERP's size: cold, warm and the empty page, one fresh context a run.
  stack.erp.mutations.reset({ ...DEMO });
  const demo = {
    empty: [] as number[],
    emptyLongest: [] as number[],
    cold: [] as number[],
    warm: [] as number[],
    warmLongest: [] as number[],
  };
  for (let run = 0; run < RUNS; run++) {
    const context = await freshContext(browser, prepare, stack);
    try {
      const empty = await emptyPage(context, stack);
      demo.empty.push(empty.ms);
      demo.emptyLongest.push(empty.longestTaskMs);
      demo.cold.push(await coldPane(context, stack, 120_000));
      const warm = await warmPane(context, stack, 120_000);
      demo.warm.push(warm.ms);
      demo.warmLongest.push(warm.longestTaskMs);
      warm.release();
    } finally {
      await context.close();
    }
    console.log(
      `demo run ${run + 1}/${RUNS}: empty page ${Math.round(demo.empty[run] ?? 0)} ms, cold ${Math.round(demo.cold[run] ?? 0)} ms, warm ${Math.round(demo.warm[run] ?? 0)} ms`,
    );
  }

  // 100 000 items: one cold start fills the cache (a full sync, timed once), then warm reopenings and scrolling.
  const seeded = Date.now();
  stack.erp.mutations.reset({ ...LARGE });
  const seedMs = Date.now() - seeded;
  const large = {
    empty: [] as number[],
    emptyLongest: [] as number[],
    warm: [] as number[],
    warmLongest: [] as number[],
    scroll: [] as Scrolled[],
    scrollFloor: [] as Scrolled[],
    rows: '',
    rowCount: 0,
    coldMs: 0,
  };
  const officeTimeouts: string[] = [];
  const context = await freshContext(browser, prepare, stack);
  // Office.js giving up (OFFICE_READY_TIMEOUT_MS in src/taskpane/index.tsx) would be time in every figure.
  context.on('console', (message) => {
    if (message.text().startsWith('Office.js was not ready')) officeTimeouts.push(message.text());
  });
  // The planning worker's own account of each reopening ("Solleciti planner: cache read in … ms, planned in … ms").
  const planner: string[] = [];
  context.on('page', (page) =>
    page.on('worker', (worker) =>
      worker.on('console', (message) => {
        if (message.text().startsWith('Solleciti planner:'))
          planner.push(message.text().slice('Solleciti planner: '.length));
      }),
    ),
  );
  try {
    large.coldMs = await coldPane(context, stack, 15 * 60_000);
    console.log(
      `${n(LARGE.items)} items, cold (full sync in the pane, once): ${Math.round(large.coldMs)} ms`,
    );
    for (let run = 0; run < RUNS; run++) {
      const empty = await emptyPage(context, stack);
      large.empty.push(empty.ms);
      large.emptyLongest.push(empty.longestTaskMs);
      const warm = await warmPane(context, stack, 5 * 60_000);
      large.warm.push(warm.ms);
      large.warmLongest.push(warm.longestTaskMs);
      // Let the reopening finish before scrolling (its own long tasks are not the scrolling's).
      await expect(warm.page.getByTestId('row-count')).toBeVisible();
      large.rows = (await warm.page.getByTestId('row-count').textContent()) ?? '';
      await warm.page.waitForTimeout(1000);
      // Every row says how many there are (aria-setsize): fewer than SCROLL_ROWS only with a smaller BENCH_ITEMS.
      large.rowCount = Number(await warm.page.locator(ROW).first().getAttribute('aria-setsize'));
      const scrolled = await scrollThrough(warm.page, {
        stepPx: SCROLL_STEP_PX,
        untilSelector: `${ROW}[data-index="${Math.min(SCROLL_ROWS, large.rowCount - 1)}"]`,
      });
      large.scroll.push(scrolled);
      warm.release();
      await warm.page.close();
      const floor = await openAndTime(context, emptyUrl(stack, scrolled.distance + 2000), EMPTY_TEXT, {
        timeout: 60_000,
      });
      await floor.page.waitForTimeout(1000);
      large.scrollFloor.push(
        await scrollThrough(floor.page, { stepPx: SCROLL_STEP_PX, untilPx: scrolled.distance }),
      );
      await floor.page.close();
      console.log(
        `${n(LARGE.items)} items run ${run + 1}/${RUNS}: empty page ${Math.round(large.empty[run] ?? 0)} ms, warm ${Math.round(warm.ms)} ms (longest task ${Math.round(warm.longestTaskMs)} ms), scrolled ${scrolled.distance} px in ${Math.round(scrolled.ms)} ms, longest task ${Math.round(scrolled.longestTaskMs)} ms`,
      );
    }
  } finally {
    await context.close();
    stack.erp.mutations.reset();
  }

  const scrolledRows = Math.min(SCROLL_ROWS, large.rowCount - 1);
  const emptyFloor = (values: number[]) => ({ what: 'navigation to the empty Fluent page’s text', values });
  const emptyLongestFloor = (values: number[]) => ({
    what: 'the same until the empty Fluent page’s text',
    values,
  });
  const startFigures: Figure[] = [
    {
      measure: `navigation → first rendered list, cold cache, ${n(DEMO.items)} items`,
      values: demo.cold,
      unit: 'ms',
      floor: emptyFloor(demo.empty),
    },
    {
      measure: `navigation → first rendered list, warm cache, ${n(DEMO.items)} items`,
      values: demo.warm,
      unit: 'ms',
      floor: emptyFloor(demo.empty),
    },
    {
      measure: `longest main-thread task until then, warm cache, ${n(DEMO.items)} items (longtask)`,
      values: demo.warmLongest,
      unit: 'ms',
      floor: emptyLongestFloor(demo.emptyLongest),
    },
    {
      measure: `navigation → first rendered list, warm cache, ${n(LARGE.items)} items`,
      values: large.warm,
      unit: 'ms',
      floor: emptyFloor(large.empty),
    },
    {
      measure: `longest main-thread task until then, warm cache, ${n(LARGE.items)} items (longtask)`,
      values: large.warmLongest,
      unit: 'ms',
      floor: emptyLongestFloor(large.emptyLongest),
    },
    {
      measure: `longest main-thread task while scrolling ${n(scrolledRows)} rows, ${n(LARGE.items)} items (longtask)`,
      values: large.scroll.map((s) => s.longestTaskMs),
      unit: 'ms',
      floor: {
        what: 'scrolling the empty Fluent page as far',
        values: large.scrollFloor.map((s) => s.longestTaskMs),
      },
    },
    {
      measure: `longest frame while scrolling ${n(scrolledRows)} rows`,
      values: large.scroll.map((s) => s.longestFrameMs),
      unit: 'ms',
      floor: {
        what: 'scrolling the empty Fluent page as far',
        values: large.scrollFloor.map((s) => s.longestFrameMs),
      },
    },
  ];
  const files = (list: readonly FileSize[]) =>
    list.map((f) => `${f.file} ${kb(f.raw)}/${kb(f.gzip)} KB`).join(', ');
  report(
    'chromium-pane',
    'Chromium — the pane (part 4)',
    [...sizeFigures, ...startFigures],
    [
      `Chromium ${browser.version()} headless; pane, empty page and harness built by webpack in production mode with the pane's configuration (the timed pane with the dev identity allowed); ${RUNS} runs, median (min–max); ratio = median ÷ the floor's median`,
      `bundle sizes from one production build (deterministic: one value), KB = 1 024 bytes, gzip at zlib's default level; first load: ${files(sizes.firstLoad)}; worker: ${files(sizes.worker)}; lazy: ${files(sizes.lazy)}; sign-in dialog page (not counted): ${kb(total(sizes.dialog, 'raw'))}/${kb(total(sizes.dialog, 'gzip'))} KB; empty Fluent page: ${files(sizes.empty)}`,
      ...(sizes.warnings.length > 0
        ? [`webpack's warnings on the production build: ${sizes.warnings.join(' / ')}`]
        : []),
      'first rendered list = the first reminder row in the document (MutationObserver), in ms since the navigation started; the empty page likewise its Text; the pane also loads office.js (from node_modules, routed), the empty page does not',
      `cold = a fresh browser context (empty IndexedDB): the pane syncs everything, then lists; warm = a new tab in the same context with the ERP's requests held, so the list comes from the cache`,
      `${LARGE.items} items (seed ${LARGE.seed}, ${LARGE.customers} customers, reseeded in ${seedMs} ms): the cold start that filled the cache took ${Math.round(large.coldMs)} ms to the first rendered list (one run, not a median); the list had ${large.rows}`,
      `scrolling: ${SCROLL_STEP_PX} px a frame by window.scrollBy from the top until row ${n(scrolledRows)} of ${n(large.rowCount)} is in the document (${describe(
        large.scroll.map((s) => s.distance),
        'px',
      )} in ${describe(
        large.scroll.map((s) => s.ms),
        'ms',
      )}); the floor page scrolls as far the same way`,
      'longtask = PerformanceObserver("longtask"): tasks of 50 ms or more; 0 means none reached 50 ms (then no ratio)',
      `Office.js readiness timeouts seen on the ${n(LARGE.items)}-item pages: ${officeTimeouts.length}`,
      ...(planner.length > 0
        ? [
            `the pane's planning worker on the ${n(LARGE.items)}-item pages, the cold start's then each reopening's (its console): ${planner.join('; ')}`,
          ]
        : []),
      `load average when the runs ended: ${loadavg()
        .map((value) => value.toFixed(1))
        .join(' ')} on ${availableParallelism()} cores (shared machine: read the ratios)`,
    ],
  );
});
