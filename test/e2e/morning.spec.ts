/**
 * The clerk's morning from end to end, and the settings steering the list: open → today's list from the
 * cache → refresh → filter → preview → draft some → send the rest → close the pane mid-send → reopen →
 * the batch resumes → each (item, level, cycle) exactly once in Sent Items, with the agent in CC and the
 * invoice PDFs attached; then an administrator's new level and edited text change the list and the
 * preview.
 */
import { pdfNamesFor } from '../../src/domain/attachment-names';
import { communicationKey, decodeItemCycles, itemCyclesOf } from '../../src/domain/communication-key';
import { documentsOf, type Communication } from '../../src/domain/plan-reminders';
import { ITEMS_PROPERTY_ID, KEY_PROPERTY_ID } from '../../src/mail/message-tags';
import { erpClient, planToday } from './erp-helpers';
import { ADMIN, ENABLED_USER, expect, test, type Page } from './fixtures';

test.setTimeout(4 * 60_000);

async function waitForSync(page: Page): Promise<void> {
  await expect(page.getByTestId('sync-status')).toContainText('Aggiornato alle', { timeout: 60_000 });
}

const rowCount = async (page: Page): Promise<number> =>
  Number((await page.getByTestId('row-count').textContent())?.match(/^(\d+)/)?.[1]);

const property = (properties: readonly { id: string; value: string }[], id: string): string | undefined =>
  properties.find((entry) => entry.id === id)?.value;

/** Narrows the list with the free-text filter to a customer with 3 to 6 reminders today; returns its word. */
async function narrowToAFewReminders(page: Page): Promise<{ word: string; visible: number }> {
  const names = await page.getByTestId('reminder-row').getByRole('button').allTextContents();
  for (const name of names) {
    const word = name.split(' ').find((part) => part.length >= 5) ?? name;
    await page.getByTestId('filter-text').fill(word);
    await expect(page.getByTestId('row-count')).toContainText(' di ');
    const visible = await rowCount(page);
    if (visible >= 3 && visible <= 6) return { word, visible };
  }
  throw new Error('no customer word narrows the demo list to 3–6 reminders');
}

test('the clerk’s morning: cache, refresh, filter, preview, draft some, send the rest across a closed pane, each reminder once with CC and PDFs', async ({
  page,
  context,
  pane,
  stack,
}) => {
  await stack.graph.control.reset();
  const expected = new Map<string, Communication>(
    (await planToday(erpClient(stack.erpUrl, ENABLED_USER))).communications.map((communication) => [
      communicationKey(communication.levelId, itemCyclesOf(communication)),
      communication,
    ]),
  );
  await pane.open();
  await waitForSync(page);
  const total = await rowCount(page);
  expect(total).toBe(expected.size);

  // Next morning: the list comes from the cache before the ERP answers, then refreshes.
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(`${stack.erpUrl}/**`, async (route) => {
    await held;
    await route.fallback().catch(() => undefined);
  });
  await page.reload();
  await expect(page.getByTestId('reminder-row').first()).toBeVisible();
  await expect(page.getByTestId('sync-status')).toContainText('Aggiornamento');
  release();
  await waitForSync(page);

  const { word, visible } = await narrowToAFewReminders(page);
  const rows = page.getByTestId('reminder-row');

  // The preview of the first, as the customer will receive it.
  const firstCustomer = (await rows.first().getByRole('button').first().textContent()) ?? '';
  await rows.first().getByRole('button').first().click();
  await expect(page.getByTestId('preview-subject')).toContainText(firstCustomer);
  await expect(page.getByTestId('preview-to')).toContainText('@');
  await page.getByRole('button', { name: 'Chiudi' }).first().click();

  // Drafts for the first two, selected by hand.
  for (const index of [0, 1]) await rows.nth(index).getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Crea bozze' }).click();
  await expect(page.getByRole('alertdialog')).toContainText('Verranno create 2 bozze');
  await page.getByRole('alertdialog').getByRole('button', { name: 'Crea bozze' }).click();
  const panel = page.getByTestId('batch-panel');
  await expect(panel).toContainText('Completato', { timeout: 90_000 });
  await expect(panel).toContainText('Bozze create: 2');
  await expect(page.getByTestId('row-count')).toContainText(`${visible - 2} di ${total - 2}`, {
    timeout: 30_000,
  });

  // Send the rest of the visible ones; close the pane after the first has gone out.
  await page.getByRole('button', { name: 'Altre azioni' }).click();
  await page.getByRole('menuitem', { name: 'Invia', exact: true }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Invia', exact: true }).click();
  await expect(panel).toContainText('Invio solleciti');
  await expect
    .poll(() => stack.graph.control.dump(ENABLED_USER).sent.length, { timeout: 60_000 })
    .toBeGreaterThan(0);
  await page.close();

  const reopened = await context.newPage();
  await reopened.goto(pane.url());
  const resumed = reopened.getByTestId('batch-panel');
  await expect(resumed).toContainText('Invio solleciti', { timeout: 45_000 });
  await expect(resumed).toContainText('Completato', { timeout: 150_000 });
  await expect(resumed).toContainText(`Inviati: ${visible - 2}`);
  await expect(reopened.getByTestId('filter-text')).toHaveValue(word);

  // The mailbox: the drafts and the sent messages are today's communications, each once.
  stack.graph.control.deliverPending();
  const mailbox = stack.graph.control.dump(ENABLED_USER);
  const drafted = mailbox.folders.drafts.map((draft) =>
    property(draft.singleValueExtendedProperties, KEY_PROPERTY_ID),
  );
  expect(drafted).toHaveLength(2);
  expect(mailbox.sent).toHaveLength(visible - 2);
  const triples = new Set<string>();
  for (const message of mailbox.sent) {
    const key = property(message.singleValueExtendedProperties, KEY_PROPERTY_ID) ?? '';
    const communication = expected.get(key);
    if (communication === undefined) throw new Error(`sent a message that is not in today's plan: ${key}`);
    expect(drafted).not.toContain(key);
    expect(message.to).toEqual([...communication.to]);
    // The agent in CC, and one PDF an invoice.
    expect(message.cc).toEqual([...communication.cc]);
    expect(message.attachments.map((attachment) => attachment.name).sort()).toEqual(
      pdfNamesFor(documentsOf(communication).map(({ documentNumber }) => documentNumber)).sort(),
    );
    for (const [itemId, cycle] of decodeItemCycles(
      property(message.singleValueExtendedProperties, ITEMS_PROPERTY_ID) ?? '[]',
    )) {
      const triple = `${itemId}|${communication.levelId}|${cycle}`;
      expect(triples.has(triple)).toBe(false);
      triples.add(triple);
    }
  }
  expect(mailbox.sent.some((message) => message.cc.length > 0)).toBe(true);
  expect(mailbox.sent.some((message) => message.attachments.length > 0)).toBe(true);
  await reopened.setViewportSize({ width: 400, height: 800 });
  stack.erp.mutations.reset();
});

test('an administrator’s new level and edited text change today’s list and the preview', async ({
  page,
  pane,
  stack,
}) => {
  await pane.open({ user: ADMIN });
  await waitForSync(page);
  const rows = page.getByTestId('reminder-row');
  await page.getByTestId('filter-text').fill('Terzo richiamo');
  await expect(page.getByTestId('row-count')).toContainText('0 di ');
  await page.getByTestId('filter-text').fill('');

  // A level between "Estratto conto" (15 days) and "Sollecito" (30 days), with its own subject.
  await page.getByRole('tab', { name: 'Impostazioni' }).click();
  await page.getByRole('button', { name: 'Aggiungi livello' }).click();
  const added = page.getByTestId('level-card').last();
  await added.getByLabel('Nome').fill('Terzo richiamo');
  await added.getByTestId('level-days').fill('22');
  await page.getByTestId('text-level').selectOption({ label: 'Terzo richiamo' });
  await page.getByTestId('text-subject').fill('Terzo richiamo per %Cliente');
  await expect(page.getByTestId('text-preview-subject')).toHaveText(/^Terzo richiamo per \S/);
  await page.getByRole('button', { name: 'Salva nell’ERP' }).click();
  await expect(page.getByTestId('save-outcome')).toHaveText('Configurazione salvata nell’ERP.');

  // Items 22–29 days overdue now get the new level: rows with its badge (listed after the later level's,
  // so filtered by level here), previewed with its subject.
  await page.getByRole('tab', { name: 'Oggi' }).click();
  await page.getByRole('button', { name: /^Filtri/ }).click();
  await page.getByTestId('filter-level').selectOption({ label: 'Terzo richiamo' });
  const newLevelRows = rows.filter({ hasText: 'Terzo richiamo' });
  await expect(newLevelRows.first()).toBeVisible({ timeout: 30_000 });
  const customer = (await newLevelRows.first().getByRole('button').first().textContent()) ?? '';
  await newLevelRows.first().getByRole('button').first().click();
  await expect(page.getByTestId('preview-subject')).toHaveText(`Terzo richiamo per ${customer}`);
  await pane.screenshot('new-level-preview-400');
  stack.erp.mutations.reset();
});
