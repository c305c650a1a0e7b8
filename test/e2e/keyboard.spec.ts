/**
 * The pane with the keyboard only (Tab, Shift+Tab, Enter, Space, arrows, Escape; no mouse): filter the
 * list, select a row, open its preview, leave it out of today's run, and create the drafts through the
 * confirmation — with the focus always visible and back where it was after the preview and the dialog.
 */
import type { Communication } from '../../src/domain/plan-reminders';
import { erpClient, planToday } from './erp-helpers';
import { ENABLED_USER, expect, test, type Locator, type Page } from './fixtures';

test.describe.configure({ timeout: 150_000 });

/** Presses Tab (or Shift+Tab) until `target` has the focus; fails after `max` presses. */
async function tabTo(page: Page, target: Locator, { back = false, max = 60 } = {}): Promise<void> {
  for (let presses = 0; presses < max; presses++) {
    if (await target.evaluate((element) => element === document.activeElement).catch(() => false)) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`${String(target)} not reached in ${max} presses of ${back ? 'Shift+Tab' : 'Tab'}`);
}

/** The focused element shows that it is focused (`:focus-visible`, Fluent draws its outline then). */
async function expectFocusVisible(target: Locator): Promise<void> {
  await expect(target).toBeFocused();
  expect(await target.evaluate((element) => element.matches(':focus-visible'))).toBe(true);
}

/**
 * A word of customer names that narrows today's list to a few reminders of one level (at least three:
 * one is left out, the others are drafted), with that level's name and how many reminders it leaves.
 */
async function pickNarrowing(
  communications: readonly Communication[],
  customerName: (id: string) => string,
  levelName: (id: string) => string,
): Promise<{ word: string; level: string; count: number }> {
  const names = communications.map((communication) => customerName(communication.customerId).toLowerCase());
  const words = new Set(names.flatMap((name) => name.split(/[^a-zà-ù]+/).filter((word) => word.length >= 5)));
  for (const word of [...words].sort()) {
    const matching = communications.filter((_, index) => names[index]?.includes(word));
    const byLevel = new Map<string, number>();
    for (const communication of matching)
      byLevel.set(communication.levelId, (byLevel.get(communication.levelId) ?? 0) + 1);
    for (const [levelId, count] of byLevel)
      if (count >= 3 && count <= 5 && matching.length > count)
        return { word, level: levelName(levelId), count };
  }
  throw new Error('No word narrows today’s list to a few reminders of one level');
}

test('filter, select, preview, leave out and create the drafts, with the keyboard only', async ({
  page,
  pane,
  stack,
}) => {
  await stack.graph.control.reset();
  const client = erpClient(stack.erpUrl, ENABLED_USER);
  const { communications, customerName } = await planToday(client);
  const { setup } = await client.getSetup();
  const levelName = (id: string) => setup.levels.find((level) => level.id === id)?.name ?? id;
  const { word, level, count } = await pickNarrowing(communications, customerName, levelName);

  await pane.open();
  await expect(page.getByTestId('sync-status')).toContainText('Aggiornato alle', { timeout: 45_000 });
  const rowCount = page.getByTestId('row-count');

  // Filter: the text box, then the level in the filters panel.
  const search = page.getByTestId('filter-text');
  await tabTo(page, search);
  await expectFocusVisible(search);
  await page.keyboard.type(word);
  await expect(rowCount).toContainText(' di ');
  const toggle = page.getByRole('button', { name: /^Filtri/ });
  await tabTo(page, toggle);
  await expectFocusVisible(toggle);
  await page.keyboard.press('Space');
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  const levelSelect = page.getByTestId('filter-level');
  await tabTo(page, levelSelect);
  await expectFocusVisible(levelSelect);
  for (let n = 0; n < 6 && (await levelSelect.locator('option:checked').textContent()) !== level; n++)
    await page.keyboard.press('ArrowDown');
  await expect(levelSelect.locator('option:checked')).toHaveText(level);
  await expect(rowCount).toHaveText(new RegExp(`^${count} di `));

  // Select the first row, then open its preview.
  const row = page.getByTestId('reminder-row').first();
  const customer = (await row.getByRole('button').first().textContent()) ?? '';
  const checkbox = row.getByRole('checkbox');
  await tabTo(page, checkbox);
  await expectFocusVisible(checkbox);
  await page.keyboard.press('Space');
  await expect(checkbox).toBeChecked();
  await expect(page.getByTestId('action-scope')).toContainText('Per il sollecito selezionato');
  const open = row.getByRole('button', { name: `Anteprima del sollecito a ${customer}` });
  await tabTo(page, open);
  await expectFocusVisible(open);
  await page.keyboard.press('Enter');

  // In the preview: the focus is in it; leave the reminder out; Escape closes and gives the focus back.
  const preview = page.getByRole('dialog');
  await expect(page.getByTestId('preview-subject')).toContainText(customer);
  await expect(preview).toContainText(customer);
  expect(await preview.evaluate((element) => element.contains(document.activeElement))).toBe(true);
  const leaveOut = preview.getByRole('button', { name: 'Escludi dal giro di oggi' });
  await tabTo(page, leaveOut);
  await expectFocusVisible(leaveOut);
  await page.keyboard.press('Enter');
  await expect(preview.getByRole('button', { name: 'Includi di nuovo oggi' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(preview).toBeHidden();
  await expect(open).toBeFocused();
  await expect(row).toContainText('Escluso oggi');
  // Left out, the row is no longer selected for the run: the actions go to the others in view.
  await expect(page.getByTestId('action-scope')).toContainText(`${count - 1}`);

  // Back up to "Crea bozze", through the confirmation.
  const createDrafts = page.getByTestId('action-bar').getByRole('button', { name: 'Crea bozze' });
  await tabTo(page, createDrafts, { back: true });
  await expectFocusVisible(createDrafts);
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('alertdialog');
  await expect(dialog).toContainText(
    count - 1 === 1 ? 'Verrà creata 1 bozza' : `Verranno create ${count - 1} bozze`,
  );
  // Escape cancels, and the focus is back on the button that opened it.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expectFocusVisible(createDrafts);
  await page.keyboard.press('Enter');
  await expect(dialog).toBeVisible();
  const confirm = dialog.getByRole('button', { name: 'Crea bozze' });
  await tabTo(page, confirm);
  await expectFocusVisible(confirm);
  await page.keyboard.press('Enter');

  const panel = page.getByTestId('batch-panel');
  await expect(panel).toContainText('Completato', { timeout: 90_000 });
  await expect(panel).toContainText(`Bozze create: ${count - 1}`);
  // The focus came back to "Crea bozze", unavailable while the batch ran but still focusable (not lost
  // on the page's body).
  await expect(createDrafts).toBeFocused();
  const drafts = stack.graph.control.dump(ENABLED_USER).folders.drafts;
  expect(drafts).toHaveLength(count - 1);
  expect(drafts.filter((draft) => draft.subject.includes(customer))).toHaveLength(
    communications.filter(
      (communication) =>
        customerName(communication.customerId) === customer && levelName(communication.levelId) === level,
    ).length - 1,
  );
  stack.erp.mutations.reset();
});
