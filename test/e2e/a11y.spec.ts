/**
 * Accessibility: axe-core finds no violation on any view of the pane — today's list with a row selected,
 * the filters, the preview, the confirmation, a batch in progress, the settings (options, levels, texts
 * with their preview, connection), the history, the read-only view — in Italian and English, light, dark
 * and high contrast. The e-mail shown in the preview's sandboxed frame is checked on its own, as the
 * document the customer receives (see SANDBOXED_FRAMES in fixtures.ts for why it is not checked in place).
 */
import { ADMIN, axeViolations, expect, test, VIEWER, type Page, type PaneHelpers } from './fixtures';

// axe walks the whole page (a few seconds each time on two shared cores), several times a test.
test.describe.configure({ timeout: 150_000 });

const rows = (page: Page) => page.getByTestId('reminder-row');

async function waitForSync(page: Page): Promise<void> {
  await expect(page.getByTestId('sync-status')).toContainText(/Aggiornato alle|Updated at/, {
    timeout: 45_000,
  });
}

/** No violation, and the list of them in the failure message when there are some. */
async function expectNoViolations(pane: PaneHelpers, view: string): Promise<void> {
  const violations = await pane.axe();
  expect(violations, `axe on ${view}:\n${violations.join('\n')}`).toEqual([]);
}

/** The e-mail in a sandboxed frame, loaded as a page of its own and checked there. */
async function expectAccessibleEmail(page: Page, frameTestId: string): Promise<void> {
  // What axe's frame-title rule would check, had the frame not been left out (see fixtures.ts).
  await expect(page.getByTestId(frameTestId)).toHaveAttribute('title', /\S/);
  const html = await page.getByTestId(frameTestId).getAttribute('srcdoc');
  expect(html).toContain('<html lang=');
  const email = await page.context().newPage();
  try {
    await email.setContent(html ?? '');
    const violations = await axeViolations(email, 'fragment');
    expect(violations, `axe on the e-mail:\n${violations.join('\n')}`).toEqual([]);
  } finally {
    await email.close();
  }
}

test('home: the list with a row selected, the details open, and the filters', async ({ page, pane }) => {
  await pane.open();
  await waitForSync(page);
  await rows(page).nth(1).getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Dettagli', exact: true }).click();
  await page.getByRole('button', { name: 'Mostra' }).first().click();
  await expect(page.getByTestId('skipped-row').first()).toBeVisible();
  await expectNoViolations(pane, 'home');

  await page.getByRole('button', { name: /^Filtri/ }).click();
  await expect(page.getByTestId('filter-level')).toBeVisible();
  await expectNoViolations(pane, 'filters');
});

test('the preview, and the e-mail in it', async ({ page, pane }) => {
  await pane.open();
  await waitForSync(page);
  await rows(page).first().getByRole('button').first().click();
  await expect(page.getByTestId('preview-subject')).toBeVisible();
  await expect(
    page.getByTestId('preview-attachments-summary').or(page.getByTestId('preview-attachments')).first(),
  ).toContainText('KB');
  await expectNoViolations(pane, 'preview');
  await expectAccessibleEmail(page, 'preview-frame');
});

test('the confirmation and the batch in progress', async ({ page, pane, stack }) => {
  await stack.graph.control.reset();
  await pane.open();
  await waitForSync(page);
  const customer = (await rows(page).nth(2).getByRole('button').first().textContent()) ?? '';
  await page.getByTestId('filter-text').fill(customer);
  await expect(page.getByTestId('row-count')).toContainText(' di ');

  await page.getByRole('button', { name: 'Crea bozze' }).click();
  const dialog = page.getByRole('alertdialog');
  await expect(dialog).toBeVisible();
  await expectNoViolations(pane, 'confirmation');

  await dialog.getByRole('button', { name: 'Crea bozze' }).click();
  await expect(page.getByTestId('batch-panel')).toBeVisible();
  // The dialog's closing animation keeps its surface a moment without its title: check the page once it is gone.
  await expect(dialog).toBeHidden();
  await expectNoViolations(pane, 'batch in progress');
  await expect(page.getByTestId('batch-panel')).toContainText('Completato', { timeout: 60_000 });
  await expectNoViolations(pane, 'batch done');
  stack.erp.mutations.reset();
});

test('settings: options, levels, texts with the preview, connection', async ({ page, pane }) => {
  await pane.open({ user: ADMIN });
  await waitForSync(page);
  await page.getByRole('tab', { name: 'Impostazioni' }).click();
  await expect(page.getByTestId('text-preview-subject')).toBeVisible();
  await expectNoViolations(pane, 'settings');
  await expectAccessibleEmail(page, 'text-preview-frame');

  // A problem the domain finds, shown in Italian.
  await page.getByTestId('level-days').first().fill('');
  await expect(page.getByTestId('setup-problems')).toBeVisible();
  await page.getByRole('button', { name: 'Prova la connessione' }).click();
  await expect(page.getByTestId('connection-test')).toBeVisible({ timeout: 30_000 });
  await expectNoViolations(pane, 'settings with problems and the connection test');
});

test('history', async ({ page, pane }) => {
  await pane.open();
  await waitForSync(page);
  await page.getByRole('tab', { name: 'Storico' }).click();
  await expect(page.getByTestId('history-count')).toBeVisible();
  await expectNoViolations(pane, 'history');
});

test('the read-only view', async ({ page, pane }) => {
  await pane.open({ user: VIEWER });
  await waitForSync(page);
  await expect(page.getByTestId('read-only-banner')).toBeVisible();
  await expectNoViolations(pane, 'read-only home');
  await page.getByRole('tab', { name: 'Impostazioni' }).click();
  await expect(page.getByTestId('settings-read-only')).toBeVisible();
  await expectNoViolations(pane, 'read-only settings');
});

for (const theme of ['dark', 'contrast'] as const) {
  test(`English, ${theme} theme: home, preview, confirmation, settings`, async ({ page, pane }) => {
    await pane.open({ lang: 'en', theme, user: ADMIN });
    await waitForSync(page);
    await rows(page).first().getByRole('checkbox').check();
    await page.getByRole('button', { name: /^Filters/ }).click();
    await expectNoViolations(pane, `home (${theme})`);
    await pane.screenshot(`a11y-home-en-${theme}-400`);

    await rows(page).first().getByRole('button').first().click();
    await expect(page.getByTestId('preview-subject')).toBeVisible();
    await expectNoViolations(pane, `preview (${theme})`);
    await pane.screenshot(`a11y-preview-en-${theme}-400`);
    await page.getByRole('button', { name: 'Close' }).first().click();

    await page.getByRole('button', { name: 'Create drafts' }).click();
    await expect(page.getByRole('alertdialog')).toBeVisible();
    await expectNoViolations(pane, `confirmation (${theme})`);
    await pane.screenshot(`a11y-confirm-en-${theme}-400`);
    await page.getByRole('alertdialog').getByRole('button', { name: 'Cancel' }).click();

    await page.getByRole('tab', { name: 'Settings' }).click();
    await expect(page.getByTestId('text-preview-subject')).toBeVisible();
    await expectNoViolations(pane, `settings (${theme})`);
    await pane.screenshot(`a11y-settings-en-${theme}-400`);
  });
}
