/**
 * Marking handled and the history: a communication recorded as handled in the ERP's log leaves today's
 * list and appears in the history, which is searchable and exports as CSV.
 */
import { readFile } from 'node:fs/promises';
import { ENABLED_USER, expect, test } from './fixtures';
import { erpClient, markHandled, planToday } from './erp-helpers';

test('a reminder marked as handled leaves today’s list and appears in the history, searchable and exported as CSV', async ({
  page,
  pane,
  stack,
}) => {
  const client = erpClient(stack.erpUrl, ENABLED_USER);
  const { communications, customerName } = await planToday(client);
  const [handled] = communications;
  if (handled === undefined) throw new Error('nothing planned today');
  const name = customerName(handled.customerId);

  await pane.open();
  await expect(page.getByTestId('sync-status')).toContainText('Aggiornato alle', { timeout: 45_000 });
  const before = Number((await page.getByTestId('row-count').textContent())?.replace(/\D/g, ''));
  try {
    await markHandled(client, handled);
    await page.getByRole('button', { name: 'Aggiorna' }).first().click();
    await expect(page.getByTestId('row-count')).toHaveText(`${before - 1} comunicazioni`, {
      timeout: 30_000,
    });

    await page.getByRole('tab', { name: 'Storico' }).click();
    const row = page.getByTestId('history-row').filter({ hasText: name });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('Gestito');
    await expect(row).toContainText(`da ${ENABLED_USER}`);
    await pane.screenshot('history-400');

    await page.getByTestId('history-search').fill('nessuno-si-chiama-cosi');
    await expect(page.getByTestId('history-row')).toHaveCount(0);
    await page.getByTestId('history-search').fill(name.split(' ')[0] ?? name);
    await expect(row).toHaveCount(1);

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Esporta CSV' }).click();
    const csv = await readFile(await (await download).path(), 'utf8');
    expect(csv.split('\r\n')[0]).toBe(
      '\ufeffData e ora;Giorno;Utente;Livello;Cliente;Partite;Documenti;Ancora aperto;Valuta;A;Cc;Stato;Id messaggio;Chiave',
    );
    expect(csv).toContain(name);
    expect(csv).toContain(';Gestito;');
  } finally {
    stack.erp.mutations.reset();
  }
});
