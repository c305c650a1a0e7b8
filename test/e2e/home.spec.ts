/**
 * The home view in Chromium against the demo ERP: today's list from the ERP, from the cache on the next
 * opening before the ERP answers, filters that narrow it and survive a reload, the preview as the
 * customer will receive it, the read-only banner for a user who is not enabled, and hostile ERP text
 * shown as text. Screenshots at 400 and 800 px go to test/e2e/screenshots/.
 */
import { ADMIN, expect, test, VIEWER, type Page, type Stack } from './fixtures';

const rows = (page: Page) => page.getByTestId('reminder-row');
const rowCount = (page: Page) => page.getByTestId('row-count');

/** The demo seed numbers its customers C00001, C00002…: the one with this name. */
function findCustomerId(stack: Stack, name: string): string {
  for (let n = 1; n < 10_000; n++) {
    const id = `C${String(n).padStart(5, '0')}`;
    const customer = stack.erp.store.catalog.getCustomer(id);
    if (customer === undefined) break;
    if (customer.name === name) return id;
  }
  throw new Error(`No customer named ${name}`);
}

async function waitForSync(page: Page): Promise<void> {
  await expect(page.getByTestId('sync-status')).toContainText(/Aggiornato alle|Updated at/, {
    timeout: 45_000,
  });
}

test('today’s list comes from the ERP, one row a communication, with the aging and the items left out', async ({
  page,
  pane,
}) => {
  await pane.open();
  await waitForSync(page);
  await expect(rowCount(page)).toHaveText(/^\d+ comunicazioni$/);
  const first = rows(page).first();
  await expect(first.getByRole('checkbox')).toBeVisible();
  await expect(first).toContainText(/Promemoria|Estratto conto|Sollecito/);
  await expect(first).toContainText(/€|USD/);
  await expect(page.getByRole('heading', { name: /Non inviati, e perché \(\d+\)/ })).toBeVisible();
  await expect(page.getByTestId('aging-series').first()).toContainText('Aperto');
  await pane.screenshot('home-400');

  await page.getByRole('button', { name: 'Dettagli', exact: true }).click();
  // Five buckets for each currency.
  const series = await page.getByTestId('aging-series').count();
  await expect(page.getByTestId('aging-bar')).toHaveCount(5 * series);
  await page.getByRole('button', { name: 'Mostra' }).first().click();
  await expect(page.getByTestId('skipped-row').first()).toBeVisible();
  await pane.screenshot('home-details-400');

  await page.setViewportSize({ width: 800, height: 900 });
  await page.getByRole('button', { name: 'Nascondi' }).first().click();
  await pane.screenshot('home-800');
});

test('the next opening shows the cached list before the ERP answers', async ({ page, pane, stack }) => {
  await pane.open();
  await waitForSync(page);
  const total = await rowCount(page).textContent();

  // Hold every ERP request until the end of the test: whatever the pane shows now comes from its cache.
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(`${stack.erpUrl}/**`, async (route) => {
    await held;
    await route.fallback().catch(() => undefined);
  });
  try {
    await page.reload();
    await expect(rows(page).first()).toBeVisible();
    await expect(rowCount(page)).toHaveText(total ?? '');
    await expect(page.getByTestId('sync-status')).toContainText('Aggiornamento');
  } finally {
    release();
  }
  await waitForSync(page);
});

test('filters narrow the list and survive a reload', async ({ page, pane }) => {
  await pane.open();
  await waitForSync(page);
  const all = Number((await rowCount(page).textContent())?.match(/\d+/)?.[0]);
  const name = (await rows(page).first().getByRole('button').first().textContent()) ?? '';
  const word = name.split(' ')[0] ?? name;

  await page.getByTestId('filter-text').fill(word);
  await expect(rowCount(page)).toHaveText(new RegExp(`^\\d+ di ${all}$`));
  const narrowed = await rowCount(page).textContent();
  for (const text of await rows(page).allTextContents())
    expect(text.toLowerCase()).toContain(word.toLowerCase());

  await page.getByRole('button', { name: /^Filtri/ }).click();
  await page.getByTestId('filter-level').selectOption({ label: 'Sollecito' });
  await expect(page.getByRole('button', { name: 'Filtri (2)' })).toBeVisible();
  await pane.screenshot('filters-400');

  await page.reload();
  await expect(rows(page).first()).toBeVisible();
  await expect(page.getByTestId('filter-text')).toHaveValue(word);
  await expect(page.getByRole('button', { name: 'Filtri (2)' })).toBeVisible();
  for (const text of await rows(page).allTextContents()) expect(text).toContain('Sollecito');

  await page.getByRole('button', { name: 'Azzera i filtri' }).click();
  await page.getByTestId('filter-text').fill('');
  await expect(rowCount(page)).toHaveText(`${all} comunicazioni`);
  expect(narrowed).not.toBe(`${all} comunicazioni`);
});

test('the preview shows the e-mail as the customer will receive it, and a reminder can be left out of today’s run', async ({
  page,
  pane,
}) => {
  await pane.open();
  await waitForSync(page);
  const first = rows(page).first();
  const customer = (await first.getByRole('button').first().textContent()) ?? '';
  await first.getByRole('button').first().click();

  await expect(page.getByTestId('preview-subject')).toContainText(customer);
  await expect(page.getByTestId('preview-to')).toContainText('@');
  const frame = page.getByTestId('preview-frame');
  await expect(frame).toHaveAttribute('sandbox', '');
  await expect(page.frameLocator('[data-testid="preview-frame"]').locator('body')).toContainText(
    /Buongiorno|Dear customer/,
  );
  await expect(page.frameLocator('[data-testid="preview-frame"]').locator('table')).toBeVisible();
  await expect(
    page.getByTestId('preview-attachments-summary').or(page.getByTestId('preview-attachments')).first(),
  ).toContainText('KB');
  await pane.screenshot('preview-400');
  await page.setViewportSize({ width: 800, height: 900 });
  await pane.screenshot('preview-800');

  await page.getByRole('button', { name: 'Escludi dal giro di oggi' }).click();
  await expect(page.getByRole('button', { name: 'Includi di nuovo oggi' })).toBeVisible();
  await page.getByRole('button', { name: 'Chiudi' }).first().click();
  await expect(rows(page).filter({ hasText: 'Escluso oggi' })).toHaveCount(1);
  await page.reload();
  await expect(rows(page).filter({ hasText: 'Escluso oggi' })).toHaveCount(1);
});

test('a user who is not enabled sees the list read-only, with who can change it', async ({ page, pane }) => {
  await pane.open({ user: VIEWER });
  await waitForSync(page);
  const banner = page.getByTestId('read-only-banner');
  await expect(banner).toContainText('Sola lettura');
  await expect(banner).toContainText(VIEWER);
  await expect(banner).toContainText(ADMIN);
  await expect(rows(page).first().getByRole('checkbox')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Crea bozze' })).toBeDisabled();
  await expect(page.getByTestId('action-scope')).toHaveText('Sola lettura: le azioni non sono disponibili.');
  await pane.screenshot('read-only-400');
});

test('English and the dark theme', async ({ page, pane }) => {
  await pane.open({ lang: 'en', theme: 'dark' });
  await waitForSync(page);
  await expect(rowCount(page)).toHaveText(/^\d+ reminders$/);
  await expect(page.getByRole('tab', { name: 'History' })).toBeVisible();
  await pane.screenshot('home-en-dark-400');
});

test('ERP text with HTML in it is shown as text, in the list and in the e-mail', async ({
  page,
  pane,
  stack,
}) => {
  await pane.open();
  await waitForSync(page);
  const first = rows(page).first();
  const name = (await first.getByRole('button').first().textContent()) ?? '';
  const hostile = `<img src=x onerror="document.title='pwned'">${name}`;
  const customerId = findCustomerId(stack, name);
  stack.erp.mutations.renameCustomer({ customerId, name: hostile });
  try {
    await page.getByRole('button', { name: 'Aggiorna' }).first().click();
    await expect(rows(page).filter({ hasText: hostile })).toHaveCount(1, { timeout: 30_000 });
    await rows(page).filter({ hasText: hostile }).getByRole('button').first().click();
    await expect(page.getByTestId('preview-subject')).toContainText(hostile);
    await expect(page.frameLocator('[data-testid="preview-frame"]').locator('img')).toHaveCount(0);
    expect(await page.title()).not.toBe('pwned');
  } finally {
    stack.erp.mutations.reset();
  }
});
