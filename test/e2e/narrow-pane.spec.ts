/**
 * A narrow pane (360 px, the narrowest Outlook task pane): the e-mail in the preview's frame fits its
 * width — no amount hidden behind sideways scrolling — in Italian and English; and the settings of rules
 * version 2 (one communication per customer, the late-interest table) fit too and pass axe.
 * Screenshots go to test/e2e/screenshots/.
 */
import { ADMIN, expect, test, type Page } from './fixtures';

// axe walks the whole page (a few seconds on two shared cores).
test.describe.configure({ timeout: 150_000 });

const rows = (page: Page) => page.getByTestId('reminder-row');

async function waitForSync(page: Page): Promise<void> {
  await expect(page.getByTestId('sync-status')).toContainText(/Aggiornato alle|Updated at/, {
    timeout: 45_000,
  });
}

/** The e-mail's document in the preview frame: how wide it is against how wide the frame shows it. */
async function frameWidths(page: Page) {
  const frame = page.frameLocator('[data-testid="preview-frame"]');
  await expect(frame.locator('table')).toBeVisible();
  return frame.locator('html').evaluate((html) => {
    const view = html.ownerDocument.defaultView;
    const amounts = [...html.querySelectorAll('td:last-child')].map(
      (cell) => cell.getBoundingClientRect().right,
    );
    return {
      scrollWidth: html.scrollWidth,
      clientWidth: html.clientWidth,
      bodyScrollWidth: html.ownerDocument.body.scrollWidth,
      viewport: view?.innerWidth ?? 0,
      rightmostAmount: Math.max(0, ...amounts),
    };
  });
}

for (const lang of ['it', 'en'] as const) {
  test(`at 360 px the e-mail in the preview fits the pane, every amount in view (${lang})`, async ({
    page,
    pane,
  }) => {
    await page.setViewportSize({ width: 360, height: 700 });
    await pane.open({ lang });
    await waitForSync(page);
    // The row with the most items (its table is the widest the day has): the one with the longest text.
    const texts = await rows(page).allTextContents();
    const widest = texts.reduce(
      (best, text, index) => (text.length > (texts[best] ?? '').length ? index : best),
      0,
    );
    await rows(page).nth(widest).getByRole('button').first().click();
    await expect(page.getByTestId('preview-subject')).toBeVisible();

    const widths = await frameWidths(page);
    await page.getByTestId('preview-frame').scrollIntoViewIfNeeded();
    await test.info().attach('widths', { body: JSON.stringify(widths), contentType: 'application/json' });
    await test.step('screenshot', async () => {
      await pane.screenshot(`preview-fit-${lang}-360`);
    });
    expect(widths.scrollWidth, JSON.stringify(widths)).toBeLessThanOrEqual(widths.clientWidth);
    expect(widths.bodyScrollWidth, JSON.stringify(widths)).toBeLessThanOrEqual(widths.clientWidth);
    expect(widths.rightmostAmount, JSON.stringify(widths)).toBeLessThanOrEqual(widths.clientWidth);
  });
}

test('at 360 px the settings show one communication per customer and the late-interest table, with no sideways scrolling and no axe violation', async ({
  page,
  pane,
}) => {
  await page.setViewportSize({ width: 360, height: 700 });
  await pane.open({ user: ADMIN });
  await waitForSync(page);
  await page.getByRole('tab', { name: 'Impostazioni' }).click();
  await expect(page.getByRole('switch', { name: 'Una sola comunicazione per cliente' })).toBeVisible();

  await page.getByRole('switch', { name: 'Calcola interessi di mora e indennità (D.Lgs. 231/2002)' }).check();
  await page.getByRole('button', { name: 'Aggiungi tasso' }).click();
  await page.getByTestId('rate-from').first().fill('2026-01-01');
  await page.getByTestId('rate-percent').first().fill('10,155');
  await expect(page.getByText('Al massimo due decimali, ad esempio 10,15.').first()).toBeVisible();
  await page.getByTestId('late-interest').scrollIntoViewIfNeeded();
  // The date, the percent and the button that removes the row, all within the card, side by side.
  const card = await page.getByTestId('rate-row').first().locator('xpath=..').boundingBox();
  const boxes = await Promise.all(
    [
      page.getByTestId('rate-from').first(),
      page.getByTestId('rate-percent').first(),
      page.getByRole('button', { name: 'Rimuovi il tasso 1' }),
    ].map((control) => control.boundingBox()),
  );
  const right = (card?.x ?? 0) + (card?.width ?? 0);
  let left = card?.x ?? 0;
  for (const box of boxes) {
    // Each starts where the one before ends (none drawn over the next) and ends inside the card.
    expect(box?.x ?? -1, JSON.stringify({ card, boxes })).toBeGreaterThanOrEqual(left);
    left = (box?.x ?? 0) + (box?.width ?? 0);
    expect(left, JSON.stringify({ card, boxes })).toBeLessThanOrEqual(right);
  }
  await pane.screenshot('settings-late-interest-360');
  const widths = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect(widths.scrollWidth, JSON.stringify(widths)).toBeLessThanOrEqual(widths.clientWidth);
  const violations = await pane.axe();
  expect(violations, `axe on the settings:\n${violations.join('\n')}`).toEqual([]);
});
