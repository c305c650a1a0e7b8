/**
 * The end-to-end stack, per Playwright worker and in-process: the demo ERP (in memory, seeded for today)
 * on 127.0.0.1, the Graph simulator (in memory, Sent Items at once) and its upload listener on localhost,
 * on the ports the pane was built for (build-pane.ts), and the built pane behind a static server on a free
 * port of localhost — three origins, as in a tenant — closed when the worker ends. Each test gets a fresh browser context (so an empty
 * IndexedDB) whose pane is pointed at this worker's servers through the user's connection settings
 * (localStorage), with office.js served from node_modules and every other outside request refused.
 */
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { startErpServer, ERP_TIME_ZONE, type RunningErpServer } from '../../dev/erp/server';
import { renderInvoicePdf } from '../../dev/erp/seed/pdf';
import { startGraphSim, type GraphSim } from '../../dev/graph-sim';
import { todayInTimeZone } from '../../src/domain/calendar';
import { PANE_DIR, serviceOrigins } from './build-pane';
import { serveDirectory, type StaticServer } from './static-server';

export const OFFICE_CDN = 'https://appsforoffice.microsoft.com/lib/1/hosted/';
const OFFICE_DIST = path.resolve(__dirname, '../../node_modules/@microsoft/office-js/dist');
export const SCREENSHOTS = path.resolve(__dirname, 'screenshots');

export const ENABLED_USER = 'marta.rossi@solleciti.example';
export const VIEWER = 'viewer@solleciti.example';
export const ADMIN = 'admin@solleciti.example';

export interface Stack {
  readonly erp: RunningErpServer;
  readonly graph: GraphSim;
  readonly pane: StaticServer;
  /** As the pane calls them (its build's configuration and policy): the ERP on 127.0.0.1, Graph on localhost. */
  readonly erpUrl: string;
  readonly graphUrl: string;
  /** Where the simulator's upload sessions are: another origin than Graph's. */
  readonly uploadOrigin: string;
}

export interface PaneOptions {
  readonly user?: string;
  readonly lang?: 'it' | 'en';
  readonly theme?: 'light' | 'dark' | 'contrast';
}

export interface PaneHelpers {
  /** The pane's URL for a user, language and theme. */
  url(options?: PaneOptions): string;
  /** Opens the pane and waits for today's list (or the given state) to appear. */
  open(options?: PaneOptions): Promise<void>;
  /** Saves a full-page screenshot under test/e2e/screenshots/. */
  screenshot(name: string): Promise<string>;
  /**
   * axe-core's violations on the page as it is now, one line each (rule, impact, where): empty when
   * there are none. axe is injected from node_modules (no network).
   */
  axe(): Promise<string[]>;
}

/** Documents whose id starts with this get a PDF of 3.5 MB: sent through an upload session, not inline. */
export const BIG_DOCUMENT_PREFIX = 'BIG-';
export const BIG_PDF_BYTES = 3_500_000;

/** The demo ERP's invoice PDF, padded after its end for the big documents. */
const renderPdf: typeof renderInvoicePdf = async (document, customer, items) => {
  const pdf = await renderInvoicePdf(document, customer, items);
  if (!document.id.startsWith(BIG_DOCUMENT_PREFIX) || pdf.length >= BIG_PDF_BYTES) return pdf;
  const padded = new Uint8Array(BIG_PDF_BYTES);
  padded.set(pdf);
  padded.fill(0x0a, pdf.length);
  return padded;
};

/** Points a context's pane at the stack, serves office.js locally, and refuses everything else outside. */
export async function prepareContext(
  context: BrowserContext,
  stack: Pick<Stack, 'erpUrl' | 'graphUrl'>,
): Promise<void> {
  await context.addInitScript(
    ({ erpUrl, graphUrl }) => {
      window.localStorage.setItem('solleciti.config.ERP_BASE_URL', erpUrl);
      window.localStorage.setItem('solleciti.config.GRAPH_BASE_URL', `${graphUrl}/v1.0`);
    },
    { erpUrl: stack.erpUrl, graphUrl: stack.graphUrl },
  );
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (url.startsWith(OFFICE_CDN)) {
      const file = path.join(OFFICE_DIST, new URL(url).pathname.slice(new URL(OFFICE_CDN).pathname.length));
      if (!file.startsWith(OFFICE_DIST)) return route.abort();
      return route.fulfill({ path: file }).catch(() => route.fulfill({ status: 404, body: '' }));
    }
    if (
      /^https?:\/\/(localhost|127\.0\.0\.1)(:\d+)?\//.test(url) ||
      url.startsWith('data:') ||
      url.startsWith('blob:')
    )
      return route.fallback();
    return route.abort('blockedbyclient');
  });
}

/**
 * The rendered e-mail is shown in a `sandbox=""` frame (no scripts: ERP text never runs in the pane), and
 * axe cannot run in a frame without scripts: at best it leaves the content out without a word (tried: an
 * image without alt text in one goes unreported), at worst its frame.evaluate never returns (seen under
 * load). So such frames are excluded from the pane's check, the spec checks their title itself, and the
 * e-mail is checked on its own, as a page (`axeViolations(page, 'fragment')`) — rather than loosening the
 * sandbox for the test, which would test another pane.
 */
const SANDBOXED_FRAMES = 'iframe[sandbox=""]';

/**
 * Fluent's focus management (tabster) puts `<i tabindex="0" aria-hidden="true" data-tabster-dummy>`
 * around focus traps and arrow-key groups: they hand focus on at once and are hidden so screen readers do
 * not announce them. axe's aria-hidden-focus flags them; it is a known false positive (microsoft/tabster#288,
 * microsoft/accessibility-insights-web#7605 suppresses it the same way), so only those nodes of only that
 * rule are dropped.
 */
const isTabsterDummy = (ruleId: string, html: string): boolean =>
  ruleId === 'aria-hidden-focus' && /^<i\b[^>]*\bdata-tabster-dummy=/.test(html);

const describeViolations = (results: Awaited<ReturnType<AxeBuilder['analyze']>>): string[] =>
  results.violations.flatMap((violation) =>
    violation.nodes
      .filter((node) => !isTabsterDummy(violation.id, node.html))
      .map(
        (node) =>
          `${violation.id} (${violation.impact ?? '?'}): ${violation.help} at ${node.target.join(' > ')} — ${
            node.failureSummary?.split('\n').slice(1).join(' ').trim() ?? ''
          } [${node.html.slice(0, 160)}]`,
      ),
  );

/**
 * axe's violations on the page, sandboxed frames left out (see SANDBOXED_FRAMES). `document`:
 * every rule, for the pane; `fragment`: the WCAG rules only, for an e-mail body, which a mail client shows
 * inside its own page (so page-level best practices — one main landmark, an h1, regions — do not apply).
 */
export async function axeViolations(
  page: Page,
  kind: 'document' | 'fragment' = 'document',
): Promise<string[]> {
  const builder = new AxeBuilder({ page });
  if (kind === 'fragment') builder.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']);
  else builder.exclude(SANDBOXED_FRAMES);
  return describeViolations(await builder.analyze());
}

export const test = base.extend<{ pane: PaneHelpers }, { stack: Stack }>({
  stack: [
    // Playwright's fixture signature: the first argument is the fixtures object (none needed here).
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const today = todayInTimeZone(Date.now(), ERP_TIME_ZONE);
      const origins = serviceOrigins();
      const pane = await serveDirectory(PANE_DIR);
      const erp = await startErpServer({
        port: origins.erpPort,
        renderPdf,
        db: ':memory:',
        // Smaller than the demo's 3 000 items: every test starts from an empty cache and syncs it all.
        seed: { seed: 1, customers: 200, items: 1500, today },
        corsOrigins: [pane.url],
        staticKey: null,
        logError: () => undefined,
      });
      const graph = await startGraphSim({
        port: origins.graphPort,
        uploadPort: origins.uploadPort,
        paneOrigins: [pane.url],
        dataDir: null,
        sentItemsDelayMs: 0,
      });
      try {
        await use({
          erp,
          graph,
          pane,
          erpUrl: origins.erpUrl,
          graphUrl: origins.graphUrl,
          uploadOrigin: origins.uploadOrigin,
        });
      } finally {
        await Promise.allSettled([erp.close(), graph.close(), pane.close()]);
      }
    },
    { scope: 'worker', timeout: 60_000 },
  ],
  context: async ({ context, stack }, use) => {
    await prepareContext(context, stack);
    await use(context);
  },
  pane: async ({ page, stack }, use) => {
    const url = ({ user = ENABLED_USER, lang = 'it', theme = 'light' }: PaneOptions = {}) =>
      `${stack.pane.url}/taskpane.html?${new URLSearchParams({ user, lang, theme }).toString()}`;
    await use({
      url,
      open: async (options) => {
        await page.goto(url(options));
        await expect(page.getByTestId('reminder-row').first()).toBeVisible({ timeout: 30_000 });
      },
      screenshot: async (name) => {
        mkdirSync(SCREENSHOTS, { recursive: true });
        const file = path.join(SCREENSHOTS, `${name}.png`);
        await page.screenshot({ path: file });
        return file;
      },
      axe: () => axeViolations(page),
    });
  },
});

export { expect, type Locator, type Page };
