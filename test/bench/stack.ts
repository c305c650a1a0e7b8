/**
 * The Chromium benchmarks' stack, per Playwright worker and in-process (as test/e2e/fixtures.ts, on its
 * own pages): the demo ERP (in memory), the Graph simulator, and one static server for everything
 * build-web.ts built (.cache/bench-web: pane/, harness/), so the pane, the empty Fluent page and the
 * harness share one origin the ERP allows. Each test gets a fresh browser context (an empty IndexedDB)
 * pointed at the stack through the user's connection settings, office.js served from node_modules and
 * every other outside request refused.
 */
import { test as base, type BrowserContext } from '@playwright/test';
import { ERP_TIME_ZONE, startErpServer, type RunningErpServer } from '../../dev/erp/server';
import { startGraphSim, type GraphSim } from '../../dev/graph-sim';
import { todayInTimeZone } from '../../src/domain/calendar';
import { prepareContext } from '../e2e/fixtures';
import { serveDirectory, type StaticServer } from '../e2e/static-server';
import { BENCH_WEB_DIR } from './build-web';

/** The demo ERP's own size (`npm start`): ~300 customers, ~3 000 open items. */
export const DEMO = { seed: 1, customers: 300, items: 3000 } as const;
/**
 * The large book: 100 000 open items, 10 000 customers (fixed seed). BENCH_ITEMS
 * makes it smaller for a quick try of the benchmarks themselves (customers stay a tenth of the items).
 */
const LARGE_ITEMS = Number(process.env.BENCH_ITEMS ?? 100_000);
export const LARGE = { seed: 20261128, customers: Math.round(LARGE_ITEMS / 10), items: LARGE_ITEMS } as const;

export const USER = 'marta.rossi@solleciti.example';

export interface BenchStack {
  readonly erp: RunningErpServer;
  readonly graph: GraphSim;
  readonly web: StaticServer;
  /** As the pages must call it: `localhost` (the pane's CSP allows http://localhost:*). */
  readonly erpUrl: string;
  readonly graphUrl: string;
  /** Today where the ERP is (the seed's today). */
  readonly today: string;
}

const localhost = (url: string): string => url.replace('127.0.0.1', 'localhost');

export const test = base.extend<
  { prepare: (context: BrowserContext) => Promise<void> },
  { stack: BenchStack }
>({
  stack: [
    // Playwright's fixture signature: the first argument is the fixtures object (none needed here).
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const today = todayInTimeZone(Date.now(), ERP_TIME_ZONE);
      const web = await serveDirectory(BENCH_WEB_DIR);
      const erp = await startErpServer({
        port: 0,
        db: ':memory:',
        seed: { ...DEMO, today },
        corsOrigins: [web.url],
        staticKey: null,
        logError: () => undefined,
      });
      const graph = await startGraphSim({
        port: 0,
        dataDir: null,
        sentItemsDelayMs: 0,
        paneOrigins: [web.url],
      });
      try {
        await use({ erp, graph, web, erpUrl: localhost(erp.url), graphUrl: localhost(graph.url), today });
      } finally {
        await Promise.allSettled([erp.close(), graph.close(), web.close()]);
      }
    },
    { scope: 'worker', timeout: 120_000 },
  ],
  context: async ({ context, stack }, use) => {
    await prepareContext(context, stack);
    await use(context);
  },
  /** Prepares another context (a second, fresh IndexedDB) as `context` is. */
  prepare: async ({ stack }, use) => {
    await use((context) => prepareContext(context, stack));
  },
});

export { expect } from '@playwright/test';
