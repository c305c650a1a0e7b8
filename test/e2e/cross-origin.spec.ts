/**
 * The pane as in a tenant, with nothing in between: no Playwright route (a route on every URL makes
 * Playwright answer CORS preflights itself), so the browser applies the servers' real CORS and the pane's
 * own Content-Security-Policy. The pane (localhost), the ERP (127.0.0.1), Graph and Graph's upload host
 * (two more ports) are four origins; the policy, built from the configuration, must allow exactly the
 * three services. A reminder with a 3.5 MB invoice goes through an upload session on the upload origin,
 * as Graph's go to outlook.office.com.
 */
import { addDays } from '../../src/domain/calendar';
import { todayInTimeZone } from '../../src/domain/calendar';
import { ERP_TIME_ZONE } from '../../dev/erp/server';
import { erpClient, planToday } from './erp-helpers';
import { BIG_DOCUMENT_PREFIX, BIG_PDF_BYTES, ENABLED_USER, expect, test } from './fixtures';

interface Violation {
  readonly directive: string;
  readonly blocked: string;
}

declare global {
  interface Window {
    __cspViolations?: Violation[];
  }
}

test('with real CORS and the built policy: the pane syncs from the ERP on another origin and uploads a 3.5 MB invoice to the upload host', async ({
  browser,
  stack,
}) => {
  // A reminder with a big PDF: an invoice due in ten days (the courtesy level) for a customer of today's plan.
  const client = erpClient(stack.erpUrl, ENABLED_USER);
  const before = await planToday(client);
  const customerId = before.communications[0]?.customerId;
  if (customerId === undefined) throw new Error('no reminder today in the demo books');
  const today = todayInTimeZone(Date.now(), ERP_TIME_ZONE);
  const documentId = `${BIG_DOCUMENT_PREFIX}1`;
  stack.erp.mutations.invoice({
    customerId,
    documentId,
    documentDate: today,
    installments: [{ dueDate: addDays(today, 10), amount: 123_456 }],
  });
  const customer = before.customerName(customerId);
  await stack.graph.control.reset();

  // A context of its own: no route, no init script — office.js is not needed on demo-pane.html.
  const context = await browser.newContext({
    viewport: { width: 400, height: 800 },
    locale: 'it-IT',
    timezoneId: 'Europe/Rome',
  });
  try {
    await context.addInitScript(() => {
      window.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (event) =>
        window.__cspViolations?.push({ directive: event.effectiveDirective, blocked: event.blockedURI }),
      );
    });
    const page = await context.newPage();
    const failedRequests: string[] = [];
    page.on('requestfailed', (request) =>
      failedRequests.push(`${request.method()} ${request.url()} ${request.failure()?.errorText ?? ''}`),
    );
    await page.goto(
      `${stack.pane.url}/demo-pane.html?${new URLSearchParams({ user: ENABLED_USER, lang: 'it', theme: 'light' }).toString()}`,
    );
    await expect(page.getByTestId('sync-status')).toContainText('Aggiornato alle', { timeout: 45_000 });

    await page.getByTestId('filter-text').fill(customer);
    await expect(page.getByTestId('row-count')).toContainText(' di ');
    await page.getByRole('button', { name: 'Crea bozze' }).click();
    const dialog = page.getByRole('alertdialog');
    await dialog.getByRole('button', { name: 'Crea bozze' }).click();
    const panel = page.getByTestId('batch-panel');
    await expect(panel).toContainText('Completato', { timeout: 90_000 });

    const drafts = stack.graph.control.dump(ENABLED_USER).folders.drafts;
    const big = drafts
      .flatMap((draft) => draft.attachments)
      .filter((attachment) => attachment.size === BIG_PDF_BYTES);
    expect(big).toHaveLength(1);
    expect(failedRequests).toEqual([]);
    // Only connections count here: zod probes for eval once (new Function in a try), which the policy refuses.
    const connections = () =>
      page.evaluate(() =>
        window.__cspViolations?.filter((violation) => violation.directive === 'connect-src'),
      );
    expect(await connections()).toEqual([]);

    // The policy is exact: the pane's own host on 127.0.0.1 is another origin, and it is not allowed.
    const elsewhere = `${stack.pane.url.replace('localhost', '127.0.0.1')}/taskpane.html`;
    const refused = await page.evaluate(async (url) => {
      try {
        await fetch(url);
        return false;
      } catch {
        return true;
      }
    }, elsewhere);
    expect(refused).toBe(true);
    await expect.poll(connections).toEqual([{ directive: 'connect-src', blocked: elsewhere }]);
  } finally {
    await context.close();
    stack.erp.mutations.reset();
    await stack.graph.control.reset();
  }
});
