/**
 * The page `npm start` prints (development builds only): the task pane in a 360 px frame, signed in as
 * the demo's enabled clerk, beside the Graph simulator's mailbox.
 */
import { expect, SCREENSHOTS, test } from './fixtures';

test('the demo page shows the pane in a 360 px frame beside the mailbox', async ({ page, pane }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(new URL('demo.html', pane.url()).toString());
  const frame = page.locator('iframe[src="demo-pane.html"]');
  expect((await frame.boundingBox())?.width).toBeCloseTo(362, -1);
  const inside = page.frameLocator('iframe[src="demo-pane.html"]');
  await expect(inside.getByTestId('reminder-row').first()).toBeVisible({ timeout: 30_000 });
  await expect(inside.getByText('marta.rossi@solleciti.example')).toBeVisible();
  await expect(page.locator('iframe[title="Casella di posta simulata"]')).toHaveAttribute(
    'src',
    /\/\?user=marta\.rossi%40solleciti\.example$/,
  );
  await page.screenshot({ path: `${SCREENSHOTS}/demo-1280.png` });
});
