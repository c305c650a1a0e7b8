/**
 * The mail side from the pane, against the Graph simulator: drafts for the visible reminders land in
 * Drafts (tagged with their keys) and leave today's list; a send batch closed mid-way resumes when the
 * pane opens again and every reminder goes out exactly once; "send to me" goes to the clerk only.
 */
import { ENABLED_USER, expect, test, type Page } from './fixtures';

const KEY_TAG = 'Name SollecitiKey';

async function waitForSync(page: Page): Promise<void> {
  await expect(page.getByTestId('sync-status')).toContainText('Aggiornato alle', { timeout: 45_000 });
}

/** Narrows the list to the reminders of customers whose name contains `text`; returns how many remain. */
async function narrowTo(page: Page, text: string): Promise<number> {
  await page.getByTestId('filter-text').fill(text);
  await expect(page.getByTestId('row-count')).toContainText(' di ');
  return Number((await page.getByTestId('row-count').textContent())?.match(/^(\d+)/)?.[1]);
}

const keyOf = (properties: readonly { id: string; value: string }[]): string | undefined =>
  properties.find((property) => property.id.includes(KEY_TAG))?.value;

test('creating drafts for the visible reminders puts them in Drafts, tagged, and they leave today’s list', async ({
  page,
  pane,
  stack,
}) => {
  await stack.graph.control.reset();
  await pane.open();
  await waitForSync(page);
  const total = Number((await page.getByTestId('row-count').textContent())?.replace(/\D/g, ''));
  const customer =
    (await page.getByTestId('reminder-row').nth(3).getByRole('button').first().textContent()) ?? '';
  const visible = await narrowTo(page, customer);
  expect(visible).toBeGreaterThan(0);

  await page.getByRole('button', { name: 'Crea bozze' }).click();
  const dialog = page.getByRole('alertdialog');
  await expect(dialog).toContainText(
    visible === 1 ? 'Verrà creata 1 bozza' : `Verranno create ${visible} bozze`,
  );
  // The PDFs' total size, measured from the ERP while the dialog is open (the demo ERP has every PDF).
  await expect(dialog.getByTestId('confirm-attachments')).toHaveText(
    /^Allegati: (1 PDF della fattura|\d+ PDF delle fatture), \d+(,\d)? (KB|MB) in totale\.$/,
  );
  await pane.screenshot('confirm-drafts-400');
  await dialog.getByRole('button', { name: 'Crea bozze' }).click();

  const panel = page.getByTestId('batch-panel');
  await expect(panel).toContainText('Creazione bozze');
  await pane.screenshot('batch-drafts-400');
  await expect(panel).toContainText('Completato', { timeout: 90_000 });
  await expect(panel).toContainText(`Bozze create: ${visible}`);
  await pane.screenshot('batch-drafts-done-400');

  const drafts = stack.graph.control.dump(ENABLED_USER).folders.drafts;
  expect(drafts).toHaveLength(visible);
  for (const draft of drafts) {
    expect(draft.subject).toContain(customer);
    expect(keyOf(draft.singleValueExtendedProperties)).toMatch(/^[0-9a-f]{64}$/);
  }
  // Drafted reminders are recorded in the ERP's log: they leave today's list.
  await page.getByTestId('filter-text').fill('');
  await expect(page.getByTestId('row-count')).toHaveText(`${total - visible} comunicazioni`, {
    timeout: 30_000,
  });
  stack.erp.mutations.reset();
});

test('a send batch closed mid-way resumes when the pane opens again, and each reminder goes out once', async ({
  page,
  context,
  pane,
  stack,
}) => {
  // A claim whose answer the closing pane lost is looked for during the settle time (60 s) before its
  // draft is created: the batch may need that long after reopening, as the 120 s wait below allows.
  test.setTimeout(180_000);
  await stack.graph.control.reset();
  await pane.open();
  await waitForSync(page);
  const customerA =
    (await page.getByTestId('reminder-row').nth(5).getByRole('button').first().textContent()) ?? '';
  const visible = await narrowTo(page, customerA.split(' ')[0] ?? customerA);
  expect(visible).toBeGreaterThan(1);

  await page.getByRole('button', { name: 'Altre azioni' }).click();
  await expect(page.getByRole('menuitem', { name: 'Segna come gestito' })).toBeVisible();
  await pane.screenshot('more-actions-400');
  await page.getByRole('menuitem', { name: 'Invia', exact: true }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Invia', exact: true }).click();
  await expect(page.getByTestId('batch-panel')).toContainText('Invio solleciti');
  await page.setViewportSize({ width: 800, height: 900 });
  await pane.screenshot('batch-send-800');
  // Wait for the first send, then close the pane in the middle of the batch.
  await expect
    .poll(() => stack.graph.control.dump(ENABLED_USER).sent.length, { timeout: 60_000 })
    .toBeGreaterThan(0);
  await page.close();
  const sentWhenClosed = stack.graph.control.dump(ENABLED_USER).sent.length;

  const reopened = await context.newPage();
  await reopened.goto(pane.url());
  const panel = reopened.getByTestId('batch-panel');
  await expect(panel).toContainText('Invio solleciti', { timeout: 45_000 });
  await expect(panel).toContainText('Completato', { timeout: 120_000 });
  await expect(panel).toContainText(`Inviati: ${visible}`);

  const sent = stack.graph.control.dump(ENABLED_USER).sent;
  expect(sent.length).toBeGreaterThanOrEqual(sentWhenClosed);
  const keys = sent.map((record) => keyOf(record.singleValueExtendedProperties));
  expect(new Set(keys).size).toBe(keys.length);
  expect(keys).toHaveLength(visible);
  stack.erp.mutations.reset();
});

test('"send to me" sends the previewed reminder to the clerk only, and records nothing', async ({
  page,
  pane,
  stack,
}) => {
  await pane.open();
  await waitForSync(page);
  const before = stack.graph.control.dump(ENABLED_USER).sent.length;
  await page.getByTestId('reminder-row').first().getByRole('button').first().click();
  await page.getByRole('button', { name: 'Invia a me' }).click();
  await expect(page.getByText(`Inviato a ${ENABLED_USER} come prova (non registrato).`)).toBeVisible({
    timeout: 30_000,
  });
  const sent = stack.graph.control.dump(ENABLED_USER).sent.slice(before);
  expect(sent).toHaveLength(1);
  expect(sent[0]?.to).toEqual([ENABLED_USER]);
  expect(sent[0]?.cc).toEqual([]);
});

test('a mass send names its count, says the amount and the time at the pace, and Enter cancels it', async ({
  page,
  pane,
  stack,
}) => {
  await stack.graph.control.reset();
  await pane.open();
  await waitForSync(page);
  const visible = Number(
    (await page.getByTestId('row-count').textContent())?.match(/^([\d.]+)/)?.[1]?.replace(/\./g, ''),
  );
  expect(visible).toBeGreaterThan(10);

  await page.getByRole('button', { name: 'Altre azioni' }).click();
  const count = visible.toLocaleString('it-IT');
  await page.getByRole('menuitem', { name: `Invia ${count} e-mail` }).click();
  const dialog = page.getByRole('alertdialog');
  await expect(dialog).toContainText(`Verranno inviate ${count} e-mail a `);
  await expect(dialog.getByTestId('confirm-amount')).toHaveText(/^Importo sollecitato: [\d.]+,\d\d\u00a0€/);
  await expect(dialog.getByTestId('confirm-duration')).toHaveText(
    /^Durata prevista al ritmo di 25 e-mail al minuto: circa \d+ minuti\.$/,
  );
  // Cancel is the default: focused when the dialog opens, so Enter does not send.
  await expect(dialog.getByRole('button', { name: 'Annulla' })).toBeFocused();
  await expect(dialog.getByRole('button', { name: `Invia ${count} e-mail` })).toBeVisible();
  await pane.screenshot('confirm-mass-send-400');
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('batch-panel')).toHaveCount(0);
  expect(stack.graph.control.dump(ENABLED_USER).sent).toHaveLength(0);
});
