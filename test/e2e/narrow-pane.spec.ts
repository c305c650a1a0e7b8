/**
 * The preview in a narrow pane (360 px, the narrowest Outlook task pane): the e-mail in the preview's
 * frame fits its width — no amount hidden behind sideways scrolling — in Italian and English.
 * Screenshots go to test/e2e/screenshots/.
 */
import { expect, test, type Page } from './fixtures';

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
    const amounts = [...html.querySelectorAll('td:last-child')].map((cell) => cell.getBoundingClientRect().right);
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
    const widest = texts.reduce((best, text, index) => (text.length > (texts[best] ?? '').length ? index : best), 0);
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
